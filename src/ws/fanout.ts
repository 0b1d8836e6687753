/**
 * Cross-process fan-out: every api process LISTENs on PostgreSQL and pushes to the sockets it holds.
 *
 * Why PostgreSQL NOTIFY rather than Redis pub/sub or a consumer group per process on the E12 stream:
 * - the `notifications` row is the truth clients resume from, and every process already shares that
 *   database; NOTIFY is sent in the inserting transaction and delivered only at its commit, in commit
 *   order, so a signalled id is always readable (an E12 consumer could also see it, but only after the
 *   outbox relay, and Redis pub/sub or a bus group would be a second, non-transactional path);
 * - one mechanism with or without REDIS_URL (the in-process bus is PostgreSQL too);
 * - no per-process consumer groups: those outlive crashed processes and, holding entries pending,
 *   would stop the stream trimmer;
 * - a lost signal (listener reconnect, failed read) is healed by each socket re-reading from its cursor.
 * Cost: one direct (not transaction-pooled) connection per api process, and NOTIFY commits serialise
 * on PostgreSQL's queue lock, which is fine at a few notifications per batch step.
 */
import type { Knex } from 'knex';
import { ATTR_BATCH_ID, SpanKind, traceContextOf, trace } from '../../actors/telemetry.js';
import type { Logger } from '../logger.js';
import { notificationsByIds, type NotificationRow } from '../notifications/feed.js';
import type { NotificationSignal } from '../notifications/listener.js';
import type { SocketRegistry } from './registry.js';
import type { Session } from './session.js';

export interface Fanout {
  signal(signal: NotificationSignal): void;
  /** Signals may have been lost: every socket re-reads from its own cursor. */
  resyncAll(): void;
}

export function createFanout(deps: { knex: Knex; logger: Logger; registry: SocketRegistry; onSessionFailed: (session: Session, error: unknown) => void }): Fanout {
  let pending: number[] = [];
  const traceparents = new Map<number, string>();
  let draining = false;

  const resyncAll = () => {
    for (const session of deps.registry.all()) session.resync((error) => deps.onSessionFailed(session, error));
  };

  // One reader at a time, ids read in batches: rows reach sockets in the order they were signalled.
  const drain = async () => {
    draining = true;
    try {
      while (pending.length > 0) {
        const ids = pending;
        pending = [];
        try {
          for (const row of await notificationsByIds(deps.knex, ids)) {
            const sessions = deps.registry.audienceOf(row.teacher_id);
            tracePush(row, traceparents.get(row.id), sessions.length, () => sessions.forEach((session) => session.push(row)));
          }
        } catch (error) {
          deps.logger.warn('could not read signalled notifications; sockets re-read from their cursors', { error: String(error) });
          resyncAll();
        } finally {
          for (const id of ids) traceparents.delete(id);
        }
      }
    } finally {
      draining = false; // reached synchronously after the emptiness check, so no signal is stranded
    }
  };

  return {
    signal(signal) {
      // Nobody here for this teacher: a socket opened later reads the row in its own catch-up.
      if (!deps.registry.wants(signal.teacherId)) return;
      pending.push(signal.id);
      if (signal.traceparent) traceparents.set(signal.id, signal.traceparent);
      if (!draining) void drain();
    },
    resyncAll,
  };
}

/** Issue 15: `ws push`, in the trace of the step that recorded the notification. */
function tracePush(row: NotificationRow, traceparent: string | undefined, sockets: number, push: () => void): void {
  const batchId = row.data.batch_id;
  const span = trace.getTracer('essay-matching').startSpan('ws push', {
    kind: SpanKind.PRODUCER,
    attributes: { 'notification.id': row.id, 'notification.event': row.event, 'ws.sockets': sockets, ...(typeof batchId === 'string' && { [ATTR_BATCH_ID]: batchId }) },
  }, traceContextOf({ metadata: traceparent ? { traceparent } : null }));
  try {
    push();
  } finally {
    span.end();
  }
}
