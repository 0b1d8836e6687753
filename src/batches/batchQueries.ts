import type { Knex } from 'knex';
import type { Principal } from '../auth/index.js';
import { notFound } from '../http/problem.js';

export interface BatchSummaryRow {
  id: string;
  owner_id: string;
  class_id: string | null;
  course_code: string;
  state: string;
  version: number;
  expected_count: number;
  deadline_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const SUMMARY_COLUMNS = ['id', 'owner_id', 'class_id', 'course_code', 'state', 'version', 'expected_count', 'deadline_at', 'created_at', 'updated_at'];

/** A batch the caller may see: teachers their own (another's id looks missing, no existence leak), operators all. */
export async function findVisibleBatch(knex: Knex, principal: Principal, batchId: string): Promise<BatchSummaryRow> {
  const query = knex('batches').select(SUMMARY_COLUMNS).where({ id: batchId, machine_id: 'batch' });
  if (principal.role === 'teacher') query.where({ owner_id: principal.userId });
  const row = (await query.first()) as BatchSummaryRow | undefined;
  if (!row) throw notFound(`batch ${batchId}`);
  return row;
}

export async function listVisibleBatches(knex: Knex, principal: Principal, filter: { state?: string; limit: number; offset: number }) {
  const query = knex('batches').select(SUMMARY_COLUMNS).where({ machine_id: 'batch' }).orderBy('created_at', 'desc').limit(filter.limit).offset(filter.offset);
  if (principal.role === 'teacher') query.where({ owner_id: principal.userId });
  if (filter.state) query.where({ state: filter.state });
  return (await query) as BatchSummaryRow[];
}

export type EssayCounts = Record<'awaiting' | 'provisioned' | 'failed', number>;

/** Slot counts per batch for a whole page in one query (not one query per batch). */
export async function essayCountsOf(knex: Knex, batchIds: string[]): Promise<Map<string, EssayCounts>> {
  const counts = new Map(batchIds.map((id) => [id, { awaiting: 0, provisioned: 0, failed: 0 }]));
  if (batchIds.length === 0) return counts;
  const rows = (await knex('batch_essays').select('batch_id', 'status').count('* as n').whereIn('batch_id', batchIds).groupBy('batch_id', 'status')) as {
    batch_id: string;
    status: keyof EssayCounts;
    n: number | string;
  }[];
  for (const row of rows) counts.get(row.batch_id)![row.status] = Number(row.n);
  return counts;
}
