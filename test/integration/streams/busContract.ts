/**
 * The StreamBus contract: one suite, run against every adapter (redisStreamBus.test.ts,
 * inProcessBus.test.ts). Delivery and failure handling here; groups, recovery and trimming in
 * busContractRecovery.ts.
 */
import { expect } from 'chai';
import { PoisonMessageError, type BusEntry } from '../../../src/streams/bus.js';
import { waitFor } from '../../support/waitFor.js';
import { describeRecoveryContract } from './busContractRecovery.js';
import { BusFixture, groupIsDrained, recording, testEnvelope, type TransportFactory } from './busTestKit.js';

export function describeBusContract(name: string, factory: TransportFactory): void {
  describe(`${name}: StreamBus contract`, function () {
    let fx: BusFixture;
    beforeEach(async function () {
      fx = await BusFixture.open(this, factory);
    });
    afterEach(async () => {
      await fx?.close();
    });

    describeDeliveryContract(() => fx);
    describeRecoveryContract(() => fx);
  });
}

function describeDeliveryContract(fixture: () => BusFixture): void {
  it('when an envelope is published, then it is delivered once with the same JSON and acknowledged', async () => {
    const fx = fixture();
    const bus = fx.bus();
    const seen: BusEntry[] = [];
    await bus.subscribe({ group: fx.group, consumer: 'c1', streams: [fx.stream], handler: recording(seen) });
    const envelope = testEnvelope({ essay: 1 });

    await bus.publish(fx.stream, envelope);

    await waitFor(() => seen.length === 1);
    expect(seen[0]).to.include({ stream: fx.stream, envelope: JSON.stringify(envelope), deliveries: 1 });
    await waitFor(() => groupIsDrained(bus, fx.stream, fx.group), { message: 'acknowledged' });
    expect(seen).to.have.length(1);
  });

  it('when one subscription reads two streams, then entries of both are delivered, each tagged with its stream', async () => {
    const fx = fixture();
    const bus = fx.bus();
    const other = `${fx.stream}-other`;
    const seen: BusEntry[] = [];
    await bus.subscribe({ group: fx.group, consumer: 'c1', streams: [fx.stream, other], handler: recording(seen) });

    await bus.publish(other, testEnvelope({ on: 'other' }));
    await bus.publish(fx.stream, testEnvelope({ on: 'main' }));

    await waitFor(() => seen.length === 2);
    expect(seen.map((e) => e.stream).sort()).to.deep.equal([fx.stream, other].sort());
  });

  it('when the handler throws, then the entry stays pending and is redelivered with an incremented delivery count', async () => {
    const fx = fixture();
    const bus = fx.bus();
    const seen: BusEntry[] = [];
    const failFirst = async (entry: BusEntry) => {
      if (entry.deliveries === 1) throw new Error('transient: database busy');
    };
    await bus.subscribe({ group: fx.group, consumer: 'c1', streams: [fx.stream], handler: recording(seen, failFirst) });

    await bus.publish(fx.stream, testEnvelope());

    await waitFor(() => seen.length === 2);
    expect(seen.map((e) => e.deliveries)).to.deep.equal([1, 2]);
    expect(seen[1]?.id).to.equal(seen[0]?.id);
    await waitFor(() => groupIsDrained(bus, fx.stream, fx.group));
    expect(await fx.deadLetterRows()).to.be.empty;
  });

  it('when every delivery fails, then after 5 deliveries the entry is in the dead-letter stream and table with the error, and acknowledged', async () => {
    const fx = fixture();
    const bus = fx.bus();
    const seen: BusEntry[] = [];
    const alwaysFail = async () => {
      throw new Error('payload references an unknown batch');
    };
    await bus.subscribe({ group: fx.group, consumer: 'c1', streams: [fx.stream], handler: recording(seen, alwaysFail) });
    const envelope = testEnvelope();

    await bus.publish(fx.stream, envelope);

    await waitFor(async () => (await fx.deadLetterRows()).length === 1, { message: 'dead_letters row' });
    expect(seen.map((e) => e.deliveries)).to.deep.equal([1, 2, 3, 4, 5]);
    const [row] = await fx.deadLetterRows();
    expect(row).to.include({
      stream: fx.stream,
      group: fx.group,
      entryId: seen[0]?.id,
      eventId: envelope.event_id,
      eventType: envelope.event_type,
      payload: JSON.stringify(envelope),
      deliveries: 5,
    });
    expect(row?.error).to.include('payload references an unknown batch');
    const copies = await fx.readDeadLetterStream();
    expect(copies).to.have.length(1);
    expect(copies[0]).to.include({ envelope: JSON.stringify(envelope), sourceStream: fx.stream });
    expect(copies[0]?.error).to.include('payload references an unknown batch');
    await waitFor(() => groupIsDrained(bus, fx.stream, fx.group), { message: 'acknowledged after dead-lettering' });
  });

  it('when the handler throws PoisonMessageError, then the entry is dead-lettered on its first delivery', async () => {
    const fx = fixture();
    const bus = fx.bus();
    const seen: BusEntry[] = [];
    const reject = async () => {
      throw new PoisonMessageError('data.batch_id: expected a uuid');
    };
    await bus.subscribe({ group: fx.group, consumer: 'c1', streams: [fx.stream], handler: recording(seen, reject) });

    await bus.publish(fx.stream, testEnvelope());

    await waitFor(async () => (await fx.deadLetterRows()).length === 1);
    const [row] = await fx.deadLetterRows();
    expect(row).to.include({ deliveries: 1 });
    expect(row?.error).to.equal('PoisonMessageError: data.batch_id: expected a uuid');
    expect(await fx.readDeadLetterStream()).to.have.length(1);
    await waitFor(() => groupIsDrained(bus, fx.stream, fx.group));
    expect(seen).to.have.length(1);
  });
}
