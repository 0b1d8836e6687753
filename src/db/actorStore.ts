import type { Knex } from 'knex';
import pg from 'pg';
import type { ActorRow, ActorSave, ActorStore, ActorTx, JournalEntry, NewActorRow, OutboxMessage, TimerSpec } from '../../actors/ports.js';
import { STATEMENTS, type Statement } from './actorStatements.js';
import { toOutboxRow, tracedMessage } from './outboxWriter.js';

/**
 * Runs read-model writes inside the actor's transaction. Projectors build queries with knex (as a
 * query builder only) and run them on the transaction's connection.
 */
export interface ProjectionSql {
  knex: Knex;
  run<T = Record<string, unknown>>(query: Knex.QueryBuilder | Knex.Raw): Promise<T[]>;
  /** A hot statement, prepared once per connection (named). */
  exec<T = Record<string, unknown>>(statement: Statement, values: unknown[]): Promise<T[]>;
  /**
   * One row of a multi-row statement (issue 11 §3): rows wait and go in one round trip just before the next
   * other statement of this transaction, so a group of 32 essay files costs one UPDATE, and every later read in
   * the transaction still sees them.
   */
  buffer(statement: RowsStatement, row: unknown[]): Promise<void>;
  /** Outbox rows of this transaction: written with the journal in one statement just before commit. */
  enqueueOutbox(messages: OutboxMessage[]): void;
}

/**
 * A statement that takes one array per column (`unnest($1::uuid[], …)`). `key` names the target row: a second
 * row for the same target first sends the rows waiting, so two writes to one row keep their order.
 */
export interface RowsStatement extends Statement {
  key: (row: unknown[]) => string;
}

export interface ActorStoreOptions {
  poolMax?: number;
  /** Fails fast instead of queueing forever behind a stuck writer (ARCHITECTURE §7.3). */
  lockTimeout?: string;
  /** Told about idle connections PostgreSQL closed (restart, failover); the pool replaces them. */
  onIdleError?: (error: Error) => void;
}

export interface PgActorStore extends ActorStore<ProjectionSql> {
  close(): Promise<void>;
}

/**
 * The runtime's single transaction on node-postgres with named prepared statements: this is the hot
 * path (bench:runtime), so it skips knex's per-query overhead. Knex still owns migrations and reads.
 */
