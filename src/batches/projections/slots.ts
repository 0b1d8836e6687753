import { TOPICS } from '../../contracts/index.js';
import type { RowsStatement } from '../../db/actorStore.js';
import { isoNow, loadBatch, processingMetadata, publish, type ProjectionContext } from './publish.js';

interface RegistrationInput {
  essayIds: string[];
  clientEssayIds?: (string | null)[];
  userId?: string;
}

/** Entry of `provisioning` at creation: one row per slot, and E1 essays-registered. */
export async function recordRegistration(ctx: ProjectionContext, params: { essayIds: string[] }): Promise<void> {
  const input = (ctx.meta.event as { input?: RegistrationInput }).input ?? { essayIds: params.essayIds };
  await lockClassOf(ctx);
  const rows = params.essayIds.map((essayId, slot) => ({ batch_id: ctx.meta.batchId, essay_id: essayId, slot_index: slot, client_essay_id: input.clientEssayIds?.[slot] ?? null }));
  await ctx.sql.run(ctx.sql.knex('batch_essays').insert(rows));
  ctx.settings.observe?.batchRegistered(rows.length);
  const batch = await loadBatch(ctx);
  publish(ctx, TOPICS.batchEssaysRegistered, {
    event: 'batch.essays.registered',
    entity_id: batch.id,
    expected_essay_count: params.essayIds.length,
    essay_ids: params.essayIds,
    metadata: processingMetadata(ctx, 'batch.essays.registered'),
    course_code: batch.course_code,
    student_prompt_ref: null,
    user_id: batch.owner_id,
    org_id: null,
    class_id: batch.class_id,
  });
}

/**
 * The hottest projection (one per essay file): a prepared multi-row statement, so a group of files from
 * the stream lands in one UPDATE (issue 11 §3).
 */
const RECORD_CONTENT: RowsStatement = {
  name: 'projection_record_contents',
  text: `UPDATE batch_essays AS e SET status = 'provisioned', filename = c.filename, text_storage_id = c.text_storage_id, sha256 = c.sha256, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS c(batch_id, essay_id, filename, text_storage_id, sha256)
         WHERE e.batch_id = c.batch_id AND e.essay_id = c.essay_id`,
  key: ([batchId, essayId]) => `${String(batchId)}/${String(essayId)}`,
};

interface ContentParams {
  essayId: string;
  fileUploadId: string;
  filename: string;
  textStorageId: string;
  contentKey: string;
}

export async function recordContent(ctx: ProjectionContext, params: ContentParams): Promise<void> {
  await ctx.sql.buffer(RECORD_CONTENT, [ctx.meta.batchId, params.essayId, params.filename, params.textStorageId, params.contentKey]);
  publish(ctx, TOPICS.essaySlotAssigned, {
    event: 'essay.slot.assigned',
    batch_id: ctx.meta.batchId,
    essay_id: params.essayId,
    file_upload_id: params.fileUploadId,
    text_storage_id: params.textStorageId,
    original_file_name: params.filename,
    correlation_id: ctx.meta.correlationId,
    timestamp: isoNow(ctx),
  });
}

/** G13: a rejected file fills its slot as failed, so the batch still completes. */
export async function recordRejection(ctx: ProjectionContext, params: Omit<ContentParams, 'textStorageId'> & { code: string; detail: string }): Promise<void> {
  await ctx.sql.run(
    ctx.sql.knex('batch_essays').where({ batch_id: ctx.meta.batchId, essay_id: params.essayId })
      .update({ status: 'failed', filename: params.filename, sha256: params.contentKey, failure_code: params.code, failure_detail: params.detail, updated_at: ctx.sql.knex.fn.now() }),
  );
}

export async function failRemainingSlots(ctx: ProjectionContext, params: { essayIds: string[] }): Promise<void> {
  if (params.essayIds.length === 0) return;
  await ctx.sql.run(
    ctx.sql.knex('batch_essays').where({ batch_id: ctx.meta.batchId }).whereIn('essay_id', params.essayIds)
      .update({ status: 'failed', failure_code: 'PROVISIONING_TIMEOUT', failure_detail: 'no file arrived for this slot before the provisioning deadline', updated_at: ctx.sql.knex.fn.now() }),
  );
}

/** The essays that made it in, with the file names the matcher needs (G18). */
export async function provisionedEssays(ctx: ProjectionContext, essayIds: string[]) {
  const rows = await ctx.sql.run<{ essay_id: string; text_storage_id: string; filename: string }>(
    ctx.sql.knex('batch_essays').select('essay_id', 'text_storage_id', 'filename').where({ batch_id: ctx.meta.batchId }).whereIn('essay_id', essayIds).orderBy('slot_index'),
  );
  return rows.map((r) => ({ essay_id: r.essay_id, text_storage_id: r.text_storage_id, filename: r.filename }));
}

/** E6 for both batch types (for GUEST it is the readiness signal, reference semantics). */
export async function announceProvisioned(ctx: ProjectionContext, params: { essayIds: string[] }): Promise<void> {
  const batch = await loadBatch(ctx);
  const essays = await provisionedEssays(ctx, params.essayIds);
  publish(ctx, TOPICS.batchContentProvisioningCompleted, {
    event: 'batch.content.provisioning.completed',
    batch_id: batch.id,
    provisioned_count: essays.length,
    expected_count: batch.expected_count, // the registered count, not the provisioned one (G18)
    course_code: batch.course_code,
    user_id: batch.owner_id,
    essays_for_processing: essays,
    correlation_id: ctx.meta.correlationId,
    timestamp: isoNow(ctx),
  });
}

/**
 * The class must exist for as long as this batch is not final: FOR KEY SHARE makes a concurrent class
 * delete wait for this commit and then see the batch (issue 3 §8), without blocking other registrations.
 */
async function lockClassOf(ctx: ProjectionContext): Promise<void> {
  const batch = await loadBatch(ctx);
  if (!batch.class_id) return;
  const found = await ctx.sql.run(ctx.sql.knex('classes').select('id').where({ id: batch.class_id, owner_id: batch.owner_id }).forKeyShare());
  if (found.length === 0) throw new Error(`class ${batch.class_id} of batch ${batch.id} no longer exists`);
}
