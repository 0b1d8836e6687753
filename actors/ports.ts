/**
 * The ports the actor runtime needs. Adapters in src/ implement them (knex, ioredis);
 * fakes for unit tests live in test/fakes. Nothing here knows about SQL or Redis.
 */

/** The reference wire envelope (flow-spec §1). `data` is validated by the consumer that owns the topic. */
export interface Envelope<TData = unknown> {
  event_id: string;
  event_type: string;
  event_timestamp: string;
  source_service: string;
  schema_version: number;
  correlation_id: string;
  data_schema_uri?: string | null;
  data: TData;
  metadata?: Record<string, unknown> | null;
}

/** Where an input to an actor came from; journaled with every step. */
export type EventSource = 'stream' | 'rest' | 'timer' | 'operator' | 'system';

/** A durable deadline that fires `event` into the actor once, unless cancelled or superseded. */
export interface TimerSpec {
  key: string;
  delayMs: number;
  event: { type: string; [field: string]: unknown };
}

/** The persisted actor row (`batches`). */
export interface ActorRow {
  id: string;
  machineId: string;
  machineVersion: number;
  state: string;
  snapshot: unknown;
  version: number;
}

export interface ActorSave {
  row: ActorRow;
  expectedVersion: number;
}

export interface NewActorRow extends ActorRow {
  attributes: Record<string, unknown>;
}

export interface InboxClaim {
  consumer: string;
  messageId: string;
  batchId: string;
}

export type InboxOutcome = 'applied' | 'ignored' | 'failed';

export interface JournalEntry {
  batchId: string;
  version: number;
  outcome: 'applied' | 'ignored';
  eventType: string;
  event: unknown;
  source: EventSource;
  messageId: string;
  correlationId: string;
  fromState: string;
  toState: string;
  actions: unknown[];
  actor: string | null;
  reason: string | null;
}

export interface OutboxMessage {
  batchId: string | null;
  batchVersion: number | null;
  stream: string;
  envelope: Envelope;
}

/** A projection step: machine actions the runtime does not interpret itself (read models). */
export interface ProjectedAction {
  type: string;
  params: unknown;
}

export interface ProjectionMeta {
  batchId: string;
  version: number;
  correlationId: string;
  actor: string | null;
  event: { type: string; [field: string]: unknown };
}

/**
 * The runtime's effects port (issue 11 §1): interprets every machine action the runtime does not handle
 * itself (emit, scheduleTimer, cancelTimer) — read-model rows and domain events — inside the step's
 * transaction, reached through the store's `session`. Passed to createActorRuntime; src builds one per
 * machine from a handler table typed by the machine's own actions.
 */
export interface EffectInterpreter<TSession = unknown> {
  apply(session: TSession, action: ProjectedAction, meta: ProjectionMeta): Promise<void>;
}

/** Everything applyEvent does inside its one transaction. */
export interface ActorTx<TSession = unknown> {
  /** The adapter's handle on this transaction, for the effect interpreter (e.g. its SQL session). */
  readonly session: TSession;
  /** Records (consumer, messageId); false when it was already there (a duplicate). */
  claimInbox(consumer: string, messageId: string, batchId: string): Promise<boolean>;
  /** claimInbox for a whole group in one round trip; returns the claims that were new (the rest are duplicates). */
  claimInboxes(claims: InboxClaim[]): Promise<{ consumer: string; messageId: string }[]>;
  setInboxOutcome(consumer: string, messageId: string, outcome: InboxOutcome, reason?: string): Promise<void>;
  /**
   * SELECT … FOR UPDATE, in batch-id order (so concurrent groups never deadlock): the single writer per batch
   * across processes. One round trip for a whole group; ids without a row are simply absent from the result.
   */
  lockActors(batchIds: readonly string[]): Promise<ActorRow[]>;
  /** INSERT … ON CONFLICT (id) DO NOTHING; false when the actor already existed. */
  insertActor(row: NewActorRow): Promise<boolean>;
  /**
   * Writes each snapshot if its stored version is still `expectedVersion` (second fence after the row lock),
   * all in one round trip; throws if any row had changed.
   */
  saveActors(saves: readonly ActorSave[]): Promise<void>;
  /** Journal and outbox rows may be buffered by the adapter and written together before the commit. */
  appendJournal(entry: JournalEntry): Promise<void>;
  /** Upserts with a fresh token, superseding any earlier timer with the same key. */
  scheduleTimer(batchId: string, timer: TimerSpec): Promise<void>;
  cancelTimer(batchId: string, key: string): Promise<void>;
  /** Marks the timer fired if (key, token) is still the live one; false when stale, cancelled or already fired. */
  fenceTimer(batchId: string, key: string, token: string): Promise<boolean>;
  enqueueOutbox(messages: OutboxMessage[]): Promise<void>;
}

export interface ActorStore<TSession = unknown> {
  transaction<T>(work: (tx: ActorTx<TSession>) => Promise<T>): Promise<T>;
}

/** A timer row claimed by the poller (short transaction; it holds no batch lock). */
export interface DueTimer {
  batchId: string;
  key: string;
  token: string;
  event: { type: string; [field: string]: unknown };
  dueAt: Date;
}

export interface TimerStore {
  claimDue(limit: number, leaseMs: number): Promise<DueTimer[]>;
  recordFailure(timer: DueTimer, error: string): Promise<void>;
}

/** An outbox row as the relay sees it. `envelope.event_id` is the row id and never changes. */
export interface PendingOutboxRow {
  id: string;
  /** The batch the row is about, when it is about one (for tracing and logs). */
  batchId?: string | null;
  stream: string;
  envelope: Envelope;
  attempts: number;
}

export interface OutboxStore {
  /** Claims up to `limit` unpublished rows (FOR UPDATE SKIP LOCKED) and runs `publish` inside that transaction. */
  withClaimedBatch(limit: number, publish: (rows: PendingOutboxRow[]) => Promise<PublishOutcome[]>): Promise<number>;
}

export type PublishOutcome = { id: string; ok: true } | { id: string; ok: false; error: string };

export interface StreamPublisher {
  publish(stream: string, envelope: Envelope): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/** Structured logging as the runtime needs it; src adapts winston to this. */
export interface RuntimeLogger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/** Counters the runtime reports; src binds them to prom-client. */
export interface RuntimeMetrics {
  eventApplied(eventType: string, outcome: 'applied' | 'ignored' | 'duplicate' | 'failed', seconds: number): void;
  /** The size of each group a consumer committed in one transaction (group commit). */
  groupApplied?(size: number): void;
}
