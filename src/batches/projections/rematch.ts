import type { ProjectionContext } from './publish.js';

/**
 * v2 "match again" (issue 14): the teacher's saved choices stay unless the teacher asked to drop them; the
 * new suggestions then merge into the same rows (recordSuggestions never touches the choice columns).
 */
export async function recordRematch(ctx: ProjectionContext, params: { rematch: number; keepChoices: boolean; by: string }): Promise<void> {
  if (params.keepChoices) return;
  await ctx.sql.run(
    ctx.sql.knex('essay_student_associations').where({ batch_id: ctx.meta.batchId }).update({ choice: null, chosen_student_id: null, chosen_by: null, updated_at: ctx.sql.knex.fn.now() }),
  );
}
