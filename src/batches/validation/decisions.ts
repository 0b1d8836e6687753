/**
 * Pure rules that turn stored association rows into final associations: what the teacher's confirm
 * means for each essay, and what the timeout policy keeps (flow-spec §6). No I/O here: the callers
 * load rows and the roster, and resolve the UNKNOWN placeholder's id.
 */
import type { FinalAssociation, ValidationMethod } from '../../../machines/batch/index.js';
import { AUTO_CONFIRM_THRESHOLD, SYSTEM_TIMEOUT } from '../deps.js';
import type { EssayAssociation } from '../batchStore.js';

/** A decided essay; `studentId` null means "the class's UNKNOWN student". */
export interface Decision {
  essayId: string;
  studentId: string | null;
  method: ValidationMethod;
  confidence: number;
  validatedBy: string;
}

export type CurrentChoice =
  | { kind: 'teacher'; studentId: string }
  | { kind: 'unknown' }
  | { kind: 'suggested'; studentId: string; confidence: number }
  | { kind: 'none' };

/**
 * What the essay is assigned to right now: the teacher's pick wins; otherwise the top suggestion, but
 * only when the matcher was sure of it (no_match_reason null) — ambiguous and unmatched essays have none.
 */
export function currentChoice(row: EssayAssociation): CurrentChoice {
  if (row.choice === 'student' && row.chosen_student_id) return { kind: 'teacher', studentId: row.chosen_student_id };
  if (row.choice === 'unknown') return { kind: 'unknown' };
  if (row.has_row && row.no_match_reason === null && row.suggested_student_id) {
    return { kind: 'suggested', studentId: row.suggested_student_id, confidence: row.confidence ?? 0 };
  }
  return { kind: 'none' };
}

/**
 * G3: confidence comes from the data, never a constant. Keeping the matcher's top student keeps its
 * confidence; a teacher's pick of someone else is certain (1.0); UNKNOWN carries no confidence (0).
 */
export function humanConfidence(row: EssayAssociation, studentId: string | null): number {
  if (studentId === null) return 0;
  if (studentId === row.suggested_student_id && row.confidence !== null) return row.confidence;
  return 1;
}

export interface TimeoutFacts {
  /** Students currently on the class roster: a suggestion for anyone else is never auto-kept. */
  rosterIds: ReadonlySet<string>;
  /** Students that still exist: a teacher's pick of a deleted student cannot be kept. */
  existingIds: ReadonlySet<string>;
}

/**
 * The timeout policy (flow-spec §6, issue 4 §6): a teacher's choice is kept as `human` (G1: their work
 * is never overwritten); a sure suggestion at ≥ 0.7 (inclusive) is kept as `timeout`; everything else —
 * low, ambiguous, unmatched — goes to UNKNOWN as `timeout` with confidence 0.
 */
export function timeoutDecision(row: EssayAssociation, facts: TimeoutFacts): Decision {
  const choice = currentChoice(row);
  const by = row.chosen_by ?? SYSTEM_TIMEOUT;
  if (choice.kind === 'teacher' && facts.existingIds.has(choice.studentId)) {
    return { essayId: row.essay_id, studentId: choice.studentId, method: 'human', confidence: humanConfidence(row, choice.studentId), validatedBy: by };
  }
  if (choice.kind === 'unknown') return { essayId: row.essay_id, studentId: null, method: 'human', confidence: 0, validatedBy: by };
  if (choice.kind === 'suggested' && choice.confidence >= AUTO_CONFIRM_THRESHOLD && facts.rosterIds.has(choice.studentId)) {
    return { essayId: row.essay_id, studentId: choice.studentId, method: 'timeout', confidence: choice.confidence, validatedBy: SYSTEM_TIMEOUT };
  }
  return { essayId: row.essay_id, studentId: null, method: 'timeout', confidence: 0, validatedBy: SYSTEM_TIMEOUT };
}

/** Resolves UNKNOWN to the placeholder's id and adds display names; the machine's event shape. */
export function toFinalAssociations(decisions: readonly Decision[], unknownId: string | null, names: ReadonlyMap<string, string>): FinalAssociation[] {
  return decisions.map((d) => {
    const studentId = d.studentId ?? unknownId;
    if (!studentId) throw new Error(`essay ${d.essayId} needs the UNKNOWN student, but none was resolved`);
    const studentName = names.get(studentId);
    if (studentName === undefined) throw new Error(`student ${studentId} of essay ${d.essayId} has no name`);
    return { essayId: d.essayId, studentId, studentName, method: d.method, confidence: d.confidence, validatedBy: d.validatedBy };
  });
}

export const needsUnknown = (decisions: readonly Decision[]) => decisions.some((d) => d.studentId === null);
