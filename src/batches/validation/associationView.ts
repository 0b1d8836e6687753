import type { z } from 'zod';
import type { Principal } from '../../auth/index.js';
import { excerpt } from '../../intake/excerpt.js';
import type { BatchStore, EssayAssociation } from '../batchStore.js';
import { findVisibleBatch } from '../visibleBatches.js';
import { currentChoice } from './decisions.js';
import type { associationView } from './validation.schemas.js';

export type AssociationView = z.output<typeof associationView>;

const EXCERPT_CHARS = 300;

/** One essay as the teacher's validation page shows it. Names of teacher picks come from `names`. */
export function toAssociationView(row: EssayAssociation, names: ReadonlyMap<string, string>): AssociationView {
  return {
    essay_id: row.essay_id,
    filename: row.filename,
    excerpt: row.head ? excerpt(row.head, EXCERPT_CHARS) : '',
    suggestions: row.suggestions,
    no_match_reason: row.no_match_reason,
    evidence: row.evidence,
    current_choice: choiceView(row, names),
    // No row yet: the matcher has not answered for this essay.
    status: row.validation_status ?? 'awaiting_suggestions',
    validation_method: row.validation_method,
    validated_by: row.validated_by,
    validated_at: row.validated_at ? row.validated_at.toISOString() : null,
    student_id: row.student_id,
    student_name: row.student_name,
  };
}

function choiceView(row: EssayAssociation, names: ReadonlyMap<string, string>): AssociationView['current_choice'] {
  const choice = currentChoice(row);
  switch (choice.kind) {
    case 'teacher':
      return { kind: 'teacher', student_id: choice.studentId, student_name: names.get(choice.studentId) ?? null };
    case 'suggested':
      return { kind: 'suggested', student_id: choice.studentId, student_name: row.suggestions[0]?.student_name ?? names.get(choice.studentId) ?? null };
    default:
      return { kind: choice.kind, student_id: null, student_name: null };
  }
}

/** Names for the teacher picks among `rows` (suggestions carry their own names). */
export async function pickedNames(store: Pick<BatchStore, 'studentNames'>, rows: readonly EssayAssociation[]): Promise<Map<string, string>> {
  return store.studentNames(rows.flatMap((r) => (r.chosen_student_id ? [r.chosen_student_id] : [])));
}

/** GET …/student-associations: every provisioned essay, its choice and status, and the roster for a picker. */
export async function listAssociations(store: BatchStore, principal: Principal, batchId: string) {
  const batch = await findVisibleBatch(store, principal, batchId);
  const rows = await store.associationsOf(batchId, { withText: true });
  const [names, roster] = await Promise.all([pickedNames(store, rows), store.classRoster(batch.class_id)]);
  return {
    version: Number(batch.version),
    body: {
      batch_id: batch.id,
      state: batch.state,
      version: Number(batch.version),
      deadline_at: batch.deadline_at ? batch.deadline_at.toISOString() : null,
      associations: rows.map((row) => toAssociationView(row, names)),
      roster,
    },
  };
}
