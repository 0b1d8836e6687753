/**
 * The batch feature's one port to its tables (issue 11 §1): every statement on batches, batch_essays,
 * essay_student_associations, essay_contents — and the few reads of classes, students, inbox, journal and
 * timers the feature needs — is a method here. Features and projections depend on this interface; the one
 * adapter (src/batches/store/) holds ALL the SQL. Row shapes are the tables' columns, as stored.
 *
 * Two halves: `BatchStore` runs on its own connection (reads, and the writes that use their own short
 * transaction); `BatchTxStore` runs inside the actor's transaction (projection writes), bound to that
 * transaction's session by `BatchStore.inTransaction`. The operator API's reads over every batch are the
 * sibling port `BatchOperatorReads` (batchOperatorReads.ts); the same adapter serves both.
 */
import type { OutboxMessage } from '../../actors/ports.js';
import type { FinalAssociation } from '../../machines/batch/index.js';
import type { TeacherNotificationRequestedV1 } from '../contracts/index.js';
import type { ProjectionSql } from '../db/actorStore.js';

export interface BatchSummaryRow {
  id: string;
  owner_id: string;
  class_id: string | null;
  course_code: string;
  state: string;
  version: number;
  expected_count: number;
  deadline_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export type EssayCounts = Record<'awaiting' | 'provisioned' | 'failed', number>;

export interface EssaySlotRow {
  essay_id: string;
  client_essay_id: string | null;
  slot_index: number;
  status: string;
  filename: string | null;
  failure_code: string | null;
  failure_detail: string | null;
}

/** What a command path reads after (or before) applyEvent: the row as it is now. */
export interface BatchStatus {
  state: string;
  version: number;
  class_id: string | null;
  machine_version: number;
  /** The v2 rematch counter from the snapshot (0 when absent). */
  rematches: number;
}

export interface StoredSuggestion {
  student_id: string;
  student_name: string;
  confidence_score: number;
  [field: string]: unknown;
}

/** One provisioned essay of a batch with its association row (absent before the matcher answered). */
export interface EssayAssociation {
  essay_id: string;
  filename: string | null;
  /** The head of the essay text (enough for an excerpt), when asked for. */
  head: string | null;
  has_row: boolean;
  suggestions: StoredSuggestion[];
  no_match_reason: string | null;
  evidence: Record<string, unknown>[];
  suggested_student_id: string | null;
  confidence: number | null;
  choice: 'student' | 'unknown' | null;
  chosen_student_id: string | null;
  chosen_by: string | null;
  student_id: string | null;
  student_name: string | null;
  validation_status: string | null;
  validation_method: 'human' | 'timeout' | 'auto' | null;
  validated_by: string | null;
  validated_at: Date | null;
}

export interface RosterEntry {
  student_id: string;
  name: string;
}

export interface StoredText {
  sha256: string;
  sizeBytes: number;
  filename: string;
  text: string;
}

export type ReadyVia = 'TEACHER_CONFIRMED' | 'TIMEOUT_POLICY_APPLIED' | null;

export interface BatchListFilter {
  /** Only this owner's batches (teachers); null = every batch (operators). */
  ownerId: string | null;
  state?: string | undefined;
  limit: number;
  offset: number;
}

/** Reads, and writes with their own short transaction, each on a connection of its own. */
export interface BatchStore {
  /** The summary row of a batch (hot: prepared); with `ownerId`, only when that owner's. */
  getBatch(batchId: string, ownerId: string | null): Promise<BatchSummaryRow | undefined>;
  listBatches(filter: BatchListFilter): Promise<BatchSummaryRow[]>;
  /** Slot counts per batch for a whole page in one query (not one query per batch). */
  essayCounts(batchIds: readonly string[]): Promise<Map<string, EssayCounts>>;
  /** Every slot of a batch in slot order. */
  essaysOf(batchId: string): Promise<EssaySlotRow[]>;
  /** The row's state and version now (after a command, or to answer a repeat). */
  statusOf(batchId: string): Promise<BatchStatus | undefined>;

  /** Free (awaiting) and total slots. */
  slotCounts(batchId: string): Promise<{ free: number; slots: number }>;
  /** Content already in the batch: sha256 → essay id. */
  knownContent(batchId: string): Promise<Map<string, string>>;
  /** Stores an uploaded text once per (batch, sha256) and returns its id. */
  storeText(batchId: string, text: StoredText): Promise<string>;
  /** The slot a content landed in, if any. */
  slotOfContent(batchId: string, sha256: string): Promise<string | undefined>;

