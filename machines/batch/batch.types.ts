/**
 * The batch actor's context, input and events. Context holds ids and counters only — no clocks, no
 * texts, no random ids — so a snapshot is small, JSON-safe and replays identically.
 */

export type SlotStatus = 'awaiting' | 'provisioned' | 'failed';

export interface EssaySlot {
  essayId: string;
  status: SlotStatus;
  /** Identity of the content that filled the slot (sha256 of an upload, or an external text_storage_id). */
  contentKey: string | null;
}

export interface BatchContext {
  batchId: string;
  ownerId: string;
  /** null ⇒ GUEST batch: ready as soon as every essay's text is in. */
  classId: string | null;
  courseCode: string;
  slots: EssaySlot[];
  /** Re-requests sent after a matching deadline (at most MAX_MATCHING_REREQUESTS); a rematch starts it again at 0. */
  matchingRerequests: number;
  /** v2+ only (absent in v1 snapshots): rematches the teacher asked for, at most MAX_REMATCHES (issue 14). */
  rematches?: number;
}

export interface BatchInput {
  batchId: string;
  ownerId: string;
  classId: string | null;
  courseCode: string;
  essayIds: string[];
}

export type ValidationMethod = 'human' | 'timeout' | 'auto';

export interface FinalAssociation {
  essayId: string;
  studentId: string;
  studentName: string;
  method: ValidationMethod;
  confidence: number | null;
  validatedBy: string;
}

export interface ContentProvisioned {
  type: 'CONTENT_PROVISIONED';
  contentKey: string;
  fileUploadId: string;
  filename: string;
  textStorageId: string;
  sizeBytes: number;
}

export interface ContentRejected {
  type: 'CONTENT_REJECTED';
  contentKey: string;
  fileUploadId: string;
  filename: string;
  code: string;
  detail: string;
}

export type BatchEvent =
  | ContentProvisioned
  | ContentRejected
  | { type: 'PROVISIONING_DEADLINE' }
  | { type: 'SUGGESTIONS_RECEIVED'; results: unknown[]; summary: Record<string, number> }
  | { type: 'MATCHING_DEADLINE' }
  | { type: 'ASSOCIATION_CHANGED'; essayId: string; studentId: string | null; by: string }
  | { type: 'TEACHER_CONFIRMED'; associations: FinalAssociation[]; by: string }
  | { type: 'VALIDATION_DEADLINE' }
  | { type: 'TIMEOUT_POLICY_APPLIED'; associations: FinalAssociation[] }
  | { type: 'POLICY_DEADLINE' }
  | { type: 'CANCEL'; by: string; reason: string }
  /** v2+: match again with the current roster; `keepChoices` keeps the teacher's saved picks (issue 14). */
  | { type: 'REMATCH_REQUESTED'; by: string; keepChoices: boolean };

export type BatchEventType = BatchEvent['type'];

/** Every event type v1 handles, for table tests and the inspector's legend. */
export const BATCH_EVENT_TYPES: readonly BatchEventType[] = [
  'CONTENT_PROVISIONED',
  'CONTENT_REJECTED',
  'PROVISIONING_DEADLINE',
  'SUGGESTIONS_RECEIVED',
  'MATCHING_DEADLINE',
  'ASSOCIATION_CHANGED',
  'TEACHER_CONFIRMED',
  'VALIDATION_DEADLINE',
  'TIMEOUT_POLICY_APPLIED',
  'POLICY_DEADLINE',
  'CANCEL',
];

/** v2 = v1 + REMATCH_REQUESTED. */
export const BATCH_V2_EVENT_TYPES: readonly BatchEventType[] = [...BATCH_EVENT_TYPES, 'REMATCH_REQUESTED'];

export const BATCH_STATES = ['provisioning', 'awaitingMatching', 'awaitingValidation', 'timedOut', 'ready', 'failed', 'cancelled'] as const;
export type BatchState = (typeof BATCH_STATES)[number];
export const FINAL_BATCH_STATES: readonly BatchState[] = ['ready', 'failed', 'cancelled'];

export const MAX_MATCHING_REREQUESTS = 3;
/** v2: how often a teacher may ask to match one batch again (each is a full matching run). */
export const MAX_REMATCHES = 3;
