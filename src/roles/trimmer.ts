import { createPollingLoop, type PollingLoop } from '../../actors/pollingLoop.js';
import { ALL_TOPICS } from '../contracts/index.js';
import type { ServiceContext } from '../main.js';

const HOUR_MS = 3_600_000;

/**
 * Trims the streams by age (STREAM_RETENTION) once an hour; the bus never drops an entry a group still
 * has pending or undelivered. Postgres (outbox) stays the source of truth for re-publishing.
 */
export function createStreamTrimmer(ctx: ServiceContext): PollingLoop {
  return createPollingLoop({
    intervalMs: HOUR_MS,
    onError: (error) => ctx.logger.warn('stream trim failed', { error: String(error) }),
    work: async () => {
      const removed = await ctx.bus.trim(ALL_TOPICS.map(ctx.streamKey), ctx.config.STREAM_RETENTION);
      if (removed > 0) ctx.logger.info('streams trimmed', { removed });
      return false;
    },
  });
}
