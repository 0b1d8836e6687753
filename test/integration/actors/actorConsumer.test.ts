import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { createDeadLetterSink, listDeadLetters } from '../../../src/db/deadLetterRepository.js';
import { createSilentLogger } from '../../../src/logger.js';
import { createActorHandler } from '../../../src/runtime/actorConsumer.js';
import type { Subscription } from '../../../src/streams/bus.js';
import { RedisStreamBus } from '../../../src/streams/redisStreamBus.js';
import { createTestDatabase, sharedRedis } from '../../support/infra.js';
import { closeAllRuntimes, counterRuntime, newCounter } from '../../support/runtimeHarness.js';
import { waitFor } from '../../support/waitFor.js';

describe('batch role consumer: stream → applyEvent → ack', function () {
  this.timeout(20_000);
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let redis: Redis;
  let bus: RedisStreamBus;
  let subscription: Subscription;
  let second: Subscription;
  const stream = `consumer-${randomUUID()}`;

  before(async function () {
    const server = sharedRedis(this);
    db = await createTestDatabase(5);
    redis = new Redis(server.url);
    const logger = createSilentLogger();
    bus = new RedisStreamBus(server.url, { claimIdleMs: 100, maxDeliveries: 5, deadLetters: createDeadLetterSink(db.knex), logger, blockMs: 100 });
    const handler = createActorHandler({ runtime: counterRuntime(db), group: 'batch', logger, routes: [{ stream, batchIdOf: (e) => (e.data as { batch_id: string }).batch_id }] });
    subscription = await bus.subscribe({ group: 'batch', consumer: 'c1', streams: [stream], handler });
    second = await bus.subscribe({ group: 'batch', consumer: 'c2', streams: [stream], handler });
  });
  after(async () => {
    await subscription?.stop();
    await second?.stop();
    await bus?.close();
    redis?.disconnect();
    await closeAllRuntimes();
    await db?.destroy();
  });

  const envelope = (batchId: string, overrides: Record<string, unknown> = {}) => ({
    event_id: randomUUID(), event_type: 'test.external.inc.v1', event_timestamp: new Date().toISOString(), source_service: 'test',
    schema_version: 1, correlation_id: randomUUID(), data: { batch_id: batchId }, ...overrides,
  });
  const deadLetterFor = async (eventId: string) => (await listDeadLetters(db.knex)).find((d) => d.eventId === eventId);

  it('when a valid event arrives, then it is applied to its batch and acknowledged', async () => {
    const batchId = await newCounter(counterRuntime(db));
    await redis.xadd(stream, '*', 'envelope', JSON.stringify(envelope(batchId)));
    await waitFor(async () => (await db.knex('batches').where({ id: batchId }).first()).version === 2);
    await waitFor(async () => ((await redis.xpending(stream, 'batch')) as [number])[0] === 0);
  });

  it('when the same event_id is delivered 5 times through two consumers at once, then it is applied once and all 5 are acknowledged', async () => {
    const batchId = await newCounter(counterRuntime(db));
    const duplicate = JSON.stringify(envelope(batchId));
    await Promise.all(Array.from({ length: 5 }, () => redis.xadd(stream, '*', 'envelope', duplicate)));
    await waitFor(async () => ((await redis.xpending(stream, 'batch')) as [number])[0] === 0 && (await redis.xinfo('GROUPS', stream) as unknown[][]).every((g) => g[g.indexOf('lag') + 1] === 0));
    const row = await db.knex('batches').where({ id: batchId }).first();
    expect(row.version).to.equal(2);
    expect(row.snapshot.context.count).to.equal(1);
    const journal = await db.knex('batch_journal').where({ batch_id: batchId, event_type: 'INC' });
    expect(journal).to.have.length(1);
  });

  it('when an envelope is malformed, then it is dead-lettered at once with a reason naming the field', async () => {
    const bad = envelope(randomUUID(), { correlation_id: 'not-a-uuid' });
    await redis.xadd(stream, '*', 'envelope', JSON.stringify(bad));
    await waitFor(async () => Boolean(await deadLetterFor(bad.event_id)));
    const letter = await deadLetterFor(bad.event_id);
    expect(letter!.error).to.match(/correlation_id/);
    expect(letter!.deliveries).to.equal(1);
    expect(await redis.xlen('batch.dead-letters')).to.be.greaterThan(0);
  });

  it('when an event names a batch that never appears, then it is retried and dead-lettered after 5 deliveries with the reason', async () => {
    const orphan = envelope(randomUUID());
    await redis.xadd(stream, '*', 'envelope', JSON.stringify(orphan));
    await waitFor(async () => Boolean(await deadLetterFor(orphan.event_id)), { timeoutMs: 10_000 });
    const letter = await deadLetterFor(orphan.event_id);
    expect(letter!.error).to.match(/does not exist/);
    expect(letter!.deliveries).to.equal(5);
  });
});
