import type { Knex } from 'knex';
import { conflict } from '../http/problem.js';

/** Batch states after which nothing reads the class or its roster any more. */
export const FINAL_BATCH_STATES = ['ready', 'failed', 'cancelled'] as const;

export interface BlockingQuery {
  /** Batches registered for these classes. */
  classIds?: readonly string[];
  /** Batches whose class roster contains this student (the matcher may have suggested them). */
  studentId?: string;
}

/**
 * Ids of batches in a non-final state that still rely on a class or a student. Deleting either (or
 * removing the membership) under such a batch would silently cascade away what the teacher is
 * validating (flow-spec §10 G16), so the caller answers 409 instead.
 * Extend here when essay associations arrive: a student referenced by an association of a non-final batch.
 */
export async function findBlockingBatches(db: Knex, query: BlockingQuery): Promise<string[]> {
  const classIds = [...(query.classIds ?? [])];
  if (classIds.length === 0 && !query.studentId) return [];
  const rows = (await db('batches')
    .select('id')
    .whereNotIn('state', FINAL_BATCH_STATES)
    .andWhere((q) => {
      if (classIds.length > 0) q.orWhereIn('class_id', classIds);
      if (query.studentId) q.orWhereIn('class_id', db('class_students').select('class_id').where('student_id', query.studentId));
    })
    .orderBy('created_at')
    .limit(100)) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Throws 409 naming the batch ids when anything blocks the change. */
export async function assertNotBlocked(db: Knex, query: BlockingQuery, what: string): Promise<void> {
  const batchIds = await findBlockingBatches(db, query);
  if (batchIds.length > 0) {
    throw conflict(`${what} is still used by ${batchIds.length} batch(es) that have not finished; wait for them or cancel them`, {
      batch_ids: batchIds,
    });
  }
}
