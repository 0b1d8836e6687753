import type { Principal } from '../auth/index.js';
import { newEnvelope } from '../contracts/index.js';
import { FINAL_BATCH_STATES } from '../../machines/batch/index.js';
import { conflict } from '../http/problem.js';
import { REST_CONSUMER, type BatchDeps } from './deps.js';
import { findVisibleBatch } from './visibleBatches.js';

/** DELETE /v1/batches/{id}: cancels a non-final batch; a final one answers 409 with its state. */
export async function cancelBatch(deps: BatchDeps, principal: Principal, batchId: string, correlationId: string) {
  const batch = await findVisibleBatch(deps.store, principal, batchId);
  // Issue 10: a refusal known from the row needs no event — repeating it must not grow the journal and inbox.
  // A batch that turns final meanwhile is still refused below, by applyEvent under the batch lock.
  if ((FINAL_BATCH_STATES as readonly string[]).includes(batch.state)) throw noLongerCancellable(batchId, batch.state);
  const envelope = newEnvelope({
    eventType: 'command.CANCEL',
    data: { type: 'CANCEL', by: principal.userId, reason: 'cancelled by the teacher' },
    correlationId,
    sourceService: deps.config.SERVICE_NAME,
  });
  const result = await deps.runtime.applyEvent(batchId, envelope, { consumer: REST_CONSUMER, source: 'rest', actor: principal.userId });
  if (result.status === 'ignored') throw noLongerCancellable(batchId, result.state);
  return { status: 200, body: { batch_id: batchId, state: result.status === 'applied' ? result.state : 'cancelled' } };
}

const noLongerCancellable = (batchId: string, state: string) => conflict(`batch ${batchId} is ${state} and can no longer be cancelled`, { state });
