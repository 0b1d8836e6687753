import type { Knex } from 'knex';
import { rosterOf } from '../../classes/index.js';

export interface StoredSuggestion {
  student_id: string;
  student_name: string;
  confidence_score: number;
  [field: string]: unknown;
}

/** One provisioned essay of a batch with its association row (absent before the matcher answered). */
export interface EssayAssociation {
  essay_id: string;
  filename: string | null;
  /** The head of the essay text (enough for an excerpt), when asked for. */
  head: string | null;
  has_row: boolean;
  suggestions: StoredSuggestion[];
  no_match_reason: string | null;
  evidence: Record<string, unknown>[];
  suggested_student_id: string | null;
  confidence: number | null;
  choice: 'student' | 'unknown' | null;
  chosen_student_id: string | null;
  chosen_by: string | null;
  student_id: string | null;
  student_name: string | null;
  validation_status: string | null;
  validation_method: 'human' | 'timeout' | 'auto' | null;
  validated_by: string | null;
  validated_at: Date | null;
}

/** Enough text for a ~300-character excerpt without reading a 20 MB essay into memory. */
const HEAD_CHARS = 400;

/**
 * Every provisioned essay in slot order, joined with its association row. Failed slots have no text
 * and nothing to validate, so they are not part of the validation API.
 */
export async function loadEssayAssociations(db: Knex, batchId: string, options: { withText?: boolean; essayId?: string } = {}): Promise<EssayAssociation[]> {
  const query = db('batch_essays as be')
    .leftJoin('essay_student_associations as a', function () {
      this.on('a.batch_id', '=', 'be.batch_id').andOn('a.essay_id', '=', 'be.essay_id');
    })
    .select(
      'be.essay_id', 'be.filename', db.raw('(a.essay_id IS NOT NULL) AS has_row'),
      db.raw(`coalesce(a.suggestions, '[]'::jsonb) AS suggestions`), 'a.no_match_reason', db.raw(`coalesce(a.evidence, '[]'::jsonb) AS evidence`),
      'a.suggested_student_id', 'a.confidence', 'a.choice', 'a.chosen_student_id', 'a.chosen_by',
      'a.student_id', 'a.student_name', 'a.validation_status', 'a.validation_method', 'a.validated_by', 'a.validated_at',
    )
    .where({ 'be.batch_id': batchId, 'be.status': 'provisioned' })
    .orderBy('be.slot_index');
  if (options.essayId) query.andWhere('be.essay_id', options.essayId);
  if (options.withText) {
    // text_storage_id is text (external file services' ids need not be UUIDs); our own texts are keyed by uuid.
    query.leftJoin('essay_contents as c', function () {
      this.on(db.raw('c.id::text = be.text_storage_id'));
    }).select(db.raw('left(c.text, ?) AS head', [HEAD_CHARS]));
  } else {
    query.select(db.raw('NULL::text AS head'));
  }
  return (await query) as EssayAssociation[];
}

export interface RosterEntry {
  student_id: string;
  name: string;
}

/** The class roster for pickers and checks; rosterOf never includes the UNKNOWN placeholder (G8). */
export async function classRoster(db: Knex, classId: string | null): Promise<RosterEntry[]> {
  if (!classId) return [];
  return (await rosterOf(db, classId)).map((s) => ({ student_id: s.student_id, name: `${s.first_name} ${s.last_name}` }));
}

/** Display names of students by id (roster members and the UNKNOWN placeholder alike). */
export async function studentNames(db: Knex, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = (await db('students').select('id', 'first_name', 'last_name').whereIn('id', unique)) as { id: string; first_name: string; last_name: string }[];
  return new Map(rows.map((r) => [r.id, `${r.first_name} ${r.last_name}`]));
}
