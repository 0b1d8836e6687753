import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ActorNotFoundError, StaleVersionError } from '../../../actors/errors.js';
import { createTestDatabase } from '../../support/infra.js';
import { closeAllRuntimes, command, counterRuntime, newCounter } from '../../support/runtimeHarness.js';

describe('applyEvent — the single write path', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => {
    db = await createTestDatabase(20);
  });
  after(async () => {
    await closeAllRuntimes();
    await db.destroy();
  });

  const journal = (knex: Knex, batchId: string) => knex('batch_journal').where({ batch_id: batchId }).orderBy('id');

  it('when the same event_id is delivered 5 times, then it is applied once and the rest are duplicates', async () => {
    const runtime = counterRuntime(db);
    const batchId = await newCounter(runtime);
    const envelope = command({ type: 'INC' });
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await runtime.applyEvent(batchId, envelope, { consumer: 'batch', source: 'stream' }));
    expect(results.map((r) => r.status)).to.deep.equal(['applied', 'duplicate', 'duplicate', 'duplicate', 'duplicate']);
    const row = await db.knex('batches').where({ id: batchId }).first();
    expect(row.snapshot.context.count).to.equal(1);
    expect(await db.knex('outbox').where({ batch_id: batchId }).count('* as n').first()).to.deep.equal({ n: 1 });
  });

  it('when two runtimes on separate pools race the same event_id 5 times each, then it is applied exactly once', async () => {
    const runtimes = [counterRuntime(db), counterRuntime(db)];
    const batchId = await newCounter(runtimes[0]!);
    const envelope = command({ type: 'INC' });
    const attempts = Array.from({ length: 10 }, (_, i) => runtimes[i % 2]!.applyEvent(batchId, envelope, { consumer: 'batch', source: 'stream' }));
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses.filter((s) => s === 'applied')).to.have.length(1);
    expect(statuses.filter((s) => s === 'duplicate')).to.have.length(9);
    const row = await db.knex('batches').where({ id: batchId }).first();
    expect(row.snapshot.context.count).to.equal(1);
  });

  it('when 8 writers on separate connections send 500 events to one actor, then versions 1..501 are contiguous and none is lost', async () => {
    const runtimes = Array.from({ length: 8 }, () => counterRuntime(db, { poolMax: 1 }));
    const batchId = await newCounter(runtimes[0]!);
    await Promise.all(
      runtimes.map(async (runtime, writer) => {
        for (let i = writer; i < 500; i += 8) await runtime.applyEvent(batchId, command({ type: 'INC' }), { consumer: 'batch', source: 'stream' });
      }),
    );
    const versions = (await journal(db.knex, batchId).where({ outcome: 'applied' })).map((r) => r.version);
    expect(versions).to.deep.equal(Array.from({ length: 501 }, (_, i) => i + 1));
    const row = await db.knex('batches').where({ id: batchId }).first();
    expect(row.version).to.equal(501);
    expect(row.snapshot.context.count).to.equal(500);
  });

  it('when an event is not accepted in the current state, then it is journaled as ignored with the state and the version does not move', async () => {
    const runtime = counterRuntime(db);
    const batchId = await newCounter(runtime);
    await runtime.applyEvent(batchId, command({ type: 'CLOSE' }), { consumer: 'rest', source: 'rest' });
    const late = command({ type: 'INC' });
    const result = await runtime.applyEvent(batchId, late, { consumer: 'rest', source: 'rest', actor: 'teacher-1' });
    expect(result).to.include({ status: 'ignored', state: 'closed', version: 2 });
    const last = (await journal(db.knex, batchId)).at(-1);
    expect(last).to.include({ outcome: 'ignored', event_type: 'INC', from_state: 'closed', to_state: 'closed', actor: 'teacher-1', message_id: late.event_id });
    expect(last.reason).to.match(/not accepted in state closed/);
    const inbox = await db.knex('inbox').where({ consumer: 'rest', message_id: late.event_id }).first();
    expect(inbox.status).to.equal('ignored');
  });

  it('when an envelope is not an input of the machine, then it is journaled as ignored, never dropped silently', async () => {
    const runtime = counterRuntime(db);
    const batchId = await newCounter(runtime);
    const envelope = { ...command({ type: 'INC' }), event_type: 'huleedu.unrelated.v1' };
    const result = await runtime.applyEvent(batchId, envelope, { consumer: 'batch', source: 'stream' });
    expect(result.status).to.equal('ignored');
    const last = (await journal(db.knex, batchId)).at(-1);
    expect(last).to.include({ outcome: 'ignored', event_type: 'huleedu.unrelated.v1' });
  });

  it('when If-Match names an old version, then StaleVersionError is thrown and nothing is written', async () => {
    const runtime = counterRuntime(db);
    const batchId = await newCounter(runtime);
    await runtime.applyEvent(batchId, command({ type: 'INC' }), { consumer: 'rest', source: 'rest' });
    const stale = command({ type: 'INC' });
    let caught: unknown;
    try {
      await runtime.applyEvent(batchId, stale, { consumer: 'rest', source: 'rest', expectedVersion: 1 });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(StaleVersionError).with.property('actual', 2);
    expect(await db.knex('inbox').where({ message_id: stale.event_id }).first()).to.equal(undefined);
  });

  it('when the batch does not exist, then ActorNotFoundError is thrown and the inbox keeps no trace, so a retry can succeed', async () => {
    const runtime = counterRuntime(db);
    const envelope = command({ type: 'INC' });
    const missing = randomUUID();
    let caught: unknown;
    try {
      await runtime.applyEvent(missing, envelope, { consumer: 'batch', source: 'stream' });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(ActorNotFoundError);
    expect(await db.knex('inbox').where({ message_id: envelope.event_id }).first()).to.equal(undefined);
  });

  it('when a projection fails, then snapshot, journal, inbox and outbox roll back together', async () => {
    const failing = counterRuntime(db, { recordNote: async () => { throw new Error('read model down'); } });
    const batchId = await newCounter(failing);
    await failing.applyEvent(batchId, command({ type: 'INC' }), { consumer: 'rest', source: 'rest' });
    const envelope = command({ type: 'RECORD', note: 'x' });
    let caught: unknown;
    try {
      await failing.applyEvent(batchId, envelope, { consumer: 'rest', source: 'rest' });
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(Error).with.property('message', 'read model down');
    const row = await db.knex('batches').where({ id: batchId }).first();
    expect(row.version).to.equal(2);
    expect(await journal(db.knex, batchId)).to.have.length(2);
    expect(await db.knex('inbox').where({ message_id: envelope.event_id }).first()).to.equal(undefined);
  });

  it('when an event emits, then the outbox row commits with the step and its event_id is the row id', async () => {
    const runtime = counterRuntime(db);
    const batchId = await newCounter(runtime, 41);
    const trigger = command({ type: 'INC' });
    await runtime.applyEvent(batchId, trigger, { consumer: 'rest', source: 'rest' });
    const [row] = await db.knex('outbox').where({ batch_id: batchId });
    expect(row.envelope.event_id).to.equal(row.id);
    expect(row.envelope.data).to.deep.equal({ count: 42 });
    expect(row.envelope.correlation_id).to.equal(trigger.correlation_id);
    expect(row.batch_version).to.equal(2);
  });
});