  /** Every provisioned essay in slot order with its association (hot: prepared); `essayId` narrows to one. */
  associationsOf(batchId: string, options?: { withText?: boolean; essayId?: string }): Promise<EssayAssociation[]>;
  /** Which event brought the batch to `ready` (from the journal). */
  readyVia(batchId: string): Promise<ReadyVia>;

  /** True when the class exists and is this teacher's. */
  isClassOwnedBy(classId: string, ownerId: string): Promise<boolean>;
  /** The class roster for pickers and checks, without the UNKNOWN placeholder (G8); [] without a class. */
  classRoster(classId: string | null): Promise<RosterEntry[]>;
  /** Display names of students by id (roster members and the UNKNOWN placeholder alike). */
  studentNames(ids: readonly string[]): Promise<Map<string, string>>;
  /** The ids among `ids` that still exist. */
  existingStudents(ids: readonly string[]): Promise<Set<string>>;
  /** The class's UNKNOWN placeholder, created once in its own short transaction (idempotent, G8). */
  ensureUnknownStudent(classId: string): Promise<string>;
  findUnknownStudent(classId: string): Promise<string | null>;

  /** The batch an inbox message was applied to (a retried registration). */
  batchOfMessage(consumer: string, messageId: string): Promise<string | undefined>;
  /** True when this message was applied to this batch. */
  wasApplied(consumer: string, messageId: string, batchId: string): Promise<boolean>;

  /** The projection half, bound to the actor transaction's session. */
  inTransaction(session: ProjectionSql): BatchTxStore;
}

/** The columns a batch's payloads need (they never change within a step). */
export interface BatchRecord {
  id: string;
  owner_id: string;
  class_id: string | null;
  course_code: string;
  expected_count: number;
}

export interface SlotRow {
  batch_id: string;
  essay_id: string;
  slot_index: number;
  client_essay_id: string | null;
}

export interface ContentRow {
  batchId: string;
  essayId: string;
  filename: string;
  textStorageId: string;
  sha256: string;
}

export interface RejectionRow {
  batchId: string;
  essayId: string;
  filename: string;
  sha256: string;
  code: string;
  detail: string;
}

export interface ProvisionedEssay {
  essay_id: string;
  text_storage_id: string;
  filename: string;
}

export interface AssociationRow {
  batch_id: string;
  essay_id: string;
  class_id: string;
  /** JSON text of the columns stored as jsonb. */
  suggestions: string;
  no_match_reason: string | null;
  evidence: string;
  suggested_student_id: string | null;
  confidence: number | null;
  match_reasons: string;
}

export interface StoredFinal {
  essay_id: string;
  student_id: string | null;
  validation_method: string | null;
}

/** Projection writes (and the reads they need), inside the actor's transaction: they commit or roll back with the step. */
export interface BatchTxStore {
  /** The registration columns of a batch (they never change), read once per transaction. */
  batchRecord(batchId: string): Promise<BatchRecord | undefined>;
  /** FOR KEY SHARE on the owner's class: a concurrent class delete waits for this commit (issue 3 §8). False when gone. */
  lockClass(classId: string, ownerId: string): Promise<boolean>;
  insertSlots(rows: readonly SlotRow[]): Promise<void>;
  /** Buffered: a group's contents go in one multi-row UPDATE before the transaction's next statement. */
  recordContent(row: ContentRow): Promise<void>;
  recordRejection(row: RejectionRow): Promise<void>;
  failSlots(batchId: string, essayIds: readonly string[], code: string, detail: string): Promise<void>;
  provisionedEssays(batchId: string, essayIds: readonly string[]): Promise<ProvisionedEssay[]>;
  provisionedEssayIds(batchId: string): Promise<string[]>;
  upsertAssociations(rows: readonly AssociationRow[]): Promise<void>;
  clearChoices(batchId: string): Promise<void>;
  recordChoice(batchId: string, essayId: string, studentId: string | null, by: string): Promise<void>;
  associationCreatedAt(batchId: string): Promise<Map<string, Date>>;
  storeFinals(batchId: string, associations: readonly FinalAssociation[], at: string): Promise<void>;
  storedFinals(batchId: string): Promise<StoredFinal[]>;
  /** The live validation deadline of the batch, if any. */
  validationDeadline(batchId: string): Promise<Date | null>;
  /** The teacher notification row (and its NOTIFY), returning its id. */
  recordNotification(notice: TeacherNotificationRequestedV1): Promise<number>;
  /** Outbox rows of this transaction (written with the journal just before commit). */
  enqueueOutbox(messages: OutboxMessage[]): void;
}
