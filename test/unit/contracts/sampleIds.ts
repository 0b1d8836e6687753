/** Shared ids, timestamps and building blocks for the hand-written sample messages (flow-spec §1–2). */
export const BATCH_ID = '5b0f4e0e-7c1a-4d55-9a51-2f6f1d3c8a01';
export const CLASS_ID = '9c2d7a61-3b4e-4f1a-8c0d-6e5f4a3b2c10';
export const CORRELATION_ID = '0e8f6c3a-1d2b-4c5e-9f7a-8b6c5d4e3f21';
export const EVENT_ID = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';
export const TEACHER_ID = 'teacher-42';
export const AT = '2025-03-04T09:15:22.123456Z';
export const AT_OFFSET = '2025-03-04T09:15:22.123456+00:00';

export type Json = Record<string, unknown>;

export const essayRef = (n: number): Json => ({ essay_id: `essay-${n}`, text_storage_id: `text-${n}`, spellcheck_metrics: null });
export const matchingRef = (n: number): Json => ({ ...essayRef(n), filename: `essay_${n}.docx` });

export const processingMetadata = (): Json => ({
  entity_id: BATCH_ID,
  entity_type: 'batch',
  parent_id: null,
  timestamp: AT,
  processing_stage: 'completed',
  started_at: AT,
  completed_at: AT_OFFSET,
  event: 'batch.essays.registered',
  error_info: {},
});

export const promptRef = (): Json => ({ references: { student_prompt_text: { storage_id: 'prompt-1', path: '' } } });

export const suggestion = (id: string, name: string, score: number): Json => ({
  student_id: id,
  student_name: name,
  student_email: `${id}@school.example`,
  confidence_score: score,
  match_reasons: ['name_exact'],
  extraction_metadata: {},
});

export const baseEvent = (name: string, entity: string | null): Json => ({
  event_name: name,
  entity_id: entity,
  entity_type: entity === null ? null : 'batch',
  parent_id: null,
  timestamp: AT,
});

