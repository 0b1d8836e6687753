import { TOPICS } from '../../contracts/index.js';
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
  await ctx.tx.insertSlots(rows);
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

interface ContentParams {
  essayId: string;
  fileUploadId: string;
  filename: string;
  textStorageId: string;
  contentKey: string;
}

/** The hottest projection (one per essay file): buffered, so a group of files from the stream lands in one UPDATE (issue 11 §3). */
export async function recordContent(ctx: ProjectionContext, params: ContentParams): Promise<void> {
  await ctx.tx.recordContent({ batchId: ctx.meta.batchId, essayId: params.essayId, filename: params.filename, textStorageId: params.textStorageId, sha256: params.contentKey });
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
  await ctx.tx.recordRejection({ batchId: ctx.meta.batchId, essayId: params.essayId, filename: params.filename, sha256: params.contentKey, code: params.code, detail: params.detail });
}

export async function failRemainingSlots(ctx: ProjectionContext, params: { essayIds: string[] }): Promise<void> {
  await ctx.tx.failSlots(ctx.meta.batchId, params.essayIds, 'PROVISIONING_TIMEOUT', 'no file arrived for this slot before the provisioning deadline');
}

/** The essays that made it in, with the file names the matcher needs (G18). */
export function provisionedEssays(ctx: ProjectionContext, essayIds: string[]) {
  return ctx.tx.provisionedEssays(ctx.meta.batchId, essayIds);
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
  if (!(await ctx.tx.lockClass(batch.class_id, batch.owner_id))) throw new Error(`class ${batch.class_id} of batch ${batch.id} no longer exists`);
}
