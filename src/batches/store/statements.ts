import type { Statement } from '../../db/actorStatements.js';

/**
 * The hot reads of the batch API as named prepared statements (issue 11 §3): parsed and planned once per
 * connection. Every REST read and command path starts with GET_BATCH; the validation page and every
 * confirm read the associations.
 */
const statement = (name: string, text: string): Statement => ({ name: `batch_${name}`, text });

/** A teacher sees only their own batches ($2 = owner id); an operator passes null and sees all. */
export const GET_BATCH = statement(
  'get',
  `SELECT id, owner_id, class_id, course_code, state, version, expected_count, deadline_at, created_at, updated_at
     FROM batches
    WHERE id = $1 AND machine_id = 'batch' AND ($2::text IS NULL OR owner_id = $2::text)`,
);

/** Enough text for a ~300-character excerpt without reading a 20 MB essay into memory. */
const HEAD_CHARS = 400;

const ASSOCIATION_COLUMNS = `be.essay_id, be.filename, (a.essay_id IS NOT NULL) AS has_row,
  coalesce(a.suggestions, '[]'::jsonb) AS suggestions, a.no_match_reason, coalesce(a.evidence, '[]'::jsonb) AS evidence,
  a.suggested_student_id, a.confidence, a.choice, a.chosen_student_id, a.chosen_by,
  a.student_id, a.student_name, a.validation_status, a.validation_method, a.validated_by, a.validated_at`;

const ASSOCIATION_JOIN = `FROM batch_essays AS be
  LEFT JOIN essay_student_associations AS a ON a.batch_id = be.batch_id AND a.essay_id = be.essay_id`;

/** Failed slots have no text and nothing to validate, so only provisioned essays; $2 = one essay, or null for all. */
const ASSOCIATION_FILTER = `WHERE be.batch_id = $1 AND be.status = 'provisioned' AND ($2::uuid IS NULL OR be.essay_id = $2::uuid)
  ORDER BY be.slot_index`;

export const ASSOCIATIONS = statement('associations', `SELECT ${ASSOCIATION_COLUMNS}, NULL::text AS head ${ASSOCIATION_JOIN} ${ASSOCIATION_FILTER}`);

/** text_storage_id is text (external file services' ids need not be UUIDs); our own texts are keyed by uuid. */
export const ASSOCIATIONS_WITH_TEXT = statement(
  'associations_with_text',
  `SELECT ${ASSOCIATION_COLUMNS}, left(c.text, ${HEAD_CHARS}) AS head ${ASSOCIATION_JOIN}
     LEFT JOIN essay_contents AS c ON c.id::text = be.text_storage_id
   ${ASSOCIATION_FILTER}`,
);
