/**
 * Moving a live actor to another version of its machine (issue 14 §2): chosen by an operator, never
 * automatic. In the actor's own transaction, like an event: inbox dedupe → row lock → the target
 * definition's typed `migrateFrom` → the target parses and resolves the result → row saved with the new
 * machine version and version + 1 → journaled (from version, to version, by whom). The state is kept as
 * it is; nothing runs (no entry actions, no timers touched). A snapshot the migration cannot place throws,
 * and the transaction rolls back: the batch stays on its version, untouched.
 */
import type { ActorRegistry } from './actorDefinition.js';
import { ActorNotFoundError } from './errors.js';
import type { ActorRow, ActorStore, ActorTx, Envelope } from './ports.js';

export const MIGRATE_EVENT = 'MIGRATE_MACHINE';

export interface MigrateRequest {
  batchId: string;
  toVersion: number;
  /** `operator.MIGRATE_MACHINE`; its event_id deduplicates a retried command. */
  envelope: Envelope;
  consumer: string;
  actor: string;
}

export type MigrateResult =
  | { status: 'migrated'; state: string; version: number; fromVersion: number; toVersion: number }
  | { status: 'skipped'; state: string; version: number; fromVersion: number; reason: string }
  | { status: 'duplicate' };

export class MigrationRefusedError extends Error {
  override readonly name = 'MigrationRefusedError';
}

export async function migrateActor(deps: { store: ActorStore; registry: ActorRegistry }, request: MigrateRequest): Promise<MigrateResult> {
  return deps.store.transaction(async (tx) => {
    if (!(await tx.claimInbox(request.consumer, request.envelope.event_id, request.batchId))) return { status: 'duplicate' };
    const [row] = await tx.lockActors([request.batchId]);
    if (!row) throw new ActorNotFoundError(request.batchId);
    if (row.machineVersion === request.toVersion) return skip(tx, row, request, `already on ${row.machineId} v${row.machineVersion}`);
    if (row.machineVersion > request.toVersion) throw new MigrationRefusedError(`batch ${row.id} is on ${row.machineId} v${row.machineVersion}; migrations go forward only`);
    const from = deps.registry.get(row.machineId, row.machineVersion);
    const target = deps.registry.get(row.machineId, request.toVersion);
    if (!target.migrateFrom) throw new MigrationRefusedError(`${row.machineId} v${request.toVersion} defines no migration`);
    const migrated = target.migrateFrom(from.parseSnapshot(row.snapshot), row.machineVersion);
    const parsed = target.parseSnapshot(migrated);
    target.machine.resolveState({ value: parsed.value as never, context: parsed.context as never });
    const saved: ActorRow = { ...row, machineVersion: request.toVersion, snapshot: migrated, version: row.version + 1 };
    await tx.saveActors([{ row: saved, expectedVersion: row.version }]);
    await tx.appendJournal({
      ...journalBase(row, request), version: saved.version, outcome: 'applied', fromState: row.state, toState: row.state, actions: [],
      reason: `${row.machineId} v${row.machineVersion} → v${request.toVersion}`,
    });
    await tx.setInboxOutcome(request.consumer, request.envelope.event_id, 'applied');
    return { status: 'migrated', state: row.state, version: saved.version, fromVersion: row.machineVersion, toVersion: request.toVersion };
  });
}

async function skip(tx: ActorTx, row: ActorRow, request: MigrateRequest, reason: string): Promise<MigrateResult> {
  await tx.appendJournal({ ...journalBase(row, request), version: row.version, outcome: 'ignored', fromState: row.state, toState: row.state, actions: [], reason });
  await tx.setInboxOutcome(request.consumer, request.envelope.event_id, 'ignored', reason);
  return { status: 'skipped', state: row.state, version: row.version, fromVersion: row.machineVersion, reason };
}

function journalBase(row: ActorRow, request: MigrateRequest) {
  return {
    batchId: row.id,
    eventType: MIGRATE_EVENT,
    event: request.envelope,
    source: 'operator' as const,
    messageId: request.envelope.event_id,
    correlationId: request.envelope.correlation_id,
    actor: request.actor,
  };
}
