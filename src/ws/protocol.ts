/**
 * The live-push protocol of `/ws` (documented for clients in docs/websocket.md).
 *
 * Connect: `ws://host/ws?token=<JWT>[&last_id=<n>]`, or pass the token as subprotocols
 * `bearer, <JWT>` (browsers cannot set headers; the server then selects `bearer`).
 * Resume is the `last_id` query parameter only: it is known before anything is sent, so there is no
 * window in which a live message could overtake the catch-up (a first-message protocol would need one).
 * Server → client frames are JSON {id, event, data} (operators: plus teacher_id); client frames are ignored.
 */
import type { NotificationRow } from '../notifications/feed.js';

export const CLOSE_CODES = {
  /** Server shutting down: reconnect (with last_id) to another process. */
  goingAway: 1001,
  /** Missing, invalid or expired token, a role without notifications, or a malformed last_id. */
  policyViolation: 1008,
  /** Our fault (database unreachable during catch-up, identity provider down): retry later. */
  internalError: 1011,
  /** The user already holds the maximum number of sockets (5 by default). */
  tooManySockets: 4000,
} as const;

export interface PushMessage {
  /** notifications.id: increasing per teacher; send it back as last_id when reconnecting. */
  id: number;
  event: string;
  data: Record<string, unknown>;
  /** Only on operator sockets, which see every teacher's notifications. */
  teacher_id?: string;
}

export function pushMessageOf(row: NotificationRow, forOperator: boolean): PushMessage {
  const message: PushMessage = { id: Number(row.id), event: row.event, data: row.data };
  if (forOperator) message.teacher_id = row.teacher_id;
  return message;
}

/** Close reasons are limited to 123 bytes by RFC 6455. */
export function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD*$/, '') + '...';
}
