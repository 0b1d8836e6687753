/** File arrival and slot assignment payloads (flow-spec §2 E2–E5). `entity_id` is the batch id in E2/E3. */
import { z } from 'zod';
import { count, errorDetailSchema, idString, isoDateTime, uuid } from './common.js';

/** E2 `huleedu.file.essay.content.provisioned.v1`: extracted text is stored and ready for a slot. */
export const essayContentProvisionedSchema = z.object({
  event: z.literal('essay.content.provisioned'),
  entity_id: idString,
  file_upload_id: idString,
  original_file_name: z.string().min(1),
  raw_file_storage_id: idString,
  text_storage_id: idString,
  file_size_bytes: count,
  content_md5_hash: z.string().nullable(),
  correlation_id: uuid,
  timestamp: isoDateTime,
});
export type EssayContentProvisionedV1 = z.infer<typeof essayContentProvisionedSchema>;

/** The reference FileValidationErrorCode values (common_core error_enums, incl. the encrypted-file code). */
export const FILE_VALIDATION_ERROR_CODES = [
  'EMPTY_CONTENT',
  'CONTENT_TOO_SHORT',
  'CONTENT_TOO_LONG',
  'RAW_STORAGE_FAILED',
  'TEXT_EXTRACTION_FAILED',
  'ENCRYPTED_FILE_UNSUPPORTED',
  'UNKNOWN_VALIDATION_ERROR',
  // Ours: the upload endpoint rejects these before any text is extracted (issue 4 §3).
  'UNSUPPORTED_FILE_TYPE',
  'FILE_TOO_LARGE',
  // Ours (issue 10): extraction ran out of its time budget, or of its memory / inflate / entry budgets.
  'EXTRACTION_TIMEOUT',
  'EXTRACTION_TOO_LARGE',
] as const;
export const fileValidationErrorCodeSchema = z.enum(FILE_VALIDATION_ERROR_CODES);
export type FileValidationErrorCode = z.infer<typeof fileValidationErrorCodeSchema>;

/** E3 `huleedu.file.essay.validation.failed.v1`: a file that will never fill its slot. */
export const essayValidationFailedSchema = z.object({
  event: z.literal('essay.validation.failed'),
  entity_id: idString,
  file_upload_id: idString,
  original_file_name: z.string().min(1),
  raw_file_storage_id: idString,
  validation_error_code: fileValidationErrorCodeSchema,
  validation_error_detail: errorDetailSchema,
  file_size_bytes: count,
  correlation_id: uuid,
  timestamp: isoDateTime,
});
export type EssayValidationFailedV1 = z.infer<typeof essayValidationFailedSchema>;

/** E4 `huleedu.els.essay.slot.assigned.v1`: maps the upload to the slot (essay id) it filled. */
export const essaySlotAssignedSchema = z.object({
  event: z.literal('essay.slot.assigned'),
  batch_id: idString,
  essay_id: idString,
  file_upload_id: idString,
  text_storage_id: idString,
  original_file_name: z.string().min(1),
  correlation_id: uuid,
  timestamp: isoDateTime,
});
export type EssaySlotAssignedV1 = z.infer<typeof essaySlotAssignedSchema>;

/** E5 `huleedu.els.excess.content.provisioned.v1`: content that arrived when every slot was taken. */
export const excessContentProvisionedSchema = z.object({
  event: z.literal('excess.content.provisioned'),
  batch_id: idString,
  original_file_name: z.string().min(1),
  text_storage_id: idString,
  reason: z.string().min(1),
  correlation_id: uuid,
  timestamp: isoDateTime,
});
export type ExcessContentProvisionedV1 = z.infer<typeof excessContentProvisionedSchema>;
