/**
 * Picks the stream bus for this process: Redis Streams when REDIS_URL is set, otherwise the
 * in-process bus on the service's PostgreSQL (ARCHITECTURE §2 "embedded default").
 */
import type { Knex } from 'knex';
import type { Config } from '../config.js';
import { createDeadLetterSink } from '../db/deadLetterRepository.js';
import type { Logger } from '../logger.js';
import type { BusOptions, StreamBus } from './bus.js';
import { InProcessBus } from './inProcessBus.js';
import { RedisStreamBus } from './redisStreamBus.js';

const STARTUP_CONNECT_TIMEOUT_MS = 10_000;

export function busOptionsFrom(config: Config, knex: Knex, logger: Logger): BusOptions {
  return {
    claimIdleMs: config.CLAIM_IDLE,
    maxDeliveries: config.MAX_DELIVERIES,
    deadLetters: createDeadLetterSink(knex),
    logger,
    deadLetterStream: (group) => `${config.STREAM_PREFIX}${group}.dead-letters`,
  };
}

export async function openBus(config: Config, knex: Knex, logger: Logger): Promise<StreamBus> {
  const options = busOptionsFrom(config, knex, logger);
  if (!config.REDIS_URL) return new InProcessBus(knex, options);
  const bus = new RedisStreamBus(config.REDIS_URL, options);
  try {
    await bus.waitUntilReady(STARTUP_CONNECT_TIMEOUT_MS);
  } catch (error) {
    await bus.close();
    throw new Error(`cannot reach Redis at REDIS_URL: ${String(error)}`, { cause: error });
  }
  return bus;
}
