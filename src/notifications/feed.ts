/** Reads of the `notifications` table for the websocket: catch-up pages, rows by id, the current end. */
import type { Knex } from 'knex';

export interface NotificationRow {
  id: number;
  teacher_id: string;
  event: string;
  data: Record<string, unknown>;
}

/** Whose notifications a socket sees: one teacher's, or everybody's (operators). */
export type Audience = { kind: 'teacher'; teacherId: string } | { kind: 'all' };

const COLUMNS = ['id', 'teacher_id', 'event', 'data'] as const;

function scoped(query: Knex.QueryBuilder, audience: Audience): Knex.QueryBuilder {
  return audience.kind === 'teacher' ? query.where('teacher_id', audience.teacherId) : query;
}

/** Up to `limit` rows with id > afterId, oldest first (index teacher_id, id for teachers; primary key otherwise). */
export async function notificationsAfter(knex: Knex, audience: Audience, afterId: number, limit: number): Promise<NotificationRow[]> {
  const query = knex('notifications').select(...COLUMNS).where('id', '>', afterId).orderBy('id').limit(limit);
  return (await scoped(query, audience)) as NotificationRow[];
}

/** The newest id the audience has (0 when none): a socket without last_id starts here. */
export async function lastNotificationId(knex: Knex, audience: Audience): Promise<number> {
  const row = (await scoped(knex('notifications').max({ id: 'id' }), audience).first()) as { id: number | string | null } | undefined;
  return Number(row?.id ?? 0);
}

/** The reads a socket session needs, as a port (a fake in the unit tests drives the catch-up race). */
export interface NotificationFeed {
  after(audience: Audience, afterId: number, limit: number): Promise<NotificationRow[]>;
  lastId(audience: Audience): Promise<number>;
}

export function knexFeed(knex: Knex): NotificationFeed {
  return {
    after: (audience, afterId, limit) => notificationsAfter(knex, audience, afterId, limit),
    lastId: (audience) => lastNotificationId(knex, audience),
  };
}

export async function notificationsByIds(knex: Knex, ids: readonly number[]): Promise<NotificationRow[]> {
  if (ids.length === 0) return [];
  return (await knex('notifications').select(...COLUMNS).whereIn('id', ids).orderBy('id')) as NotificationRow[];
}

/** Deletes up to `limit` rows older than `olderThanMs`; returns how many went (the purge loops while that is `limit`). */
export async function purgeNotifications(knex: Knex, olderThanMs: number, limit: number): Promise<number> {
  // The database clock, like created_at's default: no skew between this process and PostgreSQL.
  const sql = `DELETE FROM notifications WHERE id IN
    (SELECT id FROM notifications WHERE created_at < now() - ? * interval '1 millisecond' ORDER BY id LIMIT ?)`;
  const result = (await knex.raw(sql, [olderThanMs, limit])) as {
    rowCount: number | null;
  };
  return result.rowCount ?? 0;
}
