import type { ProjectionContext } from './publish.js';

/**
 * v2 "match again" (issue 14): the teacher's saved choices stay unless the teacher asked to drop them; the
 * new suggestions then merge into the same rows (recordSuggestions never touches the choice columns).
 */
export async function recordRematch(ctx: ProjectionContext, params: { rematch: number; keepChoices: boolean; by: string }): Promise<void> {
  if (params.keepChoices) return;
  await ctx.tx.clearChoices(ctx.meta.batchId);
}
