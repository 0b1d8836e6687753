/** runtime.migrateActor (issue 14 §2) against the in-memory ActorStore: one transaction, journaled, or nothing at all. */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { ActorRegistry } from '../../../actors/actorDefinition.js';
import { MigrationRefusedError } from '../../../actors/actorMigration.js';
import { createActorRuntime, type ActorRuntime } from '../../../actors/actorRuntime.js';
import type { Envelope } from '../../../actors/ports.js';
import { BATCH_DEFINITIONS, UnknownBatchStateError, batchDefinition } from '../../../src/batches/index.js';
import { createSilentLogger } from '../../../src/logger.js';
import * as f from '../../support/batchFixtures.js';
import { createMemoryActorStore, createMemoryInterpreter, type MemoryActorStore } from '../../fakes/memoryActorStore.js';

const envelope = (type: string, data: Record<string, unknown>, eventId: string = randomUUID()): Envelope => ({
  event_id: eventId, event_type: type, event_timestamp: new Date().toISOString(), source_service: 'test', schema_version: 1, correlation_id: randomUUID(), data,
});
const command = (event: { type: string }) => envelope(`command.${event.type}`, event as Record<string, unknown>);
const migration = (batchId: string, toVersion = 2, eventId?: string) => ({
  batchId, toVersion, envelope: envelope('operator.MIGRATE_MACHINE', { type: 'MIGRATE_MACHINE', to_version: toVersion }, eventId), consumer: 'operator', actor: 'ops-1',
});

describe('actor runtime: migrateActor (in-memory store)', () => {
  let store: MemoryActorStore;
  let runtime: ActorRuntime;

  beforeEach(() => {
    store = createMemoryActorStore();
    runtime = createActorRuntime({
      store,
      registry: new ActorRegistry([...BATCH_DEFINITIONS]),
      effects: { sourceService: 'test', streamKey: (t) => t, timerDurations: { provisioning: 1, matching: 1, validation: 1, policy: 1 }, now: () => new Date() },
      interpreter: createMemoryInterpreter(),
      logger: createSilentLogger(),
    });
  });

  /** A v1 batch awaiting validation, as a deploy of v2 finds it. */
  async function validatingOnV1(): Promise<string> {
    const input = f.buildBatchInput({ batchId: randomUUID() });
    await runtime.createActor(input.batchId, batchDefinition, { ...input, clientEssayIds: [null, null] }, command({ type: 'REGISTER' }), { consumer: 'rest', source: 'rest' });
    for (const event of [f.provisioned(1), f.provisioned(2), f.suggestions(f.ESSAY_IDS)]) await runtime.applyEvent(input.batchId, command(event), { consumer: 'rest', source: 'rest' });
    expect(store.state.actors.get(input.batchId)).to.include({ state: 'awaitingValidation', machineVersion: 1 });
    return input.batchId;
  }

  it('when a v1 batch awaiting validation is migrated, then its row is on v2 at version + 1 in the same state, journaled with from/to and the operator, and v2 events apply', async () => {
    const batchId = await validatingOnV1();
    const before = store.state.actors.get(batchId)!;
    const result = await runtime.migrateActor(migration(batchId));
    expect(result).to.deep.equal({ status: 'migrated', state: 'awaitingValidation', version: before.version + 1, fromVersion: 1, toVersion: 2 });
    const after = store.state.actors.get(batchId)!;
    expect(after).to.include({ machineVersion: 2, version: before.version + 1, state: 'awaitingValidation' });
    expect((after.snapshot as { context: { rematches: number } }).context.rematches).to.equal(0);
    expect(store.state.journal.at(-1)).to.include({ eventType: 'MIGRATE_MACHINE', outcome: 'applied', source: 'operator', actor: 'ops-1', reason: 'batch v1 → v2', fromState: 'awaitingValidation', toState: 'awaitingValidation' });
    // The validation deadline is the one the batch had: nothing was cancelled or rescheduled.
    const live = [...store.state.timers].filter(([key, t]) => key.includes(batchId) && t.key === 'validation' && !t.cancelled);
    expect(live).to.have.length(1);

    const rematched = await runtime.applyEvent(batchId, command(f.rematchRequested()), { consumer: 'rest', source: 'rest' });
    expect(rematched).to.include({ status: 'applied', state: 'awaitingMatching' });
  });

  it('when the same migration command comes again, then it is a duplicate and nothing is written twice', async () => {
    const batchId = await validatingOnV1();
    const eventId = randomUUID();
    await runtime.migrateActor(migration(batchId, 2, eventId));
    const journaled = store.state.journal.length;
    expect(await runtime.migrateActor(migration(batchId, 2, eventId))).to.deep.equal({ status: 'duplicate' });
    expect(store.state.journal.length).to.equal(journaled);
  });

  it('when the batch is already on the target, then it is skipped and the skip is journaled as ignored', async () => {
    const batchId = await validatingOnV1();
    await runtime.migrateActor(migration(batchId));
    const result = await runtime.migrateActor(migration(batchId));
    expect(result).to.include({ status: 'skipped', reason: 'already on batch v2' });
    expect(store.state.journal.at(-1)).to.include({ eventType: 'MIGRATE_MACHINE', outcome: 'ignored' });
  });

  it('when the persisted state does not exist in its version, then the migration is refused by name and the store is left exactly as it was', async () => {
    const batchId = await validatingOnV1();
    const row = store.state.actors.get(batchId)!;
    store.state.actors.set(batchId, { ...row, snapshot: { ...(row.snapshot as object), value: 'awaitingTeacher' } });
    const before = JSON.stringify([...store.state.actors, store.state.journal.length, store.state.inbox.size]);
    const error = await runtime.migrateActor(migration(batchId)).then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(UnknownBatchStateError);
    expect((error as Error).message).to.match(/"awaitingTeacher" does not exist in batch v1/);
    expect(JSON.stringify([...store.state.actors, store.state.journal.length, store.state.inbox.size])).to.equal(before);
  });

  it('when asked to go back a version, then it is refused', async () => {
    const batchId = await validatingOnV1();
    await runtime.migrateActor(migration(batchId));
    const error = await runtime.migrateActor(migration(batchId, 1)).then(() => null, (e: unknown) => e);
    expect(error).to.be.instanceOf(MigrationRefusedError);
  });
});
