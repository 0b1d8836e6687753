import { StaleVersionError } from '../../../actors/errors.js';
import { notFound, unprocessable } from '../../http/problem.js';
import type { BatchDeps } from '../deps.js';
import { findVisibleBatch } from '../visibleBatches.js';
import { pickedNames, toAssociationView } from './associationView.js';
import { alreadyApplied, applyCommand, etag, ifMatchVersion, VALIDATING, wrongState, type BatchCommand } from './commands.js';
import type { ChoiceBody } from './validation.schemas.js';

export interface ChoiceRequest extends BatchCommand<ChoiceBody> {
  essayId: string;
}

/**
 * PUT …/student-associations/{essay_id}: the teacher's pick for one essay, saved as an event
 * (versioned and journaled). The checks here give precise answers early; applyEvent re-checks the
 * version and the state under the batch lock, so a race still ends in 412 or 409, never a lost write.
 */
export async function changeChoice(deps: BatchDeps, request: ChoiceRequest) {
  const { principal, batchId, essayId, body } = request;
  const expectedVersion = ifMatchVersion(request.headers);
  const batch = await findVisibleBatch(deps.store, principal, batchId);
  const [essay] = await deps.store.associationsOf(batchId, { essayId });
  if (!essay) throw notFound(`essay ${essayId} in batch ${batchId}`);
  if (await alreadyApplied(deps, batchId, request.idempotencyKey)) return presentChoice(deps, batchId, essayId, undefined);
  const version = Number(batch.version);
  if (expectedVersion !== undefined && expectedVersion !== version) throw new StaleVersionError(batchId, expectedVersion, version);
  if (batch.state !== VALIDATING) throw wrongState(batch.state, 'changing an association');
  const studentId = body.student_id ?? null;
  if (studentId !== null && !(await deps.store.classRoster(batch.class_id)).some((s) => s.student_id === studentId)) {
    throw unprocessable(`student ${studentId} is not in this batch's class`, { errors: [{ field: 'body.student_id', message: 'is not a student of the class' }] });
  }
  const result = await applyCommand(deps, batchId, { type: 'ASSOCIATION_CHANGED', essayId, studentId, by: principal.userId }, {
    principal, correlationId: request.correlationId, idempotencyKey: request.idempotencyKey, ...(expectedVersion !== undefined && { expectedVersion }),
  });
  if (result.status === 'ignored') throw wrongState(result.state, 'changing an association');
  return presentChoice(deps, batchId, essayId, result.status === 'applied' ? result.version : undefined);
}

/**
 * The association as stored now, with the version our write produced as body field and ETag (never a
 * later one: an If-Match with it can only be stale, never wrongly fresh). A retried Idempotency-Key
 * (no version of its own) gets the current one.
 */
async function presentChoice(deps: BatchDeps, batchId: string, essayId: string, written: number | undefined) {
  const [batch, rows] = await Promise.all([deps.store.statusOf(batchId), deps.store.associationsOf(batchId, { essayId, withText: true })]);
  const names = await pickedNames(deps.store, rows);
  const version = written ?? batch!.version;
  return {
    status: 200,
    headers: etag(version),
    body: { batch_id: batchId, state: batch!.state, version, association: toAssociationView(rows[0]!, names) },
  };
}
