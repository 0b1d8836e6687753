import type { ApiRoute } from '../http/routeKit.js';
import { batchRoutes } from './batches.routes.js';
import { validationRoutes } from './validation/index.js';
import type { BatchDeps } from './deps.js';
import { newBatchDefinition } from './batchVersions.js';

export { batchDefinition, BATCH_MACHINE_ID } from './batchDefinition.js';
export { BATCH_DEFINITIONS, CURRENT_BATCH_DEFINITION, batchDefinitionV2, batchRegistry, newBatchDefinition } from './batchVersions.js';
export { UnknownBatchStateError } from './snapshotStates.js';
export { batchStreamRoutes, BATCH_GROUP } from './batchStreams.js';
export { createBatchInterpreter } from './projections/index.js';
export type { BatchDeps } from './deps.js';
export type { BatchStore } from './batchStore.js';
export type { BatchOperatorReads, JournalRow, OperatorBatchSearch, TimerRow } from './batchOperatorReads.js';
export { createPgBatchStore } from './store/pgBatchStore.js';
export { createTimeoutPolicyConsumer } from './validation/index.js';

export const BATCH_API_PREFIX = '/v1';

/** The batch feature's /v1 route table (registration, intake, validation). */
export function batchRouteTable(deps: BatchDeps): ApiRoute[] {
  newBatchDefinition(deps.config.NEW_BATCH_VERSION); // an unregistered NEW_BATCH_VERSION stops the start, not the first registration
  return [...batchRoutes(deps), ...validationRoutes(deps)];
}
