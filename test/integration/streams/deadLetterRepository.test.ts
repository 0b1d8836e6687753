import { expect } from 'chai';
import { createDeadLetterSink, listDeadLetters, resolveDeadLetter } from '../../../src/db/deadLetterRepository.js';
import type { DeadLetter } from '../../../src/streams/bus.js';
import { createTestDatabase } from '../../support/infra.js';

describe('dead letter repository', function () {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeEach(async () => {
    db = await createTestDatabase(2);
  });
  afterEach(async () => {
    await db?.destroy();
  });

  const letter = (entryId: string): DeadLetter => ({
    stream: 'huleedu.test.v1',
    group: 'batch',
    entryId,
    eventId: `event-${entryId}`,
    eventType: 'test.v1',
    payload: '{"event_id":"x"}',
    error: 'PoisonMessageError: data.batch_id: required',
    deliveries: 1,
  });

  it('when the same entry is dead-lettered twice (crash before the ack), then one row is kept', async () => {
    const sink = createDeadLetterSink(db.knex);

    await sink.record(letter('1-0'));
    await sink.record({ ...letter('1-0'), deliveries: 2 });

    const rows = await listDeadLetters(db.knex);
    expect(rows).to.have.length(1);
    expect(rows[0]).to.include({ ...letter('1-0'), resolvedAt: null, resolution: null });
  });

  it('when a dead letter is resolved, then it leaves the unresolved list and cannot be resolved again', async () => {
    const sink = createDeadLetterSink(db.knex);
    await sink.record(letter('1-0'));
    await sink.record(letter('2-0'));
    const [newest] = await listDeadLetters(db.knex);

    expect(await resolveDeadLetter(db.knex, newest!.id, 'discarded', 'operator-7')).to.equal(true);
    expect(await resolveDeadLetter(db.knex, newest!.id, 'retried', 'operator-8')).to.equal(false);

    const unresolved = await listDeadLetters(db.knex, { unresolvedOnly: true });
    expect(unresolved.map((row) => row.entryId)).to.deep.equal(['1-0']);
    const all = await listDeadLetters(db.knex);
    expect(all[0]).to.include({ entryId: '2-0', resolution: 'discarded', resolvedBy: 'operator-7' });
    expect(all[0]?.resolvedAt).to.be.instanceOf(Date);
  });
});
