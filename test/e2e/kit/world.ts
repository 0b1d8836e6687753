/**
 * One running product for an e2e file: every role (unless `env.ROLES` narrows them) in this process, on a
 * fresh PostgreSQL database and a real redis-server, with its own stream prefix so files never see each
 * other's entries. Tests drive it through HTTP and read the streams, the outbox and the journal.
 */
import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import { sharedRedis } from '../../support/infra.js';
import type { RedisServer } from '../../support/redisServer.js';
import { startProduct, type Api, type RunningProduct } from '../../support/serviceHarness.js';

export type { Api };


export interface World {
  product: RunningProduct;
  knex: Knex;
  redis: Redis;
  /** The Redis stream key of a topic in this world (STREAM_PREFIX + topic). */
  key(topic: string): string;
  /** A REST client acting as `sub` (a teacher unless `role` says otherwise). */
  as(sub: string, role?: 'teacher' | 'operator' | 'service'): Promise<Api>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  env?: Record<string, string>;
  /** A private redis-server (tests that stop or restart Redis); default the run's shared one. */
  redisServer?: RedisServer;
}

export async function startWorld(ctx: Mocha.Context, options: WorldOptions = {}): Promise<World> {
  const server = options.redisServer ?? sharedRedis(ctx);
  const product = await startProduct({ redisUrl: server.url, env: options.env ?? {} });
  // Tests read streams while Redis may be restarted under them; never queue commands forever.
  const redis = new Redis(server.url, { maxRetriesPerRequest: 3 });
  redis.on('error', () => {}); // failed commands reject in the test; connection noise is not a result
  const prefix = product.service.config.STREAM_PREFIX;
  return {
    product,
    knex: product.service.knex,
    redis,
    key: (topic) => prefix + topic,
    as: (sub, role) => product.as(sub, role),
    async stop() {
      redis.disconnect();
      await product.stop();
    },
  };
}
