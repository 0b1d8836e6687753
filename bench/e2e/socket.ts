/**
 * A teacher's `/ws` socket (src/ws/protocol.ts): frames are {id, event, data}. Every frame is stamped
 * with its arrival time on receipt, so a waiter that starts late still gets the true arrival time.
 */
import WebSocket from 'ws';

export interface Push {
  id: number;
  event: string;
  data: Record<string, unknown>;
  /** Epoch ms (sub-ms precision) when the frame arrived. */
  at: number;
}

export interface TeacherSocket {
  /** The first frame (already received or still to come) that satisfies `match`. */
  first(match: (push: Push) => boolean, timeoutMs?: number): Promise<Push>;
  close(): void;
}

/** Epoch milliseconds with sub-millisecond precision, comparable with PostgreSQL timestamps. */
export const epochMs = () => performance.timeOrigin + performance.now();

/** Connects with last_id=0 so nothing committed before the session registered can be missed. */
export async function openTeacherSocket(httpUrl: string, token: string): Promise<TeacherSocket> {
  const url = new URL('/ws', httpUrl.replace(/^http/, 'ws'));
  url.searchParams.set('token', token);
  url.searchParams.set('last_id', '0');
  const ws = new WebSocket(url);
  const received: Push[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (raw) => {
    const at = epochMs();
    received.push({ ...(JSON.parse(String(raw)) as Omit<Push, 'at'>), at });
    for (const wake of waiters) wake();
  });
  let closed: { code: number; reason: string } | null = null;
  ws.on('close', (code, reason) => {
    closed = { code, reason: String(reason) };
    for (const wake of waiters) wake();
  });
  ws.on('error', () => {}); // surfaces as the close
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', (code, reason) => reject(new Error(`socket closed ${code} ${String(reason)}`)));
  });
  return {
    async first(match, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find(match);
        if (found) return found;
        if (closed) throw new Error(`socket closed (${JSON.stringify(closed)}) while waiting for a push`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching push within ${timeoutMs} ms (${received.length} received)`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            waiters.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    close: () => ws.close(),
  };
}
