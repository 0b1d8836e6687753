/**
 * Operator reads over all batches (no owner scoping: the operator role sees every batch): counts per
 * state and a filtered, paginated search. Filters are ids and states only — no names, no PII.
 */
import type { Knex } from 'knex';
import { BATCH_STATES } from '../../machines/batch/index.js';

const MACHINE_ID = 'batch';

export async function stateCounts(knex: Knex) {
  const rows = (await knex('batches').where({ machine_id: MACHINE_ID }).select('state').count('* as n').groupBy('state')) as { state: string; n: number | string }[];
  const counts: Record<string, number> = Object.fromEntries(BATCH_STATES.map((s) => [s, 0]));
  for (const row of rows) counts[row.state] = Number(row.n);
  // Overdue = a live deadline already passed: the timer poller should have fired it, so it needs a look.
  const overdue = await knex('timers').whereNull('fired_at').whereNull('cancelled_at').where('due_at', '<', knex.fn.now()).countDistinct('batch_id as n').first();
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0), overdue: Number(overdue?.n ?? 0) };
}

export interface BatchSearch {
  q?: string | undefined;
  state?: string | undefined;
  owner?: string | undefined;
  class_id?: string | undefined;
  overdue?: boolean | undefined;
  limit: number;
  offset: number;
}

interface SearchRow {
  id: string;
  state: string;
  owner_id: string | null;
  class_id: string | null;
  course_code: string | null;
  version: number;
  expected_count: number | null;
  deadline_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export async function searchBatches(knex: Knex, filter: BatchSearch) {
  const base = knex('batches').where({ machine_id: MACHINE_ID });
  // The schema allows only hex digits and dashes in `q`, so it cannot carry LIKE wildcards.
  if (filter.q) base.whereRaw('id::text LIKE ?', [`${filter.q.toLowerCase()}%`]);
  if (filter.state) base.where({ state: filter.state });
  if (filter.owner) base.where({ owner_id: filter.owner });
  if (filter.class_id) base.where({ class_id: filter.class_id });
  if (filter.overdue) {
    base.whereExists(
      knex('timers').whereRaw('timers.batch_id = batches.id').whereNull('fired_at').whereNull('cancelled_at').where('due_at', '<', knex.fn.now()),
    );
  }
  const total = await base.clone().count('* as n').first();
  const rows = (await base
    .clone()
    .select('id', 'state', 'owner_id', 'class_id', 'course_code', 'version', 'expected_count', 'deadline_at', 'created_at', 'updated_at')
    .orderBy([{ column: 'updated_at', order: 'desc' }, { column: 'id' }])
    .limit(filter.limit)
    .offset(filter.offset)) as SearchRow[];
  return {
    batches: rows.map((row) => ({
      batch_id: row.id,
      state: row.state,
      batch_type: row.class_id ? 'REGULAR' : 'GUEST',
      owner_id: row.owner_id,
      class_id: row.class_id,
      course_code: row.course_code,
      version: row.version,
      expected_count: row.expected_count,
      deadline_at: row.deadline_at?.toISOString() ?? null,
      created_at: row.created_at.toISOString(),
      updated_at: row.updated_at.toISOString(),
    })),
    pagination: { limit: filter.limit, offset: filter.offset, returned: rows.length, total: Number(total?.n ?? 0) },
  };
}
