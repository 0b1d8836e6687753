/**
 * Explicit snapshot migrations between batch machine versions (issue 14 §2). Pure and typed, one step per
 * version (n → n+1), applied only when an operator chooses to move a batch; batches not migrated keep
 * running on the version they started on. A state the target version does not have is refused — a
 * migration never guesses where a batch should be.
 */
import type { AnyStateMachine } from 'xstate';
import { batchMachine, batchMachineV2, type BatchMachineVersion } from './batch.machine.js';
import type { BatchContext, BatchState } from './batch.types.js';

export interface BatchSnapshotV1 {
  value: BatchState;
  context: Omit<BatchContext, 'rematches'>;
}

export interface BatchSnapshotV2 {
  value: BatchState;
  context: BatchContext & { rematches: number };
}

/** The persisted form of any version, as read from a row (validated by the target step). */
export interface PersistedBatchSnapshot {
  value: unknown;
  context: Record<string, unknown>;
}

export class SnapshotMigrationError extends Error {
  override readonly name = 'SnapshotMigrationError';
  constructor(
    readonly fromVersion: number,
    readonly toVersion: number,
    readonly state: unknown,
    message: string,
  ) {
    super(message);
  }
}

export const BATCH_MACHINES: Readonly<Record<BatchMachineVersion, AnyStateMachine>> = { 1: batchMachine, 2: batchMachineV2 };

/** The top-level state names of a version (the batch machine is flat). */
export function statesOf(version: number): string[] {
  const machine = BATCH_MACHINES[version as BatchMachineVersion];
  return machine ? Object.keys(machine.root.states) : [];
}

function assertState(value: unknown, version: number, from: number, to: number): asserts value is BatchState {
  if (typeof value === 'string' && statesOf(version).includes(value)) return;
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  throw new SnapshotMigrationError(from, to, value, `state "${shown}" does not exist in batch v${version} (its states: ${statesOf(version).join(', ')}); refusing to migrate v${from} → v${to}`);
}

/** v1 → v2: same states; the context gains the rematch counter (none asked yet). */
export function migrateV1toV2(snapshot: BatchSnapshotV1): BatchSnapshotV2 {
  assertState(snapshot.value, 1, 1, 2);
  assertState(snapshot.value, 2, 1, 2);
  return { value: snapshot.value, context: { ...snapshot.context, rematches: 0 } };
}

/** BATCH_MIGRATIONS[n] takes a version-n snapshot to version n+1. */
export const BATCH_MIGRATIONS: Readonly<Record<number, (snapshot: never) => PersistedBatchSnapshot>> = {
  1: (snapshot: BatchSnapshotV1) => migrateV1toV2(snapshot) as unknown as PersistedBatchSnapshot,
};

/** Chains the steps from `from` to `to` (forward only); a missing step or a lost state throws SnapshotMigrationError. */
export function migrateBatchSnapshot(snapshot: PersistedBatchSnapshot, from: number, to: number): PersistedBatchSnapshot {
  if (!(to > from)) throw new SnapshotMigrationError(from, to, snapshot.value, `batch migrations go forward only (v${from} → v${to} asked)`);
  let current = snapshot;
  for (let version = from; version < to; version++) {
    const step = BATCH_MIGRATIONS[version];
    if (!step) throw new SnapshotMigrationError(from, to, snapshot.value, `no migration from batch v${version} to v${version + 1} is defined`);
    current = step(current as never);
  }
  return current;
}
