import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';

export const UNKNOWN_FIRST_NAME = 'UNKNOWN';
export const UNKNOWN_LAST_NAME = 'STUDENT';

/**
 * The class's UNKNOWN placeholder (what the timeout policy assigns unmatched essays to), created on
 * first need. Concurrent callers meet on the partial unique index `students_one_placeholder_per_class`:
 * one inserts, the others wait for its commit and do nothing, and all then read the same row (G8).
 * The placeholder is not a class member, so rosters, counts and the matcher never see it, and a real
 * student called "Unknown Student" is never mistaken for it.
 * Needs READ COMMITTED (the default): the final SELECT must see the winner's committed row.
 */
export async function ensureUnknownStudent(trx: Knex.Transaction, classId: string): Promise<string> {
  await trx.raw(
    `INSERT INTO students (id, owner_id, first_name, last_name, legal_full_name, email, is_placeholder, placeholder_class_id)
     SELECT ?, c.owner_id, ?, ?, ?, NULL, true, c.id FROM classes c WHERE c.id = ?
     ON CONFLICT (placeholder_class_id) WHERE is_placeholder DO NOTHING`,
    [randomUUID(), UNKNOWN_FIRST_NAME, UNKNOWN_LAST_NAME, `${UNKNOWN_FIRST_NAME} ${UNKNOWN_LAST_NAME}`, classId],
  );
  const row = (await trx('students').select('id').where({ placeholder_class_id: classId, is_placeholder: true }).first()) as
    | { id: string }
    | undefined;
  if (!row) throw new Error(`class ${classId} does not exist, so it has no UNKNOWN student`);
  return row.id;
}

/** The placeholder's id if it exists (no creation). */
export async function findUnknownStudent(db: Knex, classId: string): Promise<string | null> {
  const row = (await db('students').select('id').where({ placeholder_class_id: classId, is_placeholder: true }).first()) as
    | { id: string }
    | undefined;
  return row?.id ?? null;
}
