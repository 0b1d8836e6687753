/**
 * The operator API's reads over every batch (src/ops, issue 11 §1): the same adapter as BatchStore
 * (src/batches/store/operatorReads.ts) serves them, so batch SQL stays in one place. No owner scoping: the
 * operator role sees every batch; filters are ids and states only, no names.
 */

/** The whole actor row, as the operator inspector shows it. */
export interface InspectedBatchRow {
  id: string;
  machine_id: string;
  machine_version: number;
  state: string;
  snapshot: { value: unknown; context: unknown };
  version: number;
  owner_id: string | null;
  class_id: string | null;
  course_code: string | null;
  expected_count: number | null;
  deadline_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface JournalRow {
  id: number;
  version: number;
  outcome: string;
  event_type: string;
  source: string;
  message_id: string;
  correlation_id: string;
  from_state: string;
  to_state: string;
  actions: { type: string }[];
  actor: string | null;
  reason: string | null;
  at: Date;
}

export interface TimerRow {
  timer_key: string;
  token: string;
  due_at: Date;
  event: unknown;
  created_at: Date;
  fired_at: Date | null;
  cancelled_at: Date | null;
  attempts: number;
  last_error: string | null;
  /** On the database clock (the clock the poller fires by). */
  remaining_ms: number | string;
}

export interface BatchInspection {
  row: InspectedBatchRow;
  /** Up to `limit + 1` entries after the cursor: one more than asked tells there is a next page. */
  journal: JournalRow[];
  /** When the batch entered its current state (wherever that lies in the journal). */
  enteredAt: Date | undefined;
  timers: TimerRow[];
  essays: Record<string, unknown>[];
  associations: Record<string, unknown>[];
}

export interface OperatorBatchSearch {
  q?: string | undefined;
  state?: string | undefined;
  owner?: string | undefined;
  class_id?: string | undefined;
  overdue?: boolean | undefined;
  limit: number;
  offset: number;
}

export interface SearchRow {
  id: string;
  state: string;
  owner_id: string | null;
  class_id: string | null;
  course_code: string | null;
  version: number;
  expected_count: number | null;
  deadline_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface VersionCount {
  machine_id: string;
  machine_version: number;
  state: string;
  n: number;
}

/** The operator API's reads over every batch (no owner scoping; ids and states only, no names). */
export interface BatchOperatorReads {
  inspection(batchId: string, page: { limit: number; cursor?: number | undefined }): Promise<BatchInspection | undefined>;
  /** Batches per state, and how many have a live deadline already passed. */
  stateCounts(): Promise<{ byState: Map<string, number>; overdue: number }>;
  searchBatches(filter: OperatorBatchSearch): Promise<{ total: number; rows: SearchRow[] }>;
  /** Actor rows per machine id, machine version and state (every machine). */
  versionCounts(): Promise<VersionCount[]>;
  /** Older-version batches in the given states, oldest first. */
  batchesToMigrate(states: readonly string[], toVersion: number, limit: number): Promise<string[]>;
}