export function createPgActorStore(databaseUrl: string, knex: Knex, options: ActorStoreOptions = {}): PgActorStore {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolMax ?? 10 });
  const lockTimeout = options.lockTimeout ?? '5s';
  pool.on('connect', (client) => void client.query(`SET lock_timeout = '${lockTimeout}'`).catch(() => {}));
  // Without a listener, an idle connection killed by a PostgreSQL restart would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return {
    async transaction(work) {
      const client = await pool.connect();
      // pg-pool drops its own error listener while a client is borrowed: a PostgreSQL restart mid-transaction
      // would then crash the process (found by the chaos run). Listen, and discard such a client on release.
      let broken: Error | undefined;
      const onError = (error: Error) => (broken = error);
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const tx = pgActorTx(client, knex);
        const result = await work(tx);
        await tx.flushWrites();
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** The adapter's transaction: the port, plus the buffered writes it flushes before COMMIT. */
interface PgActorTx extends ActorTx<ProjectionSql> {
  flushWrites(): Promise<void>;
}

function pgActorTx(client: pg.PoolClient, knex: Knex): PgActorTx {
  const waiting = waitingRows(client);
  const exec = async (statement: Statement, values: unknown[]) => {
    await waiting.send();
    return client.query({ name: statement.name, text: statement.text, values });
  };
  const journal: JournalEntry[] = [];
  const outbox: OutboxMessage[] = [];
  const sql: ProjectionSql = {
    knex,
    async run(query) {
      const native = query.toSQL().toNative();
      await waiting.send();
      return (await client.query(native.sql, native.bindings as unknown[])).rows;
    },
    buffer: (statement, row) => waiting.add(statement, row),
    exec: async (statement, values) => (await exec(statement, values)).rows,
    // The active span is the step that emits them: its traceparent travels in each envelope (issue 15).
    enqueueOutbox: (messages) => void outbox.push(...messages.map(tracedMessage)),
  };
  return {
    session: sql,
    claimInbox: async (consumer, messageId, batchId) => (await exec(STATEMENTS.claimInbox, [consumer, messageId, batchId])).rowCount === 1,
    claimInboxes: async (claims) => {
      if (claims.length === 0) return [];
      const { rows } = await exec(STATEMENTS.claimInboxes, [claims.map((c) => c.consumer), claims.map((c) => c.messageId), claims.map((c) => c.batchId)]);
      return (rows as { consumer: string; message_id: string }[]).map((r) => ({ consumer: r.consumer, messageId: r.message_id }));
    },
    setInboxOutcome: async (consumer, messageId, outcome, reason) => {
      if (outcome === 'applied') return; // claimInbox already wrote 'applied'; saves a round trip per event
      await exec(STATEMENTS.setInboxOutcome, [consumer, messageId, outcome, reason ?? null]);
    },
    lockActors: async (batchIds) => {
      if (batchIds.length === 0) return [];
      const { rows } = await exec(STATEMENTS.lockActors, [batchIds]);
      return (rows as BatchRowRecord[]).map(toActorRow);
    },
    insertActor: (row) => insertActor(sql, row),
    saveActors: async (saves) => {
      if (saves.length === 0) return;
      const { rowCount } = await exec(STATEMENTS.saveActors, saveColumns(saves));
      if (rowCount !== saves.length) {
        throw new Error(`${saves.length - (rowCount ?? 0)} of batches ${saves.map((s) => s.row.id).join(', ')} changed under their row locks`);
      }
    },
    appendJournal: async (entry) => void journal.push(entry),
    scheduleTimer: async (batchId, timer: TimerSpec) => void (await exec(STATEMENTS.scheduleTimer, [batchId, timer.key, timer.delayMs, JSON.stringify(timer.event)])),
    cancelTimer: async (batchId, key) => void (await exec(STATEMENTS.cancelTimer, [batchId, key])),
    fenceTimer: async (batchId, key, token) => (await exec(STATEMENTS.fenceTimer, [batchId, key, token])).rowCount === 1,
    enqueueOutbox: async (messages: OutboxMessage[]) => sql.enqueueOutbox(messages),
    async flushWrites() {
      await waiting.send();
      if (journal.length > 0) await exec(STATEMENTS.appendJournal, journalColumns(journal.splice(0)));
      if (outbox.length > 0) await exec(STATEMENTS.enqueueOutbox, outboxColumns(outbox.splice(0)));
    },
  };
}

/** The rows of one RowsStatement waiting to be sent (only one statement at a time, so order across statements holds). */
function waitingRows(client: pg.PoolClient) {
  let statement: RowsStatement | null = null;
  let rows: unknown[][] = [];
  const keys = new Set<string>();
  const send = async () => {
    if (!statement || rows.length === 0) return;
    const sent = { statement, rows };
    statement = null;
    rows = [];
    keys.clear();
    await client.query({ name: sent.statement.name, text: sent.statement.text, values: toColumns(sent.rows) });
  };
  return {
    send,
    async add(next: RowsStatement, row: unknown[]) {
      const key = next.key(row);
      if (statement !== next || keys.has(key)) await send();
      statement = next;
      rows.push(row);
      keys.add(key);
    },
  };
}

interface BatchRowRecord {
  id: string;
  machine_id: string;
  machine_version: number;
  state: string;
  snapshot: unknown;
  version: number | string;
}

function toActorRow(row: BatchRowRecord): ActorRow {
  return { id: row.id, machineId: row.machine_id, machineVersion: row.machine_version, state: row.state, snapshot: row.snapshot, version: Number(row.version) };
}

/** Creation is rare and its domain columns vary by machine, so it uses the query builder. */
async function insertActor(sql: ProjectionSql, row: NewActorRow): Promise<boolean> {
  const inserted = await sql.run(
    sql.knex('batches')
      .insert({ ...row.attributes, id: row.id, machine_id: row.machineId, machine_version: row.machineVersion, state: row.state, snapshot: JSON.stringify(row.snapshot), version: row.version })
      .onConflict('id')
      .ignore()
      .returning('id'),
  );
  return inserted.length === 1;
}

/** Rows → one array per column, rows in the order they were written: the parameters of an `unnest($1::…[], …)` statement. */
function toColumns(rows: readonly unknown[][]): unknown[][] {
  return rows[0]!.map((_, column) => rows.map((row) => row[column]));
}

const saveColumns = (saves: readonly ActorSave[]) =>
  toColumns(saves.map(({ row, expectedVersion }) => [row.id, row.state, JSON.stringify(row.snapshot), row.version, expectedVersion, row.machineVersion]));

const journalColumns = (entries: readonly JournalEntry[]) =>
  toColumns(entries.map((e) => [
    e.batchId, e.version, e.outcome, e.eventType, JSON.stringify(e.event), e.source, e.messageId,
    e.correlationId, e.fromState, e.toState, JSON.stringify(e.actions), e.actor, e.reason,
  ]));

const outboxColumns = (messages: readonly OutboxMessage[]) =>
  toColumns(messages.map(toOutboxRow).map((r) => [r.id, r.batch_id, r.batch_version, r.stream, r.event_type, r.envelope]));
