/**
 * The pipes around the actors (runtime-anchors §7.7 item 5): what the outbox has not published yet and
 * how far each consumer group is behind on each topic's stream.
 */
import type { Knex } from 'knex';
import { ALL_TOPICS } from '../contracts/index.js';
import type { OpsDeps } from './deps.js';

export async function outboxBacklog(knex: Knex) {
  // Ages on the database clock, the one `created_at` was written with.
  const summary = (await knex('outbox')
    .whereNull('published_at')
    .first(
      knex.raw('count(*)::int AS unpublished'),
      knex.raw('count(*) FILTER (WHERE attempts > 0)::int AS failing'),
      knex.raw('min(created_at) AS oldest_created_at'),
      knex.raw('(extract(epoch from (now() - min(created_at))) * 1000)::bigint AS oldest_age_ms'),
    )) as { unpublished: number; failing: number; oldest_created_at: Date | null; oldest_age_ms: number | string | null };
  const oldest = await knex('outbox').whereNull('published_at').orderBy('seq').first('id', 'stream', 'event_type', 'batch_id', 'attempts', 'last_error');
  return {
    unpublished: summary.unpublished,
    failing: summary.failing,
    oldest_created_at: summary.oldest_created_at?.toISOString() ?? null,
    oldest_age_ms: summary.oldest_age_ms === null ? null : Number(summary.oldest_age_ms),
    oldest: oldest ?? null,
  };
}

/** Every topic's stream (with STREAM_PREFIX), each consumer group on it: pending (PEL), lag, consumers. */
export async function streamLag(deps: Pick<OpsDeps, 'bus' | 'streamKey'>) {
  const topicOf = new Map(ALL_TOPICS.map((topic) => [deps.streamKey(topic), topic]));
  const stats = await deps.bus.stats([...topicOf.keys()]);
  return {
    groups: stats.map((s) => ({ stream: s.stream, topic: topicOf.get(s.stream) ?? null, group: s.group, pending: s.pending, lag: s.lag, consumers: s.consumers })),
    streams: topicOf.size,
  };
}
