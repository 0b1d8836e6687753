/** Redis-only behaviour: restarts, flushes, foreign entries, prompt shutdown, readiness. */
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import { createDeadLetterSink, listDeadLetters } from '../../../src/db/deadLetterRepository.js';
import { createSilentLogger } from '../../../src/logger.js';
import type { BusEntry, BusOptions } from '../../../src/streams/bus.js';
import { RedisStreamBus } from '../../../src/streams/redisStreamBus.js';
import { createTestDatabase, privateRedis, sharedRedis } from '../../support/infra.js';
import type { RedisServer } from '../../support/redisServer.js';
import { waitFor } from '../../support/waitFor.js';
import { eventIdOf, groupIsDrained, recording, testEnvelope } from './busTestKit.js';

describe('Redis Streams bus: recovery', function () {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  const closers: (() => Promise<void>)[] = [];
  const stream = () => `test-${randomUUID()}`;
  const busOn = (server: RedisServer, knex: Knex, overrides: Partial<BusOptions> = {}) => {
    const bus = new RedisStreamBus(server.url, {
      claimIdleMs: 150,
      maxDeliveries: 5,
      deadLetters: createDeadLetterSink(knex),
      logger: createSilentLogger(),
      blockMs: 100,
      ...overrides,
    });
    closers.push(() => bus.close());
    return bus;
  };

  beforeEach(async function () {
    sharedRedis(this);
    db = await createTestDatabase(5);
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
    await db?.destroy();
  });

  for (const outage of ['restarted', 'flushed (FLUSHALL)'] as const) {
    it(`when Redis is ${outage} mid-run, then the consumer re-creates its group, later publishes are delivered and acknowledged work is not redelivered`, async function () {
      const server = await privateRedis(this);
      closers.push(() => server.stop());
      const bus = busOn(server, db.knex);
      const key = stream();
      const seen: BusEntry[] = [];
      await bus.subscribe({ group: 'g', consumer: 'c1', streams: [key], handler: recording(seen) });
      const before = testEnvelope();
      await bus.publish(key, before);
      await waitFor(() => groupIsDrained(bus, key, 'g'));

      if (outage === 'restarted') await server.restart();
      else await flushAll(server.url);
      const after = testEnvelope();
      await bus.publish(key, after);

      await waitFor(() => seen.some((e) => eventIdOf(e) === after.event_id), { message: 'delivered after the outage' });
      await waitFor(() => groupIsDrained(bus, key, 'g'));
      expect(seen.map(eventIdOf)).to.deep.equal([before.event_id, after.event_id]);
    });
  }

  it('when another producer adds an entry without an envelope field, then it is dead-lettered without reaching the handler', async function () {
    const server = sharedRedis(this);
    const bus = busOn(server, db.knex);
    const key = stream();
    const seen: BusEntry[] = [];
    await bus.subscribe({ group: 'g', consumer: 'c1', streams: [key], handler: recording(seen) });
    const client = new Redis(server.url);
    closers.push(async () => client.disconnect());

    const id = await client.xadd(key, '*', 'data', '{"batch_id":1}');

    await waitFor(async () => (await listDeadLetters(db.knex)).length === 1);
    const [letter] = await listDeadLetters(db.knex);
    expect(letter).to.include({ stream: key, entryId: id, payload: '{"data":"{\\"batch_id\\":1}"}', eventId: null });
    expect(letter?.error).to.include('no "envelope" field');
    expect(seen).to.be.empty;
    await waitFor(() => groupIsDrained(bus, key, 'g'));
  });

  it('when a subscription is stopped during a long blocking read, then stop() returns promptly', async function () {
    const bus = busOn(sharedRedis(this), db.knex, { blockMs: 30_000 });
    const subscription = await bus.subscribe({ group: 'g', consumer: 'c1', streams: [stream()], handler: async () => {} });
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the reader enter XREADGROUP BLOCK

    const started = Date.now();
    await subscription.stop();

    expect(Date.now() - started).to.be.below(1000);
  });

  it('when Redis is down and the bus is reconnecting, then close() still returns promptly', async function () {
    const server = await privateRedis(this);
    closers.push(() => server.stop());
    const bus = busOn(server, db.knex);
    await bus.subscribe({ group: 'g', consumer: 'c1', streams: [stream()], handler: async () => {} });
    await server.stop();
    await waitFor(async () => !(await bus.ping().then(() => true, () => false)));
    await new Promise((resolve) => setTimeout(resolve, 300)); // readers' commands now sit in ioredis' offline queue

    const started = Date.now();
    await bus.close();

    expect(Date.now() - started).to.be.below(1000);
  });

  it('when Redis is down, then ping() throws; once it is back, ping() passes', async function () {
    const server = await privateRedis(this);
    closers.push(() => server.stop());
    const bus = busOn(server, db.knex);
    await bus.waitUntilReady(5000);
    await bus.ping();

    await server.stop();

    await waitFor(async () => !(await bus.ping().then(() => true, () => false)), { message: 'ping fails while down' });
    await server.restart();
    await bus.waitUntilReady(10_000);
    await bus.ping();
  });
});

async function flushAll(url: string): Promise<void> {
  const admin = new Redis(url);
  try {
    await admin.flushall();
  } finally {
    admin.disconnect();
  }
}
