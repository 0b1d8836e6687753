import { StaleVersionError } from '../../../actors/errors.js';
import { MAX_REMATCHES } from '../../../machines/batch/index.js';
import { conflict } from '../../http/problem.js';
import type { BatchDeps } from '../deps.js';
import { findVisibleBatch } from '../visibleBatches.js';
import { alreadyApplied, applyCommand, etag, ifMatchVersion, statusAfter, VALIDATING, wrongState, type BatchCommand } from './commands.js';
import type { RematchBody } from './validation.schemas.js';

export type RematchRequest = BatchCommand<RematchBody>;

const ACTION = 'matching again';

/**
 * POST /v1/batches/{id}/rematch (issue 14): match the batch again with the class's current roster — after a
 * teacher added the student the matcher could not find. Saved choices are kept unless `keep_choices` is
 * false. Like the other commands: If-Match → 412 when stale; 409 naming the state when not validating, when
 * the batch runs on v1 (it cannot match again until an operator migrates it) or after MAX_REMATCHES.
 */
export async function requestRematch(deps: BatchDeps, request: RematchRequest) {
  const { principal, batchId } = request;
  const expectedVersion = ifMatchVersion(request.headers);
  const batch = await findVisibleBatch(deps.store, principal, batchId);
  if (await alreadyApplied(deps, batchId, request.idempotencyKey)) return present(deps, batchId);
  const version = Number(batch.version);
  if (expectedVersion !== undefined && expectedVersion !== version) throw new StaleVersionError(batchId, expectedVersion, version);
  if (batch.state !== VALIDATING) throw wrongState(batch.state, ACTION);
  const result = await applyCommand(deps, batchId, { type: 'REMATCH_REQUESTED', by: principal.userId, keepChoices: request.body.keep_choices ?? true }, {
    principal, correlationId: request.correlationId, idempotencyKey: request.idempotencyKey, ...(expectedVersion !== undefined && { expectedVersion }),
  });
  if (result.status === 'ignored') throw await refusal(deps, batchId, result.state);
  return present(deps, batchId);
}

/** Why an awaitingValidation batch did not accept the rematch: its machine version, or the bound. */
async function refusal(deps: BatchDeps, batchId: string, state: string) {
  if (state !== VALIDATING) return wrongState(state, ACTION);
  const row = await statusAfter(deps, batchId, ACTION);
  if (row.machine_version < 2) {
    return conflict(`this batch runs on batch machine v${row.machine_version}, which cannot match again; an operator can migrate it to the current version`, {
      state, machine_version: row.machine_version,
    });
  }
  return conflict(`the batch was already matched again ${MAX_REMATCHES} times, the most allowed; confirm or correct the suggestions by hand`, { state, max_rematches: MAX_REMATCHES });
}

async function present(deps: BatchDeps, batchId: string) {
  const row = await statusAfter(deps, batchId, ACTION);
  return { status: 202, headers: etag(row.version), body: { batch_id: batchId, state: row.state, version: row.version, rematches: row.rematches, max_rematches: MAX_REMATCHES } };
}
