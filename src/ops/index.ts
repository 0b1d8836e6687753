import { BATCH_MACHINE_ID, batchDefinition } from '../batches/index.js';
import type { ApiRoute } from '../http/routeKit.js';
import type { OpsDeps } from './deps.js';
import { opsRoutes } from './ops.routes.js';

export type { OpsDeps } from './deps.js';
export { machineGraph, type MachineGraph } from './machineGraph.js';

/** The operator inspector's REST API (issue 6 §3), mounted under this prefix. */
export const OPS_API_PREFIX = '/v1/ops';

/** The machines the inspector draws, by the `machine_id` stored on actor rows. */
export const INSPECTED_MACHINES: OpsDeps['machines'] = { [BATCH_MACHINE_ID]: batchDefinition.machine };

export function opsRouteTable(deps: Omit<OpsDeps, 'machines'> & Partial<Pick<OpsDeps, 'machines'>>): ApiRoute[] {
  return opsRoutes({ machines: INSPECTED_MACHINES, ...deps });
}
