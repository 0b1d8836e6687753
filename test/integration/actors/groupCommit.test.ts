import { expect } from 'chai';
import { ActorNotFoundError } from '../../../actors/errors.js';
import type { GroupItem } from '../../../actors/actorRuntime.js';
import type { RowsStatement } from '../../../src/db/actorStore.js';
import { createTestDatabase } from '../../support/infra.js';
import { closeAllRuntimes, command, counterRuntime, newCounter } from '../../support/runtimeHarness.js';

/** Issue 11 §2–3: a group is one transaction — rows locked and saved in one statement each, multi-row projections buffered. */
describe('group commit on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => {
    db = await createTestDatabase(20);
    await db.knex.schema.createTable('group_commit_notes', (t) => {
      t.uuid('batch_id').notNullable();
      t.text('note').notNullable();
    });
  });
  after(async () => {
    await closeAllRuntimes();
    await db.destroy();
  });

  const inc = (batchId: string): GroupItem => ({ batchId, envelope: command({ type: 'INC' }), options: { consumer: 'batch', source: 'stream' } });
  const appliedVersions = async (batchId: string) =>
    (await db.knex('batch_journal').where({ batch_id: batchId, outcome: 'applied' }).orderBy('id')).map((r: { version: string | number }) => Number(r.version));

  it('when a group interleaves events for three batches, then each batch gets contiguous versions, its count and one inbox row per event', async () => {
    const runtime = counterRuntime(db);
    const ids = [await newCounter(runtime), await newCounter(runtime), await newCounter(runtime)];
    const items = Array.from({ length: 12 }, (_, i) => inc(ids[i % 3]!));
    const results = await runtime.applyGroup(items);
    expect(results.map((r) => r.ok && r.result.status)).to.deep.equal(Array(12).fill('applied'));
    for (const id of ids) {
      expect(await appliedVersions(id)).to.deep.equal([1, 2, 3, 4, 5]);
      const row = await db.knex('batches').where({ id }).first();
      expect([Number(row.version), row.snapshot.context.count]).to.deep.equal([5, 4]);
    }
    const inbox = await db.knex('inbox').whereIn('message_id', items.map((i) => i.envelope.event_id));
    expect(inbox.map((r: { status: string }) => r.status)).to.deep.equal(Array(12).fill('applied'));
  });

  it('when one event of a group names a batch that does not exist, then the others are applied and only that one fails', async () => {
    const runtime = counterRuntime(db);
    const id = await newCounter(runtime);
    const missing = inc('00000000-0000-4000-8000-000000000001');
    const results = await runtime.applyGroup([inc(id), missing, inc(id)]);
    expect(results[0]!.ok && results[2]!.ok).to.equal(true);
    expect(!results[1]!.ok && results[1]!.error).to.be.instanceOf(ActorNotFoundError);
    expect(await appliedVersions(id)).to.deep.equal([1, 2, 3]);
    expect(await db.knex('inbox').where({ message_id: missing.envelope.event_id })).to.have.length(0); // a retry can still succeed
  });

  it('when two processes commit groups over the same batches in opposite orders, then neither deadlocks and no event is lost', async () => {
    const [a, b] = [counterRuntime(db, { poolMax: 2 }), counterRuntime(db, { poolMax: 2 })];
    const ids = await Promise.all(Array.from({ length: 6 }, () => newCounter(a)));
    const reversed = [...ids].reverse();
    for (let round = 0; round < 15; round++) {
      const results = await Promise.all([a.applyGroup(ids.map(inc)), b.applyGroup(reversed.map(inc))]);
      expect(results.flat().filter((r) => !r.ok)).to.deep.equal([]);
    }
    for (const id of ids) expect(await appliedVersions(id)).to.deep.equal(Array.from({ length: 31 }, (_, i) => i + 1));
  });

  it('when steps buffer rows of a multi-row statement, then they land in one statement and a later read in the same transaction sees them', async () => {
    const NOTE: RowsStatement = {
      name: 'test_group_commit_note',
      text: 'INSERT INTO group_commit_notes (batch_id, note) SELECT * FROM unnest($1::uuid[], $2::text[])',
      key: ([batchId, note]) => `${String(batchId)}/${String(note)}`,
    };
    const seenByLastStep: number[] = [];
    const runtime = counterRuntime(db, {
      recordNote: async (sql, params, meta) => {
        const note = (params as { note: string }).note;
        if (note === 'count') seenByLastStep.push(Number((await sql.run<{ n: string }>(sql.knex('group_commit_notes').where({ batch_id: meta.batchId }).count('* as n')))[0]!.n));
        else await sql.buffer(NOTE, [meta.batchId, note]);
      },
    });
    const id = await newCounter(runtime);
    const record = (note: string): GroupItem => ({ batchId: id, envelope: command({ type: 'RECORD', note }), options: { consumer: 'batch', source: 'stream' } });
    const results = await runtime.applyGroup([record('a'), record('b'), record('c'), record('count'), record('d')]);
    expect(results.every((r) => r.ok)).to.equal(true);
    expect(seenByLastStep).to.deep.equal([3]);
    expect((await db.knex('group_commit_notes').where({ batch_id: id }).orderBy('note')).map((r: { note: string }) => r.note)).to.deep.equal(['a', 'b', 'c', 'd']);
  });
});
