import { expect } from 'chai';
import { createTimerPoller } from '../../../actors/timerPoller.js';
import { createKnexTimerStore } from '../../../src/db/timerStore.js';
import { createSilentLogger } from '../../../src/logger.js';
import { createTestDatabase } from '../../support/infra.js';
import { closeAllRuntimes, command, counterRuntime, newCounter } from '../../support/runtimeHarness.js';
import type { ActorRuntime } from '../../../actors/actorRuntime.js';
import type { Knex } from 'knex';

describe('durable timers', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let runtime: ActorRuntime;
  before(async () => {
    db = await createTestDatabase(20);
    runtime = counterRuntime(db);
  });
  after(async () => {
    await closeAllRuntimes();
    await db.destroy();
  });

  const poller = (knex: Knex) =>
    createTimerPoller({ store: createKnexTimerStore(knex), runtime: counterRuntime(db), logger: createSilentLogger(), sourceService: 'test', intervalMs: 60_000 });
  const state = async (batchId: string) => (await db.knex('batches').where({ id: batchId }).first()).state;
  const firings = (batchId: string) => db.knex('batch_journal').where({ batch_id: batchId, event_type: 'DEADLINE', outcome: 'applied' });
  /** Moves a timer's due time into the past, as if the deadline passed while no process ran. */
  const makeOverdue = (batchId: string) => db.knex('timers').where({ batch_id: batchId }).update({ due_at: db.knex.raw(`now() - interval '1 hour'`) });

  it('when a timer is scheduled, then its row and the batch deadline are written in the same step', async () => {
    const batchId = await newCounter(runtime);
    await runtime.applyEvent(batchId, command({ type: 'ARM', delayMs: 3_600_000 }), { consumer: 'rest', source: 'rest' });
    const timer = await db.knex('timers').where({ batch_id: batchId, timer_key: 'deadline' }).first();
    const batch = await db.knex('batches').where({ id: batchId }).first();
    expect(timer.event).to.deep.equal({ type: 'DEADLINE' });
    expect(batch.deadline_at?.getTime()).to.equal(timer.due_at.getTime());
  });

  it('when a timer fell due while no process ran, then the first sweep fires it exactly once even with three pollers sweeping at once', async () => {
    const batchId = await newCounter(runtime);
    await runtime.applyEvent(batchId, command({ type: 'ARM', delayMs: 3_600_000 }), { consumer: 'rest', source: 'rest' });
    await makeOverdue(batchId);
    const pollers = [poller(db.knex), poller(db.knex), poller(db.knex)];
    await Promise.all(pollers.map((p) => p.runOnce()));
    await Promise.all(pollers.map((p) => p.runOnce()));
    expect(await state(batchId)).to.equal('expired');
    expect(await firings(batchId)).to.have.length(1);
    const timer = await db.knex('timers').where({ batch_id: batchId }).first();
    expect(timer.fired_at).to.be.instanceOf(Date);
  });

  it('when a timer is not yet due, then a sweep leaves it alone', async () => {
    const batchId = await newCounter(runtime);
    await runtime.applyEvent(batchId, command({ type: 'ARM', delayMs: 3_600_000 }), { consumer: 'rest', source: 'rest' });
    await poller(db.knex).runOnce();
    expect(await state(batchId)).to.equal('open');
  });

  it('when a timer is cancelled before it falls due, then it never fires', async () => {
    const batchId = await newCounter(runtime);
    await runtime.applyEvent(batchId, command({ type: 'ARM', delayMs: 3_600_000 }), { consumer: 'rest', source: 'rest' });
    await runtime.applyEvent(batchId, command({ type: 'DISARM' }), { consumer: 'rest', source: 'rest' });
    await makeOverdue(batchId);
    await poller(db.knex).runOnce();
    expect(await state(batchId)).to.equal('open');
    expect(await firings(batchId)).to.have.length(0);
  });

  it('when a claimed timer is superseded before it is applied, then the old token is ignored as stale and the new one still fires', async () => {
    const batchId = await newCounter(runtime);
    await runtime.applyEvent(batchId, command({ type: 'ARM', delayMs: 3_600_000 }), { consumer: 'rest', source: 'rest' });
    await makeOverdue(batchId);
    const [claimed] = await createKnexTimerStore(db.knex).claimDue(50, 60_000);
    await runtime.applyEvent(batchId, command({ type: 'ARM', delayMs: 3_600_000 }), { consumer: 'rest', source: 'rest' });
    const stale = await runtime.applyEvent(batchId, { ...command({ type: 'DEADLINE' }), event_id: `timer:stale:${claimed!.token}` }, {
      consumer: 'timer', source: 'timer', timerFence: { key: 'deadline', token: claimed!.token },
    });
    expect(stale).to.include({ status: 'ignored', reason: 'timer was cancelled or superseded' });
    await makeOverdue(batchId);
    await poller(db.knex).runOnce();
    expect(await state(batchId)).to.equal('expired');
    expect(await firings(batchId)).to.have.length(1);
  });

  it('when the batch left the state that set the timer, then the firing is journaled as ignored', async () => {
    const batchId = await newCounter(runtime);
    await runtime.applyEvent(batchId, command({ type: 'ARM', delayMs: 3_600_000 }), { consumer: 'rest', source: 'rest' });
    await runtime.applyEvent(batchId, command({ type: 'CLOSE' }), { consumer: 'rest', source: 'rest' });
    await makeOverdue(batchId);
    await poller(db.knex).runOnce();
    const ignored = await db.knex('batch_journal').where({ batch_id: batchId, event_type: 'DEADLINE', outcome: 'ignored' });
    expect(ignored).to.have.length(1);
    expect(await state(batchId)).to.equal('closed');
  });
});
