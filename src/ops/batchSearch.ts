/**
 * Operator reads over all batches (no owner scoping: the operator role sees every batch): counts per
 * state and a filtered, paginated search. Filters are ids and states only — no names, no PII.
 */
import { BATCH_STATES } from '../../machines/batch/index.js';
import type { BatchOperatorReads, OperatorBatchSearch } from '../batches/index.js';

export async function stateCounts(batches: Pick<BatchOperatorReads, 'stateCounts'>) {
  const { byState, overdue } = await batches.stateCounts();
  const counts: Record<string, number> = Object.fromEntries(BATCH_STATES.map((s) => [s, 0]));
  for (const [state, n] of byState) counts[state] = n;
  return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0), overdue };
}

export async function searchBatches(batches: Pick<BatchOperatorReads, 'searchBatches'>, filter: OperatorBatchSearch) {
  const { total, rows } = await batches.searchBatches(filter);
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
    pagination: { limit: filter.limit, offset: filter.offset, returned: rows.length, total },
  };
}
