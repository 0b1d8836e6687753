/**
 * The runtime's logic without servers (issue 11 §5): applyEvent and group commit against an in-memory
 * ActorStore. The PostgreSQL tests in test/integration/actors prove the same against the real adapter.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { ActorRegistry } from '../../../actors/actorDefinition.js';
import { createActorRuntime, type ActorRuntime, type GroupItem } from '../../../actors/actorRuntime.js';
import { ActorNotFoundError, StaleVersionError } from '../../../actors/errors.js';
import type { Envelope } from '../../../actors/ports.js';
import { createSilentLogger } from '../../../src/logger.js';
import { counterDefinition } from '../../support/counterMachine.js';
import { rejectionOf } from '../../support/rejection.js';
import { createMemoryActorStore, createMemoryInterpreter, type MemoryActorStore } from '../../fakes/memoryActorStore.js';

const CONSUMER = 'batch';

function command(event: { type: string; [k: string]: unknown }, eventId: string = randomUUID()): Envelope {
  return { event_id: eventId, event_type: `command.${event.type}`, event_timestamp: new Date().toISOString(), source_service: 'test', schema_version: 1, correlation_id: randomUUID(), data: event };
}

const item = (batchId: string, event: { type: string; [k: string]: unknown }, eventId?: string): GroupItem => ({
  batchId,
  envelope: command(event, eventId),
  options: { consumer: CONSUMER, source: 'stream' },
});

describe('actor runtime (in-memory store)', () => {
  let store: MemoryActorStore;
  let runtime: ActorRuntime;
  let committed: number;
  let groupSizes: number[];
  let failWhen: Parameters<typeof createMemoryInterpreter>[0];

  beforeEach(() => {
    store = createMemoryActorStore();
    committed = 0;
    groupSizes = [];
    failWhen = undefined;
    runtime = createActorRuntime({
      store,
      registry: new ActorRegistry([counterDefinition]),
      effects: { sourceService: 'test', streamKey: (topic) => `s:${topic}`, timerDurations: {}, now: () => new Date('2026-01-01T00:00:00Z') },
      interpreter: createMemoryInterpreter((action, meta) => failWhen?.(action, meta) ?? false),
      logger: createSilentLogger(),
      metrics: { eventApplied: () => {}, groupApplied: (size) => groupSizes.push(size) },
      onCommitted: () => (committed += 1),
    });
  });

  async function counter(start = 0): Promise<string> {
    const id = randomUUID();
    await runtime.createActor(id, counterDefinition, { start }, command({ type: 'CREATE' }), { consumer: 'rest', source: 'rest' });
    return id;
  }

  const countOf = (id: string) => (store.state.actors.get(id)!.snapshot as { context: { count: number } }).context.count;
  const versionsOf = (id: string) => store.state.journal.filter((j) => j.batchId === id).map((j) => j.version);

  describe('applyEvent', () => {
    it('when an event is accepted, then snapshot, version, journal, inbox and outbox change together', async () => {
      const id = await counter();
      const result = await runtime.applyEvent(id, command({ type: 'INC' }), { consumer: CONSUMER, source: 'stream' });
      expect(result).to.include({ status: 'applied', version: 2, state: 'open' });
      expect(countOf(id)).to.equal(1);
      expect(versionsOf(id)).to.deep.equal([1, 2]);
      expect(store.state.outbox.map((m) => [m.batchVersion, m.stream, m.envelope.data])).to.deep.equal([[2, 's:test.counter.incremented.v1', { count: 1 }]]);
      expect(committed).to.equal(2);
    });

    it('when the same event_id arrives twice, then the second is a duplicate and nothing else is written', async () => {
      const id = await counter();
      const envelope = command({ type: 'INC' });
      await runtime.applyEvent(id, envelope, { consumer: CONSUMER, source: 'stream' });
      expect(await runtime.applyEvent(id, envelope, { consumer: CONSUMER, source: 'stream' })).to.deep.equal({ status: 'duplicate' });
      expect(countOf(id)).to.equal(1);
      expect(versionsOf(id)).to.deep.equal([1, 2]);
    });

    it('when the state does not accept the event, then it is journaled as ignored and the version stays', async () => {
      const id = await counter();
      await runtime.applyEvent(id, command({ type: 'CLOSE' }), { consumer: CONSUMER, source: 'stream' });
      const result = await runtime.applyEvent(id, command({ type: 'INC' }), { consumer: CONSUMER, source: 'stream' });
      expect(result).to.include({ status: 'ignored', version: 2 });
      expect(store.state.journal.at(-1)).to.include({ outcome: 'ignored', fromState: 'closed', toState: 'closed' });
      expect([...store.state.inbox.values()].at(-1)).to.include({ outcome: 'ignored' });
    });

    it('when the batch does not exist, then ActorNotFoundError is thrown and the inbox keeps no trace', async () => {
      const envelope = command({ type: 'INC' });
      expect(await rejectionOf(runtime.applyEvent(randomUUID(), envelope, { consumer: CONSUMER, source: 'stream' }))).to.be.instanceOf(ActorNotFoundError);
      expect([...store.state.inbox.keys()].some((k) => k.endsWith(envelope.event_id))).to.equal(false);
    });

    it('when If-Match names an old version, then StaleVersionError is thrown and nothing is written', async () => {
      const id = await counter();
      expect(await rejectionOf(runtime.applyEvent(id, command({ type: 'INC' }), { consumer: 'rest', source: 'rest', expectedVersion: 7 }))).to.be.instanceOf(StaleVersionError);
      expect(versionsOf(id)).to.deep.equal([1]);
    });

    it('when a timer fires with a superseded token, then the firing is journaled as ignored', async () => {
      const id = await counter();
      await runtime.applyEvent(id, command({ type: 'ARM', delayMs: 10 }), { consumer: 'rest', source: 'rest' });
      const fence = { key: 'deadline', token: 'not-the-live-one' };
      const result = await runtime.applyEvent(id, command({ type: 'DEADLINE' }), { consumer: 'timer', source: 'timer', timerFence: fence });
      expect(result).to.include({ status: 'ignored', reason: 'timer was cancelled or superseded' });
    });
  });

  describe('applyGroup (group commit)', () => {
    it('when a group holds events of two batches, then one transaction commits them with per-event versions and journal rows', async () => {
      const [a, b] = [await counter(), await counter(10)];
      const before = store.commits;
      const results = await runtime.applyGroup([item(a, { type: 'INC' }), item(b, { type: 'INC' }), item(a, { type: 'INC', by: 5 }), item(b, { type: 'CLOSE' })]);
      expect(results.map((r) => r.ok && r.result.status)).to.deep.equal(['applied', 'applied', 'applied', 'applied']);
      expect(results.map((r) => r.ok && 'version' in r.result && r.result.version)).to.deep.equal([2, 2, 3, 3]);
      expect(store.commits - before).to.equal(1);
      expect([countOf(a), countOf(b)]).to.deep.equal([6, 11]);
      expect(store.state.actors.get(a)!.version).to.equal(3);
      expect(store.state.actors.get(b)).to.include({ version: 3, state: 'closed' });
      expect(versionsOf(a)).to.deep.equal([1, 2, 3]);
      expect(store.state.outbox.filter((m) => m.batchId === a).map((m) => m.envelope.data)).to.deep.equal([{ count: 1 }, { count: 6 }]);
      expect(groupSizes).to.deep.equal([4]);
    });

    it('when one event of a group fails, then the others still commit and only it reports the error', async () => {
      const [a, b] = [await counter(), await counter()];
      failWhen = (action, meta) => action.type === 'recordNote' && meta.batchId === b;
      const results = await runtime.applyGroup([item(a, { type: 'INC' }), item(b, { type: 'RECORD', note: 'x' }), item(b, { type: 'INC' })]);
      expect(results.map((r) => r.ok)).to.deep.equal([true, false, true]);
      expect(String(!results[1]!.ok && results[1]!.error)).to.contain('projection recordNote failed');
      expect([countOf(a), countOf(b)]).to.deep.equal([1, 1]);
      expect(versionsOf(b)).to.deep.equal([1, 2]);
      // The failed event left no inbox row, so its redelivery can still apply it.
      expect([...store.state.inbox.keys()].filter((k) => k.startsWith(`${CONSUMER}|`))).to.have.length(2);
    });

    it('when a group repeats an event_id or holds one already applied, then each is applied once and the rest are duplicates', async () => {
      const id = await counter();
      const seen = randomUUID();
      await runtime.applyEvent(id, command({ type: 'INC' }, seen), { consumer: CONSUMER, source: 'stream' });
      const twice = randomUUID();
      const results = await runtime.applyGroup([item(id, { type: 'INC' }, seen), item(id, { type: 'INC' }, twice), item(id, { type: 'INC' }, twice)]);
      expect(results.map((r) => r.ok && r.result.status)).to.deep.equal(['duplicate', 'applied', 'duplicate']);
      expect(countOf(id)).to.equal(2);
      expect(versionsOf(id)).to.deep.equal([1, 2, 3]);
    });

    it('when an event of a group is ignored, then the applied ones around it keep contiguous versions', async () => {
      const id = await counter();
      const results = await runtime.applyGroup([item(id, { type: 'CLOSE' }), item(id, { type: 'INC' }), item(id, { type: 'INC' })]);
      expect(results.map((r) => r.ok && r.result.status)).to.deep.equal(['applied', 'ignored', 'ignored']);
      expect(store.state.journal.filter((j) => j.batchId === id).map((j) => [j.version, j.outcome])).to.deep.equal([[1, 'applied'], [2, 'applied'], [2, 'ignored'], [2, 'ignored']]);
      expect(store.state.actors.get(id)).to.include({ version: 2, state: 'closed' });
    });

    it('when a group names a batch that does not exist, then the others commit and that event is retried alone', async () => {
      const id = await counter();
      const results = await runtime.applyGroup([item(randomUUID(), { type: 'INC' }), item(id, { type: 'INC' })]);
      expect(results[0]!.ok ? null : results[0]!.error).to.be.instanceOf(ActorNotFoundError);
      expect(results[1]).to.deep.include({ ok: true });
      expect(countOf(id)).to.equal(1);
    });

    it('when the group is empty, then nothing is written', async () => {
      const before = store.commits;
      expect(await runtime.applyGroup([])).to.deep.equal([]);
      expect(store.commits).to.equal(before);
    });
  });
});
