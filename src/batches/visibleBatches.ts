import type { Principal } from '../auth/index.js';
import { notFound } from '../http/problem.js';
import type { BatchStore, BatchSummaryRow } from './batchStore.js';

/** Teachers see their own batches, operators all: the owner filter for the store (null = every owner). */
export const ownerScopeOf = (principal: Principal): string | null => (principal.role === 'teacher' ? principal.userId : null);

/** A batch the caller may see: another teacher's id looks missing (404, no existence leak). */
export async function findVisibleBatch(store: Pick<BatchStore, 'getBatch'>, principal: Principal, batchId: string): Promise<BatchSummaryRow> {
  const row = await store.getBatch(batchId, ownerScopeOf(principal));
  if (!row) throw notFound(`batch ${batchId}`);
  return row;
}
