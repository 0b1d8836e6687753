import { createPollingLoop, type PollingLoop } from '../../actors/pollingLoop.js';
import { ALL_TOPICS } from '../contracts/index.js';
import type { TrimmerDeps } from './context.js';

const HOUR_MS = 3_600_000;

/**
 * Trims the streams by age (STREAM_RETENTION) once an hour — the bus never drops an entry a group still
 * has pending or undelivered — and deletes outbox rows published before that horizon.
 */
export function createStreamTrimmer(ctx: TrimmerDeps): PollingLoop {
  return createPollingLoop({
    intervalMs: HOUR_MS,
    onError: (error) => ctx.logger.warn('stream trim failed', { error: String(error) }),
    work: async () => {
      const removed = await ctx.bus.trim(ALL_TOPICS.map(ctx.streamKey), ctx.config.STREAM_RETENTION);
      const purged = await purgePublishedOutbox(ctx);
      if (removed > 0 || purged > 0) ctx.logger.info('streams trimmed and outbox purged', { removed, purged });
      return false;
    },
  });
}

/** Published outbox rows are kept as long as the streams keep their entries (re-publishing needs them), then go. */
async function purgePublishedOutbox(ctx: TrimmerDeps): Promise<number> {
  const cutoff = new Date(Date.now() - ctx.config.STREAM_RETENTION);
  return ctx.knex('outbox').whereNotNull('published_at').where('published_at', '<', cutoff).delete();
}
