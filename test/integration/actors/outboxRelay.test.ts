import { expect } from 'chai';
import { createOutboxRelay } from '../../../actors/outboxRelay.js';
import type { Envelope, StreamPublisher } from '../../../actors/ports.js';
import { createKnexOutboxStore } from '../../../src/db/outboxStore.js';
import { createSilentLogger } from '../../../src/logger.js';
import { createTestDatabase } from '../../support/infra.js';
import { closeAllRuntimes, command, counterRuntime, newCounter } from '../../support/runtimeHarness.js';

/** Records every publish; optionally fails the first N calls or waits before answering. */
function recordingPublisher(options: { failFirst?: number; delayMs?: number } = {}) {
  const published: { stream: string; envelope: Envelope }[] = [];
  let failures = options.failFirst ?? 0;
  const publisher: StreamPublisher = {
    async publish(stream, envelope) {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (failures-- > 0) throw new Error('redis unavailable');
      published.push({ stream, envelope });
    },
  };
  return { publisher, published };
}

describe('outbox relay', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => {
    db = await createTestDatabase(20);
  });
  after(async () => {
    await closeAllRuntimes();
    await db.destroy();
  });
  afterEach(() => db.knex('outbox').update({ published_at: db.knex.fn.now() }).whereNull('published_at'));

  const relay = (publisher: StreamPublisher) =>
    createOutboxRelay({ store: createKnexOutboxStore(db.knex), publisher, logger: createSilentLogger(), intervalMs: 60_000, batchSize: 10 });

  async function emitEvents(count: number): Promise<void> {
    const runtime = counterRuntime(db);
    const batchId = await newCounter(runtime);
    for (let i = 0; i < count; i++) await runtime.applyEvent(batchId, command({ type: 'INC' }), { consumer: 'rest', source: 'rest' });
  }

  it('when rows are committed, then each is published once with event_id equal to its row id and marked published', async () => {
    await emitEvents(3);
    const { publisher, published } = recordingPublisher();
    await relay(publisher).runOnce();
    const rows = await db.knex('outbox').orderBy('seq');
    expect(published.map((p) => p.envelope.event_id)).to.deep.equal(rows.map((r) => r.id));
    expect(rows.every((r) => r.published_at instanceof Date)).to.equal(true);
  });

  it('when publishing fails, then the row stays unpublished with its error and a retry sends the same event_id', async () => {
    await emitEvents(1);
    const [row] = await db.knex('outbox').whereNull('published_at');
    const { publisher, published } = recordingPublisher({ failFirst: 1 });
    const loop = relay(publisher);
    await loop.runOnce();
    const failed = await db.knex('outbox').where({ id: row.id }).first();
    expect(failed).to.include({ attempts: 1, last_error: 'Error: redis unavailable' });
    expect(failed.published_at).to.equal(null);
    await db.knex('outbox').where({ id: row.id }).update({ available_at: db.knex.fn.now() });
    await loop.runOnce();
    expect(published.map((p) => p.envelope.event_id)).to.deep.equal([row.id]);
  });

  it('when two relays drain concurrently, then every row is published exactly once', async () => {
    await emitEvents(40);
    const first = recordingPublisher({ delayMs: 5 });
    const second = recordingPublisher({ delayMs: 5 });
    const relays = [relay(first.publisher), relay(second.publisher)];
    await Promise.all(relays.map(async (r) => { while (await r.runOnce()); }));
    const ids = [...first.published, ...second.published].map((p) => p.envelope.event_id);
    expect(ids).to.have.length(40);
    expect(new Set(ids).size).to.equal(40);
    expect(first.published.length).to.be.greaterThan(0);
    expect(second.published.length).to.be.greaterThan(0);
  });

  it('when the relay is nudged after a commit, then it publishes without waiting for its poll interval', async () => {
    const { publisher, published } = recordingPublisher();
    const loop = relay(publisher);
    loop.start();
    try {
      await emitEvents(1);
      loop.nudge();
      const deadline = Date.now() + 5_000;
      while (published.length === 0 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      expect(published).to.have.length(1);
    } finally {
      await loop.stop();
    }
  });
});
