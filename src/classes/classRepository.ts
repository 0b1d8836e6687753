import type { Knex } from 'knex';
import type { CourseCode } from '../contracts/index.js';
import type { PageQuery } from './common.schemas.js';
import { whereInScope, withRowLock, type RowLock, type Scope } from './scope.js';

export interface ClassRow {
  id: string;
  owner_id: string;
  name: string;
  course_code: CourseCode;
  student_count: number;
  created_at: Date;
  updated_at: Date;
}

export interface CourseRow {
  course_code: CourseCode;
  name: string;
  language: 'en' | 'sv';
  level: number;
}

/** Placeholders are never in class_students, so this counts real students only (G8). */
const STUDENT_COUNT = '(SELECT count(*)::int FROM class_students cs WHERE cs.class_id = c.id) AS student_count';

const selectClasses = (db: Knex, scope: Scope) =>
  whereInScope(
    db('classes as c').select('c.id', 'c.owner_id', 'c.name', 'c.course_code', 'c.created_at', 'c.updated_at', db.raw(STUDENT_COUNT)),
    scope,
    'c.owner_id',
  );

export async function listClasses(db: Knex, scope: Scope, page: PageQuery): Promise<{ rows: ClassRow[]; total: number }> {
  const rows = (await selectClasses(db, scope)
    .orderBy([{ column: 'c.created_at', order: 'desc' }, { column: 'c.id', order: 'desc' }])
    .limit(page.limit)
    .offset(page.offset)) as ClassRow[];
  const [counted] = (await whereInScope(db('classes as c').count({ total: '*' }), scope, 'c.owner_id')) as { total: string | number }[];
  return { rows, total: Number(counted?.total ?? 0) };
}

export async function findClass(db: Knex, scope: Scope, id: string): Promise<ClassRow | undefined> {
  return (await selectClasses(db, scope).where('c.id', id).first()) as ClassRow | undefined;
}

export async function lockOwnedClass(
  trx: Knex.Transaction,
  ownerId: string,
  id: string,
  lock: RowLock,
): Promise<{ id: string; name: string; course_code: CourseCode } | undefined> {
  const query = trx('classes').select('id', 'name', 'course_code').where({ id, owner_id: ownerId });
  return (await withRowLock(query, lock).first()) as { id: string; name: string; course_code: CourseCode } | undefined;
}

/** The subset of `ids` that exist and belong to `ownerId`, locked FOR KEY SHARE (see RowLock). */
export async function lockOwnedClasses(trx: Knex.Transaction, ownerId: string, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  return (await trx('classes').select('id', 'name').whereIn('id', ids).andWhere('owner_id', ownerId).forKeyShare()) as {
    id: string;
    name: string;
  }[];
}

export async function insertClass(
  trx: Knex.Transaction,
  row: { id: string; owner_id: string; name: string; course_code: CourseCode },
): Promise<void> {
  await trx('classes').insert(row);
}

export async function updateClass(
  trx: Knex.Transaction,
  id: string,
  patch: { name?: string | undefined; course_code?: CourseCode | undefined },
): Promise<void> {
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  await trx('classes').where({ id }).update({ ...changes, updated_at: trx.fn.now() });
}

export async function deleteClass(trx: Knex.Transaction, id: string): Promise<void> {
  await trx('classes').where({ id }).delete();
}

export async function listCourses(db: Knex): Promise<CourseRow[]> {
  return (await db('courses').select('course_code', 'name', 'language', 'level').orderBy('course_code')) as CourseRow[];
}
