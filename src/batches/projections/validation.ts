import type { FinalAssociation } from '../../../machines/batch/index.js';
import { languageOf, summarizeAssociations, TOPICS, type CourseCode } from '../../contracts/index.js';
import { notify } from './notices.js';
import { provisionedEssays } from './slots.js';
import { baseEventData, isoNow, loadBatch, processingMetadata, publish, type ProjectionContext } from './publish.js';

/** A teacher's edit of one essay while validating: saved, versioned, journaled (ARCHITECTURE §3). */
export async function recordChoice(ctx: ProjectionContext, params: { essayId: string; studentId: string | null; by: string }): Promise<void> {
  await ctx.tx.recordChoice(ctx.meta.batchId, params.essayId, params.studentId, params.by);
  await notify(ctx, 'association_changed', { essay_id: params.essayId, student_id: params.studentId });
}

/**
 * The final associations, persisted before anything is announced (G1: the reference only emitted an
 * event and left rows pending), then E10 — exactly once, because only one transition reaches `ready`.
 */
export async function finalizeAssociations(ctx: ProjectionContext, params: { associations: FinalAssociation[]; timeoutTriggered: boolean }): Promise<void> {
  const batch = await loadBatch(ctx);
  const at = isoNow(ctx);
  await observeDelays(ctx, params.associations);
  await ctx.tx.storeFinals(batch.id, params.associations, at);
  const associations = params.associations.map((a) => ({
    essay_id: a.essayId, student_id: a.studentId, confidence_score: a.confidence ?? 0, validation_method: a.method, validated_by: a.validatedBy, validated_at: at,
  }));
  publish(ctx, TOPICS.studentAssociationsConfirmed, {
    ...baseEventData(ctx, 'student.associations.confirmed'),
    batch_id: batch.id,
    class_id: batch.class_id,
    course_code: batch.course_code,
    associations,
    timeout_triggered: params.timeoutTriggered,
    validation_summary: summarizeAssociations(associations),
  });
  if (!params.timeoutTriggered) await notify(ctx, 'associations_confirmed', { confirmed_count: associations.length, validation_summary: summarizeAssociations(associations) });
}

export async function requestTimeoutPolicy(ctx: ProjectionContext, params: { classId: string }): Promise<void> {
  const batch = await loadBatch(ctx);
  publish(ctx, TOPICS.validationTimeoutRequested, {
    event: 'batch.validation.timeout.requested', batch_id: batch.id, class_id: params.classId, user_id: batch.owner_id, timestamp: isoNow(ctx),
  });
}

/** E11 for REGULAR batches: every essay with its confirmed student (G16). GUEST batches announced with E6. */
export async function announceReady(ctx: ProjectionContext, params: { essayIds: string[]; classType: 'GUEST' | 'REGULAR' }): Promise<void> {
  if (params.classType === 'GUEST') return;
  const batch = await loadBatch(ctx);
  const essays = await provisionedEssays(ctx, params.essayIds);
  const finals = await ctx.tx.storedFinals(batch.id);
  const byEssay = new Map(finals.map((f) => [f.essay_id, f]));
  const courseCode = batch.course_code as CourseCode;
  publish(ctx, TOPICS.batchEssaysReady, {
    event: 'batch.essays.ready',
    batch_id: batch.id,
    ready_essays: essays.map((e) => ({ ...e, student_id: byEssay.get(e.essay_id)?.student_id ?? null, validation_method: byEssay.get(e.essay_id)?.validation_method ?? null })),
    metadata: processingMetadata(ctx, 'batch.essays.ready'),
    course_code: courseCode,
    course_language: languageOf(courseCode),
    student_prompt_ref: null,
    class_type: 'REGULAR',
  });
}

async function observeDelays(ctx: ProjectionContext, associations: FinalAssociation[]): Promise<void> {
  if (!ctx.settings.observe) return;
  const createdAt = await ctx.tx.associationCreatedAt(ctx.meta.batchId);
  const now = ctx.settings.now().getTime();
  for (const method of ['human', 'timeout', 'auto'] as const) {
    const seconds = associations.filter((a) => a.method === method).flatMap((a) => (createdAt.has(a.essayId) ? [(now - createdAt.get(a.essayId)!.getTime()) / 1000] : []));
    if (seconds.length) ctx.settings.observe.associationsConfirmed(method, seconds);
  }
}
