/** Batch coordination payloads between registration, provisioning and readiness (flow-spec §2 E1, E6, E11). */
import { z } from 'zod';
import {
  count,
  courseCodeSchema,
  essayProcessingInputRefSchema,
  idString,
  isoDateTime,
  languageOf,
  languageSchema,
  storageReferenceMetadataSchema,
  systemProcessingMetadataSchema,
  uuid,
} from './common.js';

/** E1 `huleedu.batch.essays.registered.v1`: one slot id per expected essay; `class_id` null ⇒ GUEST. */
export const batchEssaysRegisteredSchema = z
  .object({
    event: z.literal('batch.essays.registered'),
    entity_id: idString,
    expected_essay_count: z.number().int().positive(),
    essay_ids: z.array(idString),
    metadata: systemProcessingMetadataSchema,
    course_code: courseCodeSchema,
    student_prompt_ref: storageReferenceMetadataSchema.nullable(),
    user_id: idString,
    org_id: z.string().nullable(),
    class_id: z.string().nullable(),
  })
  .superRefine((e, ctx) => {
    // The slot ids are the batch's essays; a count that disagrees would leave slots unfillable or missing.
    if (e.essay_ids.length !== e.expected_essay_count) {
      ctx.addIssue({
        code: 'custom',
        path: ['essay_ids'],
        message: `expected ${e.expected_essay_count} ids (expected_essay_count), got ${e.essay_ids.length}`,
      });
    }
    const seen = new Set<string>();
    e.essay_ids.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['essay_ids', i], message: `duplicate essay id "${id}"` });
      seen.add(id);
    });
  });
export type BatchEssaysRegistered = z.infer<typeof batchEssaysRegisteredSchema>;

/**
 * E6 `huleedu.batch.content.provisioning.completed.v1`.
 * Drift fixed (flow-spec §10 G18): `expected_count` is the *registered* slot count, not a copy of
 * `provisioned_count`, so a consumer can tell a short batch (failed files) from a full one.
 * `provisioned_count` is the number of essays listed, never more than were registered (excess uploads are E5).
 */
export const batchContentProvisioningCompletedSchema = z
  .object({
    event: z.literal('batch.content.provisioning.completed'),
    batch_id: idString,
    provisioned_count: count,
    expected_count: z.number().int().positive(),
    course_code: courseCodeSchema,
    user_id: idString,
    essays_for_processing: z.array(essayProcessingInputRefSchema),
    correlation_id: uuid,
    timestamp: isoDateTime,
  })
  .superRefine((e, ctx) => {
    if (e.provisioned_count > e.expected_count) {
      ctx.addIssue({
        code: 'custom',
        path: ['provisioned_count'],
        message: `${e.provisioned_count} exceeds expected_count ${e.expected_count} (registered slots)`,
      });
    }
    if (e.essays_for_processing.length !== e.provisioned_count) {
      ctx.addIssue({
        code: 'custom',
        path: ['essays_for_processing'],
        message: `lists ${e.essays_for_processing.length} essays but provisioned_count is ${e.provisioned_count}`,
      });
    }
  });
export type BatchContentProvisioningCompletedV1 = z.infer<typeof batchContentProvisioningCompletedSchema>;

/**
 * E11 `huleedu.els.batch.essays.ready.v1` (REGULAR batches). The reference BOS rejects an empty
 * `ready_essays`, so the contract does too; `course_language` must agree with `course_code` (flow-spec §8).
 */
export const batchEssaysReadySchema = z
  .object({
    event: z.literal('batch.essays.ready'),
    batch_id: idString,
    ready_essays: z.array(essayProcessingInputRefSchema).min(1),
    metadata: systemProcessingMetadataSchema,
    course_code: courseCodeSchema,
    course_language: languageSchema,
    student_prompt_ref: storageReferenceMetadataSchema.nullable(),
    class_type: z.enum(['GUEST', 'REGULAR']),
  })
  .superRefine((e, ctx) => {
    const expected = languageOf(e.course_code);
    if (e.course_language !== expected) {
      ctx.addIssue({
        code: 'custom',
        path: ['course_language'],
        message: `"${e.course_language}" does not match course_code ${e.course_code} (expected "${expected}")`,
      });
    }
  });
export type BatchEssaysReady = z.infer<typeof batchEssaysReadySchema>;
