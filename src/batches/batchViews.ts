import type { Principal } from '../auth/index.js';
import type { BatchSummaryRow, EssayCounts, EssaySlotRow } from './batchStore.js';
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
  return { ...summaryView(row, countsOf(essays)), essays };
}

/** The slot counts of one batch from its essays already read (a second query for them was a round trip per GET). */
function countsOf(essays: readonly EssaySlotRow[]): EssayCounts {
  const counts: EssayCounts = { awaiting: 0, provisioned: 0, failed: 0 };
  for (const essay of essays) if (Object.hasOwn(counts, essay.status)) counts[essay.status as keyof EssayCounts] += 1;
  return counts;
}

export async function listBatches(deps: BatchDeps, principal: Principal, query: { state?: string; limit: number; offset: number }) {
  const rows = await deps.store.listBatches({ ownerId: ownerScopeOf(principal), ...query });
  const counts = await deps.store.essayCounts(rows.map((row) => row.id));
  const batches = rows.map((row) => summaryView(row, counts.get(row.id)!));
  return { batches, pagination: { limit: query.limit, offset: query.offset, returned: batches.length } };
}
