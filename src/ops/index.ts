import { BATCH_DEFINITIONS, BATCH_MACHINE_ID, CURRENT_BATCH_DEFINITION } from '../batches/index.js';
import type { ApiRoute } from '../http/routeKit.js';
import type { OpsDeps } from './deps.js';
import { opsRoutes } from './ops.routes.js';

export type { OpsDeps } from './deps.js';
export { machineGraph, type MachineGraph } from './machineGraph.js';

/** The operator inspector's REST API (issue 6 §3), mounted under this prefix. */
export const OPS_API_PREFIX = '/v1/ops';

/** The machines the inspector draws, by the `machine_id` stored on actor rows: the version new batches start on. */
export const INSPECTED_MACHINES: OpsDeps['machines'] = { [BATCH_MACHINE_ID]: CURRENT_BATCH_DEFINITION.machine };

/** Every registered machine version and the one new batches start on (issue 14). */
export const MACHINE_VERSIONS: OpsDeps['versions'] = { definitions: BATCH_DEFINITIONS, current: { [BATCH_MACHINE_ID]: CURRENT_BATCH_DEFINITION.machineVersion } };

export function opsRouteTable(deps: Omit<OpsDeps, 'machines' | 'versions'> & Partial<Pick<OpsDeps, 'machines' | 'versions'>>): ApiRoute[] {
  return opsRoutes({ machines: INSPECTED_MACHINES, versions: MACHINE_VERSIONS, ...deps });
}
