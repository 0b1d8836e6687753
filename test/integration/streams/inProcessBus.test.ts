import { expect } from 'chai';
import { InProcessBus } from '../../../src/streams/inProcessBus.js';
import type { BusEntry } from '../../../src/streams/bus.js';
import { waitFor } from '../../support/waitFor.js';
import { describeBusContract } from './busContract.js';
import { BusFixture, recording, testEnvelope, type TransportFactory } from './busTestKit.js';

const inProcess: TransportFactory = async (_ctx, knex) => ({
  createBus: (options) => new InProcessBus(knex, options),
  async readDeadLetterStream(stream) {
    const rows = (await knex('local_stream_entries').where({ stream }).orderBy('id')) as { envelope: string; headers: Record<string, unknown> }[];
    return rows.map((row) => ({ envelope: row.envelope, error: String(row.headers.error), sourceStream: String(row.headers.source_stream) }));
  },
  close: async () => {},
});

describeBusContract('in-process bus (PostgreSQL)', inProcess);

describe('in-process bus', function () {
  let fx: BusFixture;
  beforeEach(async function () {
    fx = await BusFixture.open(this, inProcess);
  });
  afterEach(async () => {
    await fx?.close();
  });

  it('when an entry is published in this process, then its subscribers are nudged instead of waiting for the poll', async () => {
    const bus = fx.bus({ blockMs: 60_000, claimIdleMs: 600_000 });
    const seen: BusEntry[] = [];
    await bus.subscribe({ group: fx.group, consumer: 'c1', streams: [fx.stream], handler: recording(seen) });
    const started = Date.now();

    await bus.publish(fx.stream, testEnvelope());

    await waitFor(() => seen.length === 1, { timeoutMs: 2000 });
    expect(Date.now() - started).to.be.below(1000);
  });

  it('when another process published, then the poll delivers it', async () => {
    const [publisher, consumer] = [fx.bus(), fx.bus()];
    const seen: BusEntry[] = [];
    await consumer.subscribe({ group: fx.group, consumer: 'c1', streams: [fx.stream], handler: recording(seen) });

    await publisher.publish(fx.stream, testEnvelope());

    await waitFor(() => seen.length === 1);
  });

  it('when a group is created while entries are being published concurrently, then it misses none of them', async () => {
    const bus = fx.bus();
    const publishing = Array.from({ length: 60 }, (_, i) => bus.publish(fx.stream, testEnvelope({ i })));
    const seen: BusEntry[] = [];

    await bus.subscribe({ group: fx.group, consumer: 'late', streams: [fx.stream], handler: recording(seen) });
    await Promise.all(publishing);

    await waitFor(() => seen.length >= 60);
    expect(new Set(seen.map((e) => e.id)).size).to.equal(60);
  });
});
