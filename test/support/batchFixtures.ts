/**
 * Invented batch data for machine tests: inputs and one builder per event. Builders are deterministic
 * (no random ids, no clock) so a path built from them replays identically on the real runtime.
 */
import type {
  BatchEvent,
  BatchEventType,
  BatchInput,
  ContentProvisioned,
  ContentRejected,
  FinalAssociation,
  ValidationMethod,
} from '../../machines/batch/index.js';

export const ESSAY_IDS = ['essay-0001', 'essay-0002'] as const;
export const CLASS_ID = 'class-9c-english';
export const TEACHER_ID = 'teacher-ann-lind';

/** A REGULAR batch of two essays unless overridden; `classId: null` makes it GUEST. */
export function buildBatchInput(overrides: Partial<BatchInput> = {}): BatchInput {
  return { batchId: 'batch-2024-0042', ownerId: TEACHER_ID, classId: CLASS_ID, courseCode: 'ENG5', essayIds: [...ESSAY_IDS], ...overrides };
}

export const buildGuestInput = (overrides: Partial<BatchInput> = {}) => buildBatchInput({ classId: null, ...overrides });

/** The n-th readable file; its content key is stable, so sending it twice is a re-upload. */
export function provisioned(n: number): ContentProvisioned {
  return {
    type: 'CONTENT_PROVISIONED',
    contentKey: `sha256:${'a'.repeat(8)}${n}`,
    fileUploadId: `upload-${n}`,
    filename: `essay_${n}_svensson.docx`,
    textStorageId: `text-${n}`,
    sizeBytes: 4000 + n,
  };
}

/** The n-th unreadable file (a different content key space from `provisioned`). */
export function rejected(n: number, code = 'EMPTY_TEXT'): ContentRejected {
  return { type: 'CONTENT_REJECTED', contentKey: `sha256:${'b'.repeat(8)}${n}`, fileUploadId: `upload-bad-${n}`, filename: `scan_${n}.pdf`, code, detail: 'no text layer' };
}

export const studentFor = (essayId: string) => `student-${essayId.slice(-2)}`;

/** Matcher output: one confident suggestion per essay, or an unmatched row (G4) when `matched` is false. */
export function suggestions(essayIds: readonly string[], matched = true): BatchEvent {
  const results = essayIds.map((essayId) => ({
    essay_id: essayId,
    suggestions: matched ? [{ student_id: studentFor(essayId), student_name: 'Maja Svensson', confidence_score: 0.92 }] : [],
    no_match_reason: matched ? null : 'no_name_found',
  }));
  return { type: 'SUGGESTIONS_RECEIVED', results, summary: { total_essays: essayIds.length, matched: matched ? essayIds.length : 0 } };
}

export function association(essayId: string, method: ValidationMethod = 'human'): FinalAssociation {
  return { essayId, studentId: studentFor(essayId), studentName: 'Maja Svensson', method, confidence: 0.92, validatedBy: TEACHER_ID };
}

export function confirmation(essayIds: readonly string[], method: ValidationMethod = 'human'): BatchEvent {
  return { type: 'TEACHER_CONFIRMED', associations: essayIds.map((id) => association(id, method)), by: TEACHER_ID };
}

export function timeoutPolicyApplied(essayIds: readonly string[]): BatchEvent {
  return { type: 'TIMEOUT_POLICY_APPLIED', associations: essayIds.map((id) => association(id, 'timeout')) };
}

export function associationChanged(essayId: string, studentId: string | null = studentFor(essayId)): BatchEvent {
  return { type: 'ASSOCIATION_CHANGED', essayId, studentId, by: TEACHER_ID };
}

export const provisioningDeadline = (): BatchEvent => ({ type: 'PROVISIONING_DEADLINE' });
export const matchingDeadline = (): BatchEvent => ({ type: 'MATCHING_DEADLINE' });
export const validationDeadline = (): BatchEvent => ({ type: 'VALIDATION_DEADLINE' });
export const policyDeadline = (): BatchEvent => ({ type: 'POLICY_DEADLINE' });
export const cancel = (): BatchEvent => ({ type: 'CANCEL', by: TEACHER_ID, reason: 'wrong assignment' });
export const rematchRequested = (keepChoices = true): BatchEvent => ({ type: 'REMATCH_REQUESTED', by: TEACHER_ID, keepChoices });

/**
 * A representative, well-formed event of each type for a batch whose provisioned essays are `essayIds`
 * (so confirmations cover the batch). Used by the table test and the path graph.
 */
export function sampleEvent(type: BatchEventType, essayIds: readonly string[], n = 1): BatchEvent {
  switch (type) {
    case 'CONTENT_PROVISIONED': return provisioned(n);
    case 'CONTENT_REJECTED': return rejected(n);
    case 'PROVISIONING_DEADLINE': return provisioningDeadline();
    case 'SUGGESTIONS_RECEIVED': return suggestions(essayIds);
    case 'MATCHING_DEADLINE': return matchingDeadline();
    case 'ASSOCIATION_CHANGED': return associationChanged(essayIds[0] ?? ESSAY_IDS[0]);
    case 'TEACHER_CONFIRMED': return confirmation(essayIds);
    case 'VALIDATION_DEADLINE': return validationDeadline();
    case 'TIMEOUT_POLICY_APPLIED': return timeoutPolicyApplied(essayIds);
    case 'POLICY_DEADLINE': return policyDeadline();
    case 'CANCEL': return cancel();
    case 'REMATCH_REQUESTED': return rematchRequested();
    default: {
      const unknownType: never = type;
      throw new Error(`no sample for ${String(unknownType)}`);
    }
  }
}
