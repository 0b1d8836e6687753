/**
 * LISTENs on the notification channel over its own PostgreSQL connection (LISTEN needs a session of
 * its own, not a pooled one) and reconnects with backoff when that connection is lost.
 */
import type { Knex } from 'knex';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { backoffMs, createSleeper } from '../streams/backoff.js';
import { NOTIFICATION_CHANNEL } from './recordNotification.js';

export interface NotificationSignal {
  id: number;
  teacherId: string;
  /** W3C traceparent of the step that recorded it, when traced (issue 15). */
  traceparent?: string;
}

export interface ListenerOptions {
  connection: string | pg.ClientConfig;
  logger: Logger;
  onNotification(signal: NotificationSignal): void;
  /** After a reconnect: signals sent while the connection was down are lost, readers must re-read. */
  onReconnected(): void;
}

export interface NotificationListener {
  close(): Promise<void>;
}

/** Resolves once connected and listening (PostgreSQL is required anyway); throws when it cannot. */
export function startNotificationListener(options: ListenerOptions): Promise<NotificationListener> {
  return startChannelListener({
    connection: options.connection,
    channel: NOTIFICATION_CHANNEL,
    logger: options.logger,
    onReconnected: options.onReconnected,
    onPayload(payload) {
      const signal = parseSignal(payload);
      if (signal) options.onNotification(signal);
      else options.logger.warn('ignored a malformed notification signal', { payload });
    },
  });
}

export interface ChannelListenerOptions {
  connection: string | pg.ClientConfig;
  channel: string;
  logger: Logger;
  onPayload(payload: string): void;
  /** After a reconnect: signals sent while the connection was down are lost. */
  onReconnected(): void;
}

/** LISTENs on one channel over a session of its own, reconnecting with backoff (used for every NOTIFY signal). */
export async function startChannelListener(options: ChannelListenerOptions): Promise<NotificationListener> {
  const sleeper = createSleeper();
  let closed = false;
  let client = await connect(options);

  const loop = (async () => {
    for (;;) {
      await lost(client);
      if (closed) return;
      options.logger.warn('notification listener lost its PostgreSQL connection; reconnecting');
      const next = await reconnect();
      if (!next) return;
      client = next;
      options.onReconnected();
    }
  })();

  async function reconnect(): Promise<pg.Client | null> {
    for (let failures = 1; ; failures++) {
      await sleeper.sleep(backoffMs(failures));
      if (closed) return null;
      try {
        const next = await connect(options);
        if (!closed) return next;
        await next.end().catch(() => {});
        return null;
      } catch (error) {
        options.logger.warn('notification listener cannot reconnect yet', { error: String(error), failures });
      }
    }
  }

  return {
    async close() {
      closed = true;
      sleeper.wake();
      await client.end().catch(() => {});
      await loop;
    },
  };
}

async function connect(options: ChannelListenerOptions): Promise<pg.Client> {
  const client = new pg.Client(typeof options.connection === 'string' ? { connectionString: options.connection, keepAlive: true } : { ...options.connection, keepAlive: true });
  client.on('error', () => {}); // reported through lost(); without a listener an idle error would crash the process
  client.on('notification', (message) => {
    if (message.channel === options.channel && message.payload) options.onPayload(message.payload);
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${options.channel}`);
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  return client;
}

function lost(client: pg.Client): Promise<void> {
  return new Promise((resolve) => {
    client.once('end', () => resolve());
    client.once('error', () => {
      void client.end().catch(() => {});
      resolve();
    });
  });
}

function parseSignal(payload: string): NotificationSignal | null {
  try {
    const parsed = JSON.parse(payload) as { id?: unknown; teacher_id?: unknown; traceparent?: unknown };
    const id = Number(parsed.id);
    if (!Number.isSafeInteger(id) || typeof parsed.teacher_id !== 'string') return null;
    return { id, teacherId: parsed.teacher_id, ...(typeof parsed.traceparent === 'string' && { traceparent: parsed.traceparent }) };
  } catch {
    return null;
  }
}

/** The settings the service's knex connects with, for a dedicated LISTEN session to the same database. */
export function listenConnectionOf(knex: Knex): string | pg.ClientConfig {
  const connection = (knex.client as { config: Knex.Config }).config.connection;
  if (typeof connection === 'string') return connection;
  // knex parses a URL into an object whose password is non-enumerable (kept out of logs): copy it by name.
  if (connection && typeof connection === 'object') return { ...(connection as pg.ClientConfig), password: (connection as pg.ClientConfig).password };
  throw new Error('the notification listener needs a connection string or object, not a connection factory');
}
