/**
 * Building blocks shared by the Phase-1 payloads (flow-spec §1, §8).
 *
 * Required-ness rule for every payload in this module: a key the reference always puts on the wire
 * (pydantic `model_dump` emits defaults too) is required here, nullable where the reference type allows
 * None. Only keys the flow-spec marks optional (`?`) or that are our own additions are optional.
 * Unknown keys are stripped, as pydantic ignores them (flow-spec §1).
 */
import { z } from 'zod';

/** Non-empty identifier. The reference types ids as plain `str`, so we do not insist on UUIDs. */
export const idString = z.string().min(1);

/** ISO-8601 with an explicit offset: pydantic dumps aware UTC datetimes as `…Z` / `…+00:00`. */
export const isoDateTime = z.iso.datetime({
  offset: true,
  error: (issue) => (issue.code === 'invalid_format' ? 'Invalid ISO datetime (expected e.g. 2025-03-04T09:15:22Z or +00:00 offset)' : undefined),
});

export const uuid = z.uuid();

export const count = z.number().int().nonnegative();

export const confidence = z.number().min(0).max(1);

export const jsonObject = z.record(z.string(), z.unknown());

export const COURSE_CODES = ['ENG5', 'ENG6', 'ENG7', 'SV1', 'SV2', 'SV3'] as const;
export const courseCodeSchema = z.enum(COURSE_CODES);
export type CourseCode = z.infer<typeof courseCodeSchema>;

export const LANGUAGES = ['en', 'sv'] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** flow-spec §8: the language is derived from the course code, never chosen separately. */
export function languageOf(code: CourseCode): Language {
  return code.startsWith('ENG') ? 'en' : 'sv';
}

export const PROCESSING_STAGES = ['pending', 'initialized', 'processing', 'completed', 'failed', 'cancelled'] as const;

/** flow-spec §1 SystemProcessingMetadata (flat `entity_id`/`entity_type`, as at reference HEAD). */
export const systemProcessingMetadataSchema = z.object({
  entity_id: idString,
  entity_type: z.string().min(1),
  parent_id: z.string().nullable().optional(),
  timestamp: isoDateTime,
  processing_stage: z.enum(PROCESSING_STAGES).nullable().optional(),
  started_at: isoDateTime.nullable().optional(),
  completed_at: isoDateTime.nullable().optional(),
  event: z.string().nullable().optional(),
  error_info: jsonObject,
});
export type SystemProcessingMetadata = z.infer<typeof systemProcessingMetadataSchema>;

/**
 * flow-spec §1 EssayProcessingInputRefV1. `filename` is our addition (ignored by reference consumers):
 * it carries the uploaded file name towards the matcher so E9 can report it (flow-spec §10 G18).
 */
export const essayProcessingInputRefSchema = z.object({
  essay_id: idString,
  text_storage_id: idString,
  spellcheck_metrics: jsonObject.nullable().optional(),
  filename: z.string().min(1).optional(),
  // Ours, on E11 only: the confirmed author, so the pipeline need not ask class management (G16).
  student_id: z.string().min(1).nullable().optional(),
  validation_method: z.enum(['human', 'timeout', 'auto']).nullable().optional(),
});
export type EssayProcessingInputRefV1 = z.infer<typeof essayProcessingInputRefSchema>;

/** flow-spec §1: content type → {storage_id, path}; the reference documents `path` as optional. */
export const storageReferenceMetadataSchema = z.object({
  references: z.record(z.string().min(1), z.object({ storage_id: idString, path: z.string().optional() })),
});
export type StorageReferenceMetadata = z.infer<typeof storageReferenceMetadataSchema>;

/** The reference's canonical error model (common_core ErrorDetail); `error_code` spans many service enums. */
export const errorDetailSchema = z.object({
  error_code: z.string().min(1),
  message: z.string(),
  correlation_id: uuid,
  timestamp: isoDateTime,
  service: z.string().min(1),
  operation: z.string().min(1),
  details: jsonObject,
  stack_trace: z.string().nullable().optional(),
  trace_id: z.string().nullable().optional(),
  span_id: z.string().nullable().optional(),
});
export type ErrorDetail = z.infer<typeof errorDetailSchema>;

/**
 * BaseEventData fields (flow-spec §1 family (a)) for the matching events E7–E10.
 * `event_name` is the ProcessingEvent enum value, fixed per payload.
 */
export function baseEventData<const TName extends string>(eventName: TName) {
  return {
    event_name: z.literal(eventName),
    entity_id: z.string().nullable(),
    entity_type: z.string().nullable(),
    parent_id: z.string().nullable(),
    timestamp: isoDateTime,
  };
}
