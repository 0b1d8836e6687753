import type { FieldProblem } from '../../http/problem.js';
import { unprocessable } from '../../http/problem.js';
import type { EssayAssociation } from '../batchStore.js';
import { currentChoice, humanConfidence, type Decision } from './decisions.js';
import type { ConfirmBody } from './validation.schemas.js';

/**
 * The teacher's confirm, essay by essay (issue 4 §5): a listed essay takes the listed student
 * (`confirmed: false` or no student ⇒ UNKNOWN); an unlisted one keeps its current choice (the teacher's
 * pick, else a sure suggestion), else UNKNOWN. G3: every essay must belong to the batch and every
 * student to the class, and validated_by is the caller — never the body's `user_id`.
 */
export function planConfirmation(rows: readonly EssayAssociation[], body: ConfirmBody, rosterIds: ReadonlySet<string>, by: string): Decision[] {
  const byEssay = new Map(rows.map((r) => [r.essay_id, r]));
  const listed = new Map<string, string | null>();
  const problems: FieldProblem[] = [];
  (body.associations ?? []).forEach((item, i) => {
    if (!byEssay.has(item.essay_id)) problems.push({ field: `body.associations.${i}.essay_id`, message: `"${item.essay_id}" is not an essay of this batch` });
    if (item.confirmed && item.student_id !== null && !rosterIds.has(item.student_id)) {
      problems.push({ field: `body.associations.${i}.student_id`, message: `"${item.student_id}" is not a student of this batch's class` });
    }
    listed.set(item.essay_id, item.confirmed ? item.student_id : null);
  });
  const decisions = rows.map((row) => {
    const studentId = listed.has(row.essay_id) ? listed.get(row.essay_id)! : keptStudent(row);
    if (!listed.has(row.essay_id) && studentId !== null && !rosterIds.has(studentId)) {
      problems.push({ field: 'body.associations', message: `essay "${row.essay_id}" is still assigned to student "${studentId}", who is no longer in the class: choose again` });
    }
    return { essayId: row.essay_id, studentId, method: 'human' as const, confidence: humanConfidence(row, studentId), validatedBy: by };
  });
  if (problems.length > 0) throw unprocessable(problems.map((p) => `${p.field}: ${p.message}`).join('; '), { errors: problems });
  return decisions;
}

function keptStudent(row: EssayAssociation): string | null {
  const choice = currentChoice(row);
  return choice.kind === 'teacher' || choice.kind === 'suggested' ? choice.studentId : null;
}

/** Listed essays the teacher said "not this student" for (the reference's `associations_rejected`). */
export const rejectedCount = (body: ConfirmBody) => (body.associations ?? []).filter((a) => !a.confirmed).length;
