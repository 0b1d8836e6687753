/**
 * One authenticated socket: catch-up from PostgreSQL, then live rows, with no gap and no duplicate.
 *
 * The race: rows committed while the catch-up query runs reach us live as well. So the session is
 * registered (and live rows are buffered) BEFORE the first query; when the pages are exhausted the
 * buffer is flushed in id order and SentIds drops whatever the catch-up already sent.
 */
import type { WebSocket } from 'ws';
import type { Principal } from '../auth/index.js';
import type { Audience, NotificationFeed, NotificationRow } from '../notifications/feed.js';
import { pushMessageOf } from './protocol.js';
import { SentIds } from './sentIds.js';

export const PAGE = 500;

export class Session {
  readonly userId: string;
  readonly role: 'teacher' | 'operator';
  readonly audience: Audience;
  /** Cleared by each heartbeat, set by the pong: false at the next heartbeat means the peer is gone. */
  alive = true;
  private sent: SentIds | null = null;
  private buffer: NotificationRow[] = [];
  private readingUp = false;
  private readAgain = false;

  constructor(
    readonly socket: WebSocket,
    principal: Principal & { role: 'teacher' | 'operator' },
    private readonly feed: NotificationFeed,
  ) {
    this.userId = principal.userId;
    this.role = principal.role;
    this.audience = principal.role === 'teacher' ? { kind: 'teacher', teacherId: principal.userId } : { kind: 'all' };
  }

  /** Call once registered. last_id null = "only what is new from now on". Rejects when PostgreSQL fails. */
  async start(lastId: number | null): Promise<void> {
    this.readingUp = true; // nothing is sent before the floor is known
    const floor = lastId ?? (await this.feed.lastId(this.audience));
    this.sent = new SentIds(floor);
    this.readingUp = false;
    await this.catchUp();
  }

  /** A live row (already filtered to this socket's audience by the hub). */
  push(row: NotificationRow): void {
    if (this.readingUp || !this.sent) this.buffer.push(row);
    else this.deliver(row);
  }

  /**
   * Live signals may have been lost (listener reconnect, failed fetch): read again from the cursor.
   * If that read fails the socket is closed 1011: flushing live rows past unread ones would leave a gap,
   * while a reconnect with last_id resumes exactly.
   */
  resync(onFailure: (error: unknown) => void): void {
    if (!this.sent) return; // start() has not chosen the floor yet; it reads everything afterwards anyway
    this.catchUp().catch(onFailure);
  }

  private async catchUp(): Promise<void> {
    if (this.readingUp) {
      this.readAgain = true; // the running pass reads once more before it flushes
      return;
    }
    this.readingUp = true;
    do {
      this.readAgain = false;
      for (;;) {
        const rows = await this.feed.after(this.audience, this.sent!.last, PAGE);
        for (const row of rows) this.deliver(row);
        if (rows.length < PAGE || !this.open) break;
      }
    } while (this.readAgain && this.open);
    // Synchronously from here on: nothing can slip in between the last page and the flush.
    this.readingUp = false;
    const buffered = this.buffer.sort((a, b) => Number(a.id) - Number(b.id));
    this.buffer = [];
    for (const row of buffered) this.deliver(row);
  }

  private get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  private deliver(row: NotificationRow): void {
    if (!this.open || !this.sent!.accept(Number(row.id))) return;
    this.socket.send(JSON.stringify(pushMessageOf(row, this.role === 'operator')));
  }
}
