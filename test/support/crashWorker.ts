/**
 * A consumer process for crash tests: applies counter events from a Redis stream and kills itself
 * with SIGKILL at a chosen point while handling the Nth event (KILL_AT=after-commit|before-commit).
 */
import type { ActorStore } from '../../actors/ports.js';
import { ActorRegistry } from '../../actors/actorDefinition.js';
import { createActorRuntime } from '../../actors/actorRuntime.js';
import { createPgActorStore } from '../../src/db/actorStore.js';
import { createDeadLetterSink } from '../../src/db/deadLetterRepository.js';
import { createKnex } from '../../src/db/knex.js';
import { createSilentLogger } from '../../src/logger.js';
import { createActorHandler } from '../../src/runtime/actorConsumer.js';
import { RedisStreamBus } from '../../src/streams/redisStreamBus.js';
import { counterDefinition, counterInterpreter } from './counterMachine.js';

const env = process.env as Record<string, string>;
const killAt = env.KILL_AT ?? 'none';
const killOn = Number(env.KILL_ON ?? '0');
let handled = 0;

const knex = createKnex(env.DATABASE_URL!, { poolMax: 4 });
const logger = createSilentLogger();
const inner = createPgActorStore(env.DATABASE_URL!, knex, { poolMax: 2 });
const store: ActorStore = {
  transaction: (work) =>
    inner.transaction(async (tx) => {
      const result = await work(tx);
      if (killAt === 'before-commit' && handled + 1 === killOn) process.kill(process.pid, 'SIGKILL');
      return result;
    }),
};
const runtime = createActorRuntime({
  store,
  registry: new ActorRegistry([counterDefinition]),
  effects: { sourceService: 'crash-worker', streamKey: (t) => t, timerDurations: {}, now: () => new Date() },
  interpreter: counterInterpreter(),
  logger,
});
const handler = createActorHandler({
  runtime,
  group: env.GROUP!,
  logger,
  routes: [{ stream: env.STREAM!, batchIdOf: (envelope) => (envelope.data as { batch_id: string }).batch_id }],
});
const bus = new RedisStreamBus(env.REDIS_URL!, { claimIdleMs: 200, maxDeliveries: 5, deadLetters: createDeadLetterSink(knex), logger, blockMs: 200 });
await bus.subscribe({
  group: env.GROUP!,
  consumer: env.CONSUMER!,
  streams: [env.STREAM!],
  handler: async (entry) => {
    await handler(entry);
    handled += 1;
    if (killAt === 'after-commit' && handled === killOn) process.kill(process.pid, 'SIGKILL');
  },
});
process.send?.('ready');
