import type { Knex } from 'knex';
import type {
  ActorRow,
  ActorStore,
  ActorTx,
  InboxOutcome,
  JournalEntry,
  NewActorRow,
  OutboxMessage,
  ProjectedAction,
  ProjectionMeta,
  TimerSpec,
} from '../../actors/ports.js';
import { insertOutboxRows } from './outboxWriter.js';

/** Read-model writers for machine actions the runtime does not interpret (essays, associations …). */
export type Projector = (trx: Knex.Transaction, params: unknown, meta: ProjectionMeta) => Promise<void>;

export interface ActorStoreOptions {
  projectors?: Record<string, Projector>;
  /** Fails fast instead of queueing forever behind a stuck writer (ARCHITECTURE §7.3). */
  lockTimeout?: string;
}

/** The knex adapter of the runtime's single transaction. */
export function createKnexActorStore(knex: Knex, options: ActorStoreOptions = {}): ActorStore {
  return {
    transaction: (work) =>
      knex.transaction(async (trx) => {
        await trx.raw(`SET LOCAL lock_timeout = '${options.lockTimeout ?? '5s'}'`);
        return work(knexActorTx(trx, options.projectors ?? {}));
      }),
  };
}

function knexActorTx(trx: Knex.Transaction, projectors: Record<string, Projector>): ActorTx {
  return {
    claimInbox: async (consumer, messageId, batchId) => {
      const inserted = await trx('inbox')
        .insert({ consumer, message_id: messageId, batch_id: batchId })
        .onConflict(['consumer', 'message_id'])
        .ignore()
        .returning('message_id');
      return inserted.length === 1;
    },
    setInboxOutcome: async (consumer: string, messageId: string, outcome: InboxOutcome, reason?: string) => {
      await trx('inbox').where({ consumer, message_id: messageId }).update({ status: outcome, reason: reason ?? null });
    },
    lockActor: async (batchId) => {
      const row = await trx('batches').where({ id: batchId }).forUpdate().first('id', 'machine_id', 'machine_version', 'state', 'snapshot', 'version');
      return row ? toActorRow(row) : null;
    },
    insertActor: (row) => insertActor(trx, row),
    saveActor: (row, expectedVersion) => saveActor(trx, row, expectedVersion),
    appendJournal: (entry) => appendJournal(trx, entry),
    scheduleTimer: (batchId, timer) => scheduleTimer(trx, batchId, timer),
    cancelTimer: async (batchId, key) => {
      await trx('timers').where({ batch_id: batchId, timer_key: key }).whereNull('fired_at').whereNull('cancelled_at').update({ cancelled_at: trx.fn.now() });
    },
    fenceTimer: async (batchId, key, token) => {
      const fired = await trx('timers')
        .where({ batch_id: batchId, timer_key: key, token })
        .whereNull('fired_at')
        .whereNull('cancelled_at')
        .update({ fired_at: trx.fn.now() });
      return fired === 1;
    },
    enqueueOutbox: (messages: OutboxMessage[]) => insertOutboxRows(trx, messages),
    project: async (action: ProjectedAction, meta: ProjectionMeta) => {
      const projector = projectors[action.type];
      if (!projector) throw new Error(`no projector for machine action "${action.type}"`);
      await projector(trx, action.params, meta);
    },
  };
}

interface BatchRowRecord {
  id: string;
  machine_id: string;
  machine_version: number;
  state: string;
  snapshot: unknown;
  version: number;
}

function toActorRow(row: BatchRowRecord): ActorRow {
  return { id: row.id, machineId: row.machine_id, machineVersion: row.machine_version, state: row.state, snapshot: row.snapshot, version: Number(row.version) };
}

async function insertActor(trx: Knex.Transaction, row: NewActorRow): Promise<boolean> {
  const inserted = await trx('batches')
    .insert({
      ...row.attributes,
      id: row.id,
      machine_id: row.machineId,
      machine_version: row.machineVersion,
      state: row.state,
      snapshot: JSON.stringify(row.snapshot),
      version: row.version,
    })
    .onConflict('id')
    .ignore()
    .returning('id');
  return inserted.length === 1;
}

/** The row lock already serialises writers; the version predicate is a second fence. */
async function saveActor(trx: Knex.Transaction, row: ActorRow, expectedVersion: number): Promise<void> {
  const updated = await trx('batches')
    .where({ id: row.id, version: expectedVersion })
    .update({
      state: row.state,
      snapshot: JSON.stringify(row.snapshot),
      version: row.version,
      updated_at: trx.fn.now(),
      deadline_at: trx('timers').min('due_at').where({ batch_id: row.id }).whereNull('fired_at').whereNull('cancelled_at'),
    });
  if (updated !== 1) throw new Error(`batch ${row.id} changed under its row lock (expected version ${expectedVersion})`);
}

async function appendJournal(trx: Knex.Transaction, entry: JournalEntry): Promise<void> {
  await trx('batch_journal').insert({
    batch_id: entry.batchId,
    version: entry.version,
    outcome: entry.outcome,
    event_type: entry.eventType,
    event: JSON.stringify(entry.event),
    source: entry.source,
    message_id: entry.messageId,
    correlation_id: entry.correlationId,
    from_state: entry.fromState,
    to_state: entry.toState,
    actions: JSON.stringify(entry.actions),
    actor: entry.actor,
    reason: entry.reason,
  });
}

/** Upsert with a fresh token: any earlier timer under this key is superseded and can no longer fire. */
async function scheduleTimer(trx: Knex.Transaction, batchId: string, timer: TimerSpec): Promise<void> {
  await trx.raw(
    `INSERT INTO timers (batch_id, timer_key, token, due_at, event)
     VALUES (?, ?, gen_random_uuid(), now() + (? * interval '1 millisecond'), ?)
     ON CONFLICT (batch_id, timer_key) DO UPDATE SET
       token = EXCLUDED.token, due_at = EXCLUDED.due_at, event = EXCLUDED.event, created_at = now(),
       locked_until = NULL, fired_at = NULL, cancelled_at = NULL, attempts = 0, last_error = NULL`,
    [batchId, timer.key, timer.delayMs, JSON.stringify(timer.event)],
  );
}
