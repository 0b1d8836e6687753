import { conflict } from '../../http/problem.js';
import type { EssayAssociation } from '../batchStore.js';
import type { BatchDeps } from '../deps.js';
import { findVisibleBatch } from '../visibleBatches.js';
import { applyCommand, etag, statusAfter, VALIDATING, wrongState, type BatchCommand } from './commands.js';
import { planConfirmation, rejectedCount } from './confirmPlan.js';
import type { Decision } from './decisions.js';
import { resolveFinals } from './finals.js';
import type { ConfirmBody } from './validation.schemas.js';

export type ConfirmRequest = BatchCommand<ConfirmBody>;

const ACTION = 'confirming associations';

const deadlinePassed = (state: string) =>
  conflict('the validation deadline passed: the associations were confirmed by timeout', { state, confirmed_by: 'timeout' });

/**
 * POST …/student-associations/confirm. Only `awaitingValidation` accepts it (G2: no confirm after the
 * timeout, no second E10). The one exception is a repeat: when the teacher's confirm already brought
 * the batch to `ready` with exactly these associations, the same answer comes back and nothing is
 * applied — so a client retrying after a lost response sees success, not a conflict.
 */
export async function confirmAssociations(deps: BatchDeps, request: ConfirmRequest) {
  const { principal, batchId, body } = request;
  const batch = await findVisibleBatch(deps.store, principal, batchId);
  await assertConfirmable(deps, batchId, batch.state);
  const [rows, roster] = await Promise.all([deps.store.associationsOf(batchId), deps.store.classRoster(batch.class_id)]);
  const rosterIds = new Set(roster.map((s) => s.student_id));
  const decisions = planConfirmation(rows, body, rosterIds, principal.userId);
  if (batch.state === VALIDATING) {
    const associations = await resolveFinals(deps.store, batch.class_id!, decisions);
    const result = await applyCommand(deps, batchId, { type: 'TEACHER_CONFIRMED', associations, by: principal.userId }, request);
    // The confirm just wrote the rows; the state and version it reached come with the result.
    if (result.status === 'applied') return confirmedReply(batchId, result, await deps.store.associationsOf(batchId), decisions, body);
  }
  // Lost a race (timeout, or our own concurrent repeat) or a repeat after success: judge the stored outcome.
  const status = await statusAfter(deps, batchId, ACTION);
  if (status.state === VALIDATING) throw conflict('the confirmation was not applied (was its Idempotency-Key used for another request?)', { state: status.state });
  await assertConfirmable(deps, batchId, status.state);
  const [stored, unknownId] = await Promise.all([deps.store.associationsOf(batchId), deps.store.findUnknownStudent(batch.class_id!)]);
  if (!sameAsStored(stored, unknownId, decisions, principal.userId)) {
    throw conflict('the associations were already confirmed with different choices', { state: 'ready' });
  }
  return confirmedReply(batchId, status, stored, decisions, body);
}

/** 409 unless the batch is validating, or ready through a teacher's confirm (a candidate for a repeat). */
async function assertConfirmable(deps: BatchDeps, batchId: string, state: string): Promise<void> {
  if (state === VALIDATING) return;
  if (state === 'timedOut') throw deadlinePassed(state);
  if (state !== 'ready') throw wrongState(state, ACTION);
  const via = await deps.store.readyVia(batchId);
  if (via === 'TIMEOUT_POLICY_APPLIED') throw deadlinePassed(state);
  if (via !== 'TEACHER_CONFIRMED') throw wrongState(state, ACTION); // e.g. a GUEST batch: nothing to validate
}

/** G2: a repeat is identical when every essay is stored as this teacher's `human` choice of the same student. */
function sameAsStored(stored: readonly EssayAssociation[], unknownId: string | null, decisions: readonly Decision[], by: string): boolean {
  const rows = new Map(stored.map((r) => [r.essay_id, r]));
  return decisions.every((d) => isStoredAs(rows.get(d.essayId), d.studentId ?? unknownId, by));
}

const isStoredAs = (row: EssayAssociation | undefined, studentId: string | null, by: string) =>
  row !== undefined && studentId !== null && row.validation_status === 'confirmed' && row.validation_method === 'human' && row.student_id === studentId && row.validated_by === by;

/** The answer to a successful confirm, built from what is stored (so a repeat gets the very same body). */
function confirmedReply(batchId: string, batch: { state: string; version: number }, rows: readonly EssayAssociation[], decisions: readonly Decision[], body: ConfirmBody) {
  const confidence = new Map(decisions.map((d) => [d.essayId, d.confidence]));
  const version = Number(batch.version);
  return {
    status: 200,
    headers: etag(version),
    body: {
      status: 'confirmed' as const,
      batch_id: batchId,
      batch_state: batch.state,
      version,
      associations_confirmed: rows.length,
      associations_rejected: rejectedCount(body),
      associations: rows.map((r) => ({
        essay_id: r.essay_id,
        student_id: r.student_id!,
        student_name: r.student_name!,
        validation_method: r.validation_method!,
        confidence_score: confidence.get(r.essay_id) ?? 0,
        validated_by: r.validated_by!,
        validated_at: r.validated_at ? r.validated_at.toISOString() : null,
      })),
    },
  };
}
