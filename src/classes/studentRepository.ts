import type { Knex } from 'knex';
import type { Statement } from '../db/actorStatements.js';
import { queryPrepared } from '../db/prepared.js';
import type { PageQuery } from './common.schemas.js';
import { whereInScope, withRowLock, type RowLock, type Scope } from './scope.js';

export interface StudentRow {
  id: string;
  owner_id: string;
  first_name: string;
  last_name: string;
  legal_full_name: string;
  email: string | null;
  class_ids: string[];
  created_at: Date;
  updated_at: Date;
}

export interface NewStudent {
  id: string;
  owner_id: string;
  first_name: string;
  last_name: string;
  legal_full_name: string;
  email: string | null;
}

export interface RosterRow {
  student_id: string;
  first_name: string;
  last_name: string;
  full_legal_name: string;
  email: string | null;
}

export const STUDENT_EMAIL_INDEX = 'students_owner_email';

const CLASS_IDS =
  '(SELECT coalesce(array_agg(cs.class_id::text ORDER BY cs.created_at, cs.class_id), ARRAY[]::text[]) FROM class_students cs WHERE cs.student_id = s.id) AS class_ids';

/** Real students only: the UNKNOWN placeholder is invisible to every student route (G8). */
const selectStudents = (db: Knex, scope: Scope) =>
  whereInScope(
    db('students as s')
      .select('s.id', 's.owner_id', 's.first_name', 's.last_name', 's.legal_full_name', 's.email', 's.created_at', 's.updated_at', db.raw(CLASS_IDS))
      .where('s.is_placeholder', false),
    scope,
    's.owner_id',
  );

export async function listStudents(db: Knex, scope: Scope, page: PageQuery): Promise<{ rows: StudentRow[]; total: number }> {
  const rows = (await selectStudents(db, scope)
    .orderBy(['s.last_name', 's.first_name', 's.id'])
    .limit(page.limit)
    .offset(page.offset)) as StudentRow[];
  const countQuery = db('students as s').count({ total: '*' }).where('s.is_placeholder', false);
  const [counted] = (await whereInScope(countQuery, scope, 's.owner_id')) as { total: string | number }[];
  return { rows, total: Number(counted?.total ?? 0) };
}

export async function findStudent(db: Knex, scope: Scope, id: string): Promise<StudentRow | undefined> {
  return (await selectStudents(db, scope).where('s.id', id).first()) as StudentRow | undefined;
}

export async function lockOwnedStudent(trx: Knex.Transaction, ownerId: string, id: string, lock: RowLock): Promise<StudentRow | undefined> {
  const locked = await withRowLock(trx('students').select('id').where({ id, owner_id: ownerId, is_placeholder: false }), lock).first();
  return locked ? findStudent(trx, { kind: 'owner', ownerId }, id) : undefined;
}

export async function insertStudents(trx: Knex.Transaction, rows: readonly NewStudent[]): Promise<void> {
  if (rows.length > 0) await trx('students').insert(rows);
}

export async function updateStudent(trx: Knex.Transaction, id: string, patch: Partial<Omit<NewStudent, 'id' | 'owner_id'>>): Promise<void> {
  await trx('students').where({ id }).update({ ...patch, updated_at: trx.fn.now() });
}

export async function deleteStudent(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('students').where({ id }).delete();
}

/** Adds memberships; returns the pairs that were new (a repeat is a no-op, never a duplicate row: G18). */
export async function addMemberships(
  trx: Knex.Transaction,
  pairs: readonly { class_id: string; student_id: string }[],
): Promise<{ class_id: string; student_id: string }[]> {
  if (pairs.length === 0) return [];
  return (await trx('class_students').insert(pairs).onConflict(['class_id', 'student_id']).ignore().returning(['class_id', 'student_id'])) as {
    class_id: string;
    student_id: string;
  }[];
}

export async function removeMemberships(trx: Knex.Transaction, studentId: string, classIds: readonly string[]): Promise<string[]> {
  if (classIds.length === 0) return [];
  const rows = (await trx('class_students').where('student_id', studentId).whereIn('class_id', classIds).delete().returning('class_id')) as {
    class_id: string;
  }[];
  return rows.map((r) => r.class_id);
}

/** The matcher's roster: enrolled real students, stable order. */
export async function rosterOf(db: Knex, classId: string): Promise<RosterRow[]> {
  return (await db('class_students as cs')
    .join('students as s', 's.id', 'cs.student_id')
    .where('cs.class_id', classId)
    .andWhere('s.is_placeholder', false)
    .select('s.id as student_id', 's.first_name', 's.last_name', 's.legal_full_name as full_legal_name', 's.email')
    .orderBy(['s.last_name', 's.first_name', 's.id'])) as RosterRow[];
}

/** The class owner with its roster in one prepared statement: the cached read path of GET roster. */
const CLASS_ROSTER: Statement = {
  name: 'class_roster',
  text: `SELECT c.owner_id, s.id AS student_id, s.first_name, s.last_name, s.legal_full_name AS full_legal_name, s.email
           FROM classes c
           LEFT JOIN (class_students cs JOIN students s ON s.id = cs.student_id AND NOT s.is_placeholder) ON cs.class_id = c.id
          WHERE c.id = $1
          ORDER BY s.last_name, s.first_name, s.id`,
};

/** null when the class does not exist; otherwise its owner and roster (same rows and order as rosterOf). */
export async function loadClassRoster(db: Knex, classId: string): Promise<{ ownerId: string; students: RosterRow[] } | null> {
  const rows = await queryPrepared<RosterRow & { owner_id: string; student_id: string | null }>(db, CLASS_ROSTER, [classId]);
  if (rows.length === 0) return null;
  const students = rows.filter((r) => r.student_id !== null).map(({ student_id, first_name, last_name, full_legal_name, email }) => ({ student_id, first_name, last_name, full_legal_name, email }));
  return { ownerId: rows[0]!.owner_id, students };
}

/** Existing students of an owner whose e-mail (case-insensitive) is in `emails`. */
export async function findByEmails(db: Knex, ownerId: string, emails: readonly string[]): Promise<StudentRow[]> {
  if (emails.length === 0) return [];
  const lowered = [...new Set(emails.map((e) => e.toLowerCase()))];
  return (await selectStudents(db, { kind: 'owner', ownerId }).whereRaw(`lower(s.email) IN (${lowered.map(() => '?').join(', ')})`, lowered)) as StudentRow[];
}
