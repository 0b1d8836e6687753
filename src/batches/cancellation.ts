import type { Principal } from '../auth/index.js';
import { newEnvelope } from '../contracts/index.js';
import { conflict } from '../http/problem.js';
import { findVisibleBatch } from './batchQueries.js';
import { REST_CONSUMER, type BatchDeps } from './deps.js';

/** DELETE /v1/batches/{id}: cancels a non-final batch; a final one answers 409 with its state. */
export async function cancelBatch(deps: BatchDeps, principal: Principal, batchId: string, correlationId: string) {
  await findVisibleBatch(deps.knex, principal, batchId);
  const envelope = newEnvelope({
    eventType: 'command.CANCEL',
    data: { type: 'CANCEL', by: principal.userId, reason: 'cancelled by the teacher' },
    correlationId,
    sourceService: deps.config.SERVICE_NAME,
  });
  const result = await deps.runtime.applyEvent(batchId, envelope, { consumer: REST_CONSUMER, source: 'rest', actor: principal.userId });
  if (result.status === 'ignored') throw conflict(`batch ${batchId} is ${result.state} and can no longer be cancelled`, { state: result.state });
  return { status: 200, body: { batch_id: batchId, state: result.status === 'applied' ? result.state : 'cancelled' } };
}
