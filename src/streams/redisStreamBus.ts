/**
 * The production StreamBus on Redis Streams (ARCHITECTURE §4, runtime-anchors §5). One command
 * connection for XADD/XACK/XCLAIM/admin; every reader gets its own connection because XREADGROUP
 * BLOCK holds it. Semantics live in delivery.ts; Redis specifics in the redis*.ts helpers.
 */
import type { Redis } from 'ioredis';
import type { Envelope } from '../../actors/ports.js';
import type { Logger } from '../logger.js';
import { DEFAULT_BLOCK_MS, type BusOptions, type GroupStats, type StreamBus, type SubscribeOptions, type Subscription } from './bus.js';
import { closeRedis, connectRedis } from './redisConnection.js';
import { redisStats, redisTrim } from './redisAdmin.js';
import { startRedisSubscription, type RedisBusContext } from './redisSubscription.js';
import { validateSubscription } from './subscribeOptions.js';

const PING_TIMEOUT_MS = 1000;

export class RedisStreamBus implements StreamBus {
  private readonly commands: Redis;
  private readonly logger: Logger;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly options: BusOptions,
  ) {
    this.logger = options.logger.child({ component: 'redis-stream-bus' });
    this.commands = connectRedis(url, 'bus:commands', this.logger);
  }

  async publish(stream: string, envelope: Envelope): Promise<void> {
    // event_id / event_type are duplicated as fields only for visibility (XRANGE, redis-cli).
    await this.commands.call(
      'XADD', stream, '*', 'envelope', JSON.stringify(envelope), 'event_id', envelope.event_id, 'event_type', envelope.event_type,
    );
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('the stream bus is closed');
    validateSubscription(options);
    const context: RedisBusContext = {
      commands: this.commands,
      options: this.options,
      blockMs: this.options.blockMs ?? DEFAULT_BLOCK_MS,
      connect: (name) => connectRedis(this.url, name, this.logger),
      logger: this.logger,
    };
    const inner = await startRedisSubscription(context, options);
    const subscription: Subscription = {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await inner.stop();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  stats(streams: string[]): Promise<GroupStats[]> {
    return redisStats(this.commands, streams);
  }

  trim(streams: string[], olderThanMs: number): Promise<number> {
    return redisTrim(this.commands, streams, olderThanMs);
  }

  async ping(): Promise<void> {
    // Fail fast for /readyz instead of waiting in ioredis' offline queue while it reconnects.
    if (this.commands.status !== 'ready') throw new Error(`redis connection is ${this.commands.status}`);
    await withTimeout(this.commands.ping(), PING_TIMEOUT_MS, `redis PING took longer than ${PING_TIMEOUT_MS} ms`);
  }

  /** Resolves once the command connection is up; for start-up, which should fail fast on a bad REDIS_URL. */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    if (this.commands.status === 'ready') return;
    // Not events.once: it rejects on the first 'error', while ioredis keeps retrying the connection.
    let onReady = () => {};
    const ready = new Promise<void>((resolve) => {
      onReady = resolve;
      this.commands.once('ready', onReady);
    });
    try {
      await withTimeout(ready, timeoutMs, `redis did not become ready within ${timeoutMs} ms`);
    } finally {
      this.commands.off('ready', onReady);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await closeRedis(this.commands);
  }
}

async function withTimeout(work: Promise<unknown>, ms: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
