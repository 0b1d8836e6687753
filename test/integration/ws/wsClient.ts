/** A test websocket client: awaits messages and the close instead of sleeping. */
import WebSocket, { type ClientOptions } from 'ws';
import type { PushMessage } from '../../../src/ws/index.js';

export interface Closed {
  code: number;
  reason: string;
}

export interface TestSocket {
  ws: WebSocket;
  /** Everything received so far, in order. */
  received: PushMessage[];
  /** Resolves with the next message not yet taken by next(); rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<PushMessage>;
  /** Takes `count` messages in order. */
  take(count: number, timeoutMs?: number): Promise<PushMessage[]>;
  /** Messages received but not taken yet. */
  untaken(): PushMessage[];
  closed: Promise<Closed>;
  close(): Promise<Closed>;
}

export interface ConnectOptions {
  token?: string;
  lastId?: number | string;
  /** Send the token as subprotocols `bearer, <token>` instead of the query string. */
  viaProtocol?: boolean;
  clientOptions?: ClientOptions;
}

export function wsUrl(httpUrl: string, query: Record<string, string | number | undefined> = {}): string {
  const url = new URL('/ws', httpUrl.replace(/^http/, 'ws'));
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}

export function connect(httpUrl: string, options: ConnectOptions = {}): TestSocket {
  const query = { token: options.viaProtocol ? undefined : options.token, last_id: options.lastId };
  const protocols = options.viaProtocol && options.token ? ['bearer', options.token] : undefined;
  const ws = new WebSocket(wsUrl(httpUrl, query), protocols, options.clientOptions);
  const received: PushMessage[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  ws.on('message', (data) => {
    received.push(JSON.parse(String(data)) as PushMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  ws.on('error', () => {}); // surfaces as the close below
  const closed = new Promise<Closed>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  let isClosed = false;
  void closed.then(() => {
    isClosed = true;
    for (const wake of waiters.splice(0)) wake();
  });

  const next = async (timeoutMs = 10_000): Promise<PushMessage> => {
    const deadline = Date.now() + timeoutMs;
    while (taken >= received.length) {
      if (isClosed) throw new Error(`socket closed while waiting for message #${taken + 1}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message #${taken + 1} within ${timeoutMs} ms (received ${JSON.stringify(received)})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return received[taken++]!;
  };

  return {
    ws,
    received,
    next,
    async take(count, timeoutMs) {
      const messages: PushMessage[] = [];
      for (let i = 0; i < count; i++) messages.push(await next(timeoutMs));
      return messages;
    },
    untaken: () => received.slice(taken),
    closed,
    close() {
      if (ws.readyState === WebSocket.CONNECTING) ws.once('open', () => ws.close());
      else ws.close();
      return closed;
    },
  };
}
