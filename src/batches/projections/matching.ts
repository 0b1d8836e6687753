import { TOPICS, type EssayMatchResult } from '../../contracts/index.js';
import type { AssociationRow } from '../batchStore.js';
import { provisionedEssays } from './slots.js';
import { baseEventData, loadBatch, publish, type ProjectionContext } from './publish.js';

/**
 * Entry of `awaitingMatching` (and each re-request after a matching deadline, G5). A v2 rematch (issue 14)
 * travels as `metadata.rematch`, so the matcher answers it anew even when the roster did not change.
 */
export async function requestMatching(ctx: ProjectionContext, params: { attempt: number; essayIds: string[]; rematch?: number }): Promise<void> {
  const batch = await loadBatch(ctx);
  publish(ctx, TOPICS.studentMatchingRequested, {
    ...baseEventData(ctx, 'batch.student.matching.requested'),
    batch_id: batch.id,
    essays_to_process: await provisionedEssays(ctx, params.essayIds),
    class_id: batch.class_id,
    course_code: batch.course_code,
  }, params.rematch ? { rematch: params.rematch } : {});
}

/**
 * One association row per provisioned essay, unmatched ones included (G4): an essay the matcher did not
 * answer for gets a row with the reason, so it can still be shown, chosen, confirmed or timed out.
 */
export async function recordSuggestions(ctx: ProjectionContext, params: { results: unknown[] }): Promise<void> {
  const batch = await loadBatch(ctx);
  const essays = await ctx.tx.provisionedEssayIds(ctx.meta.batchId);
  const byEssay = new Map((params.results as EssayMatchResult[]).map((r) => [r.essay_id, r]));
  const rows = essays.map((essayId) => toRow(batch.id, batch.class_id!, essayId, byEssay.get(essayId)));
  await ctx.tx.upsertAssociations(rows);
  ctx.settings.observe?.suggestionsStored(rows.flatMap((r) => (r.confidence === null ? [] : [r.confidence])));
}

export async function recordAllUnmatched(ctx: ProjectionContext, params: { essayIds: string[]; reason: string }): Promise<void> {
  const batch = await loadBatch(ctx);
  const rows = params.essayIds.map((essayId) => ({ ...toRow(batch.id, batch.class_id!, essayId, undefined), no_match_reason: params.reason }));
  await ctx.tx.upsertAssociations(rows);
}

function toRow(batchId: string, classId: string, essayId: string, result: EssayMatchResult | undefined): AssociationRow {
  const top = result?.suggestions[0];
  return {
    batch_id: batchId,
    essay_id: essayId,
    class_id: classId,
    suggestions: JSON.stringify(result?.suggestions ?? []),
    no_match_reason: result ? result.no_match_reason : 'error',
    evidence: JSON.stringify(result?.evidence ?? []),
    suggested_student_id: top?.student_id ?? null,
    confidence: top?.confidence_score ?? null,
    match_reasons: JSON.stringify(top?.match_reasons ?? []),
  };
}
