import type { Principal } from '../auth/index.js';
import type { BatchSummaryRow, EssayCounts } from './batchStore.js';
import type { BatchDeps } from './deps.js';
import { findVisibleBatch, ownerScopeOf } from './visibleBatches.js';

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
  const row = await findVisibleBatch(deps.store, principal, batchId);
  const essays = await deps.store.essaysOf(batchId);
  const counts = (await deps.store.essayCounts([batchId])).get(batchId)!;
  return { ...summaryView(row, counts), essays };
}

export async function listBatches(deps: BatchDeps, principal: Principal, query: { state?: string; limit: number; offset: number }) {
  const rows = await deps.store.listBatches({ ownerId: ownerScopeOf(principal), ...query });
  const counts = await deps.store.essayCounts(rows.map((row) => row.id));
  const batches = rows.map((row) => summaryView(row, counts.get(row.id)!));
  return { batches, pagination: { limit: query.limit, offset: query.offset, returned: batches.length } };
}
