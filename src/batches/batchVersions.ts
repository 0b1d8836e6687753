/**
 * Every registered version of the batch machine (issue 14): a batch row names its `machine_version` and
 * keeps running on that version (pinned) until an operator migrates it; a version stays here until no live
 * batch uses it (docs/versions.md). The replay fixtures of each version are replayed against it in CI.
 */
import { z } from 'zod';
import { ActorRegistry, type ActorDefinition } from '../../actors/actorDefinition.js';
import { batchMachineV2, migrateBatchSnapshot } from '../../machines/batch/index.js';
import { batchDefinition, snapshotSchema as batchSnapshotSchema } from './batchDefinition.js';
import { parseKnownState } from './snapshotStates.js';

/** jsonb is a boundary: v2 rows carry the rematch counter; a state v2 lacks is named, never guessed. */
const snapshotV2Schema = batchSnapshotSchema.extend({
  context: batchSnapshotSchema.shape.context.extend({ rematches: z.number().int().min(0) }),
});

/** v2 = v1 + "match again" (REMATCH_REQUESTED); the same inputs, events and row attributes. */
export const batchDefinitionV2: ActorDefinition = {
  ...batchDefinition,
  machineVersion: 2,
  machine: batchMachineV2,
  parseSnapshot: (raw) => parseKnownState(raw, 2, (value) => snapshotV2Schema.parse(value)),
  migrateFrom: (snapshot, fromVersion) => migrateBatchSnapshot(snapshot, fromVersion, 2),
};

export const BATCH_DEFINITIONS: readonly ActorDefinition[] = [batchDefinition, batchDefinitionV2];

/** New batches start on the newest version (unless NEW_BATCH_VERSION pins another, see newBatchDefinition). */
export const CURRENT_BATCH_DEFINITION: ActorDefinition = batchDefinitionV2;

export const batchRegistry = new ActorRegistry([...BATCH_DEFINITIONS]);

/** The definition new batches start on: NEW_BATCH_VERSION when set (it must be registered), else the newest. */
export function newBatchDefinition(pinned: number | undefined): ActorDefinition {
  return pinned === undefined ? CURRENT_BATCH_DEFINITION : batchRegistry.get(CURRENT_BATCH_DEFINITION.machineId, pinned);
}
