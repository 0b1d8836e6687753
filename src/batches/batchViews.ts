import type { Principal } from '../auth/index.js';
import { essayCountsOf, findVisibleBatch, listVisibleBatches, type BatchSummaryRow, type EssayCounts } from './batchQueries.js';
import type { BatchDeps } from './deps.js';

export function summaryView(row: BatchSummaryRow, counts: EssayCounts) {
  return {
    batch_id: row.id,
    state: row.state,
    batch_type: row.class_id ? ('REGULAR' as const) : ('GUEST' as const),
    class_id: row.class_id,
    course_code: row.course_code,
    expected_count: row.expected_count,
    counts,
    deadline_at: row.deadline_at?.toISOString() ?? null,
    version: row.version,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

/** GET /v1/batches/{id}: state, counts, essays, deadline; the version doubles as the ETag. */
export async function getBatch(deps: BatchDeps, principal: Principal, batchId: string) {
  const row = await findVisibleBatch(deps.knex, principal, batchId);
  const essays = await deps.knex('batch_essays')
    .where({ batch_id: batchId })
    .orderBy('slot_index')
    .select('essay_id', 'client_essay_id', 'slot_index', 'status', 'filename', 'failure_code', 'failure_detail');
  const counts = (await essayCountsOf(deps.knex, [batchId])).get(batchId)!;
  return { ...summaryView(row, counts), essays };
}

export async function listBatches(deps: BatchDeps, principal: Principal, query: { state?: string; limit: number; offset: number }) {
  const rows = await listVisibleBatches(deps.knex, principal, query);
  const counts = await essayCountsOf(deps.knex, rows.map((row) => row.id));
  const batches = rows.map((row) => summaryView(row, counts.get(row.id)!));
  return { batches, pagination: { limit: query.limit, offset: query.offset, returned: batches.length } };
}
