/**
 * The one way a teacher notification is written (batch projections and class management alike).
 * The `notifications` row is the truth the websocket pushes and resumes from (issue 6); the E12
 * event carries its id as `payload.notification_id` so every consumer talks about the same id.
 */
import type { Knex } from 'knex';
import type { OutboxMessage } from '../../actors/ports.js';
import { activeTraceHeaders } from '../../actors/telemetry.js';
import { TOPICS, teacherNotificationRequestedSchema, type TeacherNotificationRequestedV1 } from '../contracts/index.js';

/** PostgreSQL channel the websocket hubs LISTEN on; payload `{"id":n,"teacher_id":"…","traceparent":"…"|null}`. */
export const NOTIFICATION_CHANNEL = 'teacher_notifications';

/** Keeps these advisory locks apart from the bus's ("LS") and the classes' single-key locks. */
const LOCK_NAMESPACE = 0x4e54; // "NT"

/** Runs SQL inside the caller's transaction: the actor store's ProjectionSql fits, and so does `knexSql(trx)`. */
export interface NotificationSql {
  knex: Knex;
  run<T = Record<string, unknown>>(query: Knex.QueryBuilder | Knex.Raw): Promise<T[]>;
}

export function knexSql(trx: Knex.Transaction): NotificationSql {
  return {
    knex: trx,
    run: async <T>(query: Knex.QueryBuilder | Knex.Raw) => {
      const result = (await query) as T[] | { rows: T[] }; // built on trx, so already inside the transaction
      return Array.isArray(result) ? result : result.rows;
    },
  };
}

/** What a websocket client receives as `data` (flow-spec §7: the payload plus the envelope's fields). */
export function clientDataOf(notice: TeacherNotificationRequestedV1): Record<string, unknown> {
  return {
    ...notice.payload,
    category: notice.category,
    priority: notice.priority,
    action_required: notice.action_required,
    deadline: notice.deadline_timestamp,
    batch_id: notice.batch_id,
    class_id: notice.class_id,
    correlation_id: notice.correlation_id,
    timestamp: notice.timestamp,
  };
}

/**
 * Inserts the row and queues a NOTIFY, both inside the caller's transaction, and returns the row id.
 *
 * Why the per-teacher lock: ids come from a sequence at insert time, but rows become visible at commit.
 * Without it, teacher T's id 10 could commit before id 9, a socket would be sent 10, and a client
 * resuming "after 10" would never see 9. Holding the lock from insert to commit makes one teacher's
 * ids commit in id order (NOTIFY is delivered in commit order), so "everything > last_id" is exact.
 * Different teachers never wait for each other.
 */
export async function recordNotification(sql: NotificationSql, notice: TeacherNotificationRequestedV1): Promise<number> {
  await sql.run(sql.knex.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [LOCK_NAMESPACE, notice.teacher_id]));
  const [row] = await sql.run<{ id: number }>(
    sql.knex.raw(
      `WITH inserted AS (
         INSERT INTO notifications (teacher_id, event, data, batch_id) VALUES (?, ?, ?::jsonb, ?) RETURNING id, teacher_id
       )
       SELECT id, pg_notify(?, json_build_object('id', id, 'teacher_id', teacher_id, 'traceparent', ?::text)::text) FROM inserted`,
      // The traceparent lets the process that pushes it to the socket continue this trace (issue 15).
      [notice.teacher_id, notice.notification_type, JSON.stringify(clientDataOf(notice)), notice.batch_id, NOTIFICATION_CHANNEL, activeTraceHeaders().traceparent ?? null],
    ),
  );
  if (!row) throw new Error('insert into notifications returned no id');
  return Number(row.id);
}

/**
 * For writers that build their outbox messages first (class management): records every E12 among
 * them and stamps `payload.notification_id` before the outbox rows are written, in the same transaction.
 */
export async function recordOutboxNotifications(trx: Knex.Transaction, messages: readonly OutboxMessage[]): Promise<void> {
  const sql = knexSql(trx);
  for (const message of messages) {
    if (message.envelope.event_type !== TOPICS.teacherNotificationRequested) continue;
    const notice = teacherNotificationRequestedSchema.parse(message.envelope.data);
    const id = await recordNotification(sql, notice);
    message.envelope = { ...message.envelope, data: { ...notice, payload: { ...notice.payload, notification_id: id } } };
  }
}
