import type { Knex } from 'knex';
import { createPollingLoop, type PollingLoop } from '../../actors/pollingLoop.js';
import type { Logger } from '../logger.js';
import { purgeNotifications } from './feed.js';

const HOUR_MS = 3_600_000;
const BATCH = 5_000;

/**
 * Forgets notifications older than NOTIFICATION_RETENTION (a client away longer than that resumes
 * with a gap it cannot see; the REST API still has the current state). Deletes in batches so one
 * purge never holds a huge transaction; every api process may run it, a DELETE is idempotent.
 */
export function createNotificationPurge(options: { knex: Knex; logger: Logger; retentionMs: number; intervalMs?: number }): PollingLoop {
  return createPollingLoop({
    intervalMs: options.intervalMs ?? Math.min(HOUR_MS, options.retentionMs),
    onError: (error) => options.logger.warn('notification purge failed', { error: String(error) }),
    work: async () => {
      const removed = await purgeNotifications(options.knex, options.retentionMs, BATCH);
      if (removed > 0) options.logger.info('old notifications purged', { removed });
      return removed === BATCH;
    },
  });
}
