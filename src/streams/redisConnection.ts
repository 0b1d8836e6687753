/** ioredis connections for the bus: RESP2 (stable reply shapes) and error events logged, throttled. */
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { formatError } from './delivery.js';

const ERROR_LOG_INTERVAL_MS = 5000;

export function connectRedis(url: string, name: string, logger: Logger): Redis {
  // RESP2: ioredis 6 speaks RESP3 by default; pinning 2 keeps XREADGROUP/XINFO replies plain arrays.
  // CLIENT SETNAME refuses spaces and special characters, so group/consumer names are sanitised.
  const redis = new Redis(url, { protocol: 2, connectionName: name.replace(/[^\w:.@-]/g, '_') });
  let lastLoggedAt = 0;
  let failing = false;
  // Without a listener ioredis prints "Unhandled error event"; with one, a long outage would log
  // every reconnect attempt, so log the first error and then at most one every few seconds.
  redis.on('error', (error: unknown) => {
    failing = true;
    if (Date.now() - lastLoggedAt < ERROR_LOG_INTERVAL_MS) return;
    lastLoggedAt = Date.now();
    logger.warn('redis connection error; ioredis reconnects', { connection: name, error: formatError(error) });
  });
  redis.on('ready', () => {
    if (!failing) return;
    failing = false;
    lastLoggedAt = 0;
    logger.info('redis connection restored', { connection: name });
  });
  return redis;
}

/** QUIT politely when the server answers, otherwise just drop the socket. */
export async function closeRedis(redis: Redis, timeoutMs = 1000): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
  // A failed QUIT needs no report: the socket is dropped right after either way.
  await Promise.race([redis.quit().then(() => undefined, () => undefined), timeout]);
  redis.disconnect();
}
