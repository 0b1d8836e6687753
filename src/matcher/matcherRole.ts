/**
 * The matcher role (ARCHITECTURE §2 roles; issue 5 item 4): consumer group `matcher` on the E8 stream.
 * Runs in the service process (`ROLES=…,matcher`) with the knex roster, or apart from class management
 * with the HTTP roster; either way it needs the service's PostgreSQL for texts, inbox and outbox.
 */
import type { Knex } from 'knex';
import { TOPICS } from '../contracts/index.js';
import type { Logger } from '../logger.js';
import type { StreamBus, Subscription } from '../streams/bus.js';
import { createMatcherHandler } from './matcherHandler.js';
import type { RosterSource } from './rosterSource.js';
import type { TextSource } from './textSource.js';
import type { UntrustedPool } from '../untrusted/index.js';

export const MATCHER_GROUP = 'matcher';
/** Essays per text query: one round trip loads a chunk, and ≤ chunkSize texts are held at once per chunk. */
export const DEFAULT_CHUNK_SIZE = 25;
export const DEFAULT_CHUNK_CONCURRENCY = 2;

export interface MatcherRoleOptions {
  bus: StreamBus;
  knex: Knex;
  logger: Logger;
  roster: RosterSource;
  texts: TextSource;
  /** The untrusted-work pool the engine runs in (issue 10). */
  engine: Pick<UntrustedPool, 'match'>;
  sourceService: string;
  /** Topic → stream key; pass the runtime's own so STREAM_PREFIX applies alike. */
  streamKey: (topic: string) => string;
  /** Stable consumer name (e.g. host-pid) so a restarted process drains its own pending entries first. */
  consumer: string;
  /** Matching requests handled in parallel by this process (bus readers); default 1. */
  concurrency?: number;
  /** Essays per text query (default 25) and chunks in flight per request (default 2). */
  chunkSize?: number;
  chunkConcurrency?: number;
  /** Called after each commit that wrote an E9 to the outbox: wire the relay's nudge here. */
  onOutboxWritten?: () => void;
  now?: () => Date;
}

export async function createMatcherRole(options: MatcherRoleOptions): Promise<Subscription> {
  const logger = options.logger.child({ role: 'matcher' });
  const handler = createMatcherHandler({
    knex: options.knex,
    logger,
    roster: options.roster,
    texts: options.texts,
    engine: options.engine,
    sourceService: options.sourceService,
    streamKey: options.streamKey,
    chunks: { size: options.chunkSize ?? DEFAULT_CHUNK_SIZE, concurrency: options.chunkConcurrency ?? DEFAULT_CHUNK_CONCURRENCY },
    ...(options.onOutboxWritten && { onOutboxWritten: options.onOutboxWritten }),
    ...(options.now && { now: options.now }),
  });
  const stream = options.streamKey(TOPICS.studentMatchingRequested);
  const subscription = await options.bus.subscribe({
    group: MATCHER_GROUP,
    consumer: options.consumer,
    streams: [stream],
    handler,
    concurrency: options.concurrency ?? 1,
  });
  logger.info('matcher role subscribed', { stream, group: MATCHER_GROUP, consumer: options.consumer });
  return subscription;
}
