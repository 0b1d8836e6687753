/** The StreamBus contract, part 2: consumer groups, dead-consumer recovery, restarts, trimming. */
import { expect } from 'chai';
import type { BusEntry } from '../../../src/streams/bus.js';
import { waitFor } from '../../support/waitFor.js';
import { eventIdOf, groupIsDrained, recording, statsOf, testEnvelope, type BusFixture } from './busTestKit.js';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function describeRecoveryContract(fixture: () => BusFixture): void {
  it('when two consumers share a group, then they split the work and each entry is handled and acknowledged once', async () => {
    const fx = fixture();
    // A long claimIdleMs: nothing may be reclaimed here, so any duplicate is a real double delivery.
    const [busA, busB] = [fx.bus({ claimIdleMs: 10_000 }), fx.bus({ claimIdleMs: 10_000 })];
    const envelopes = Array.from({ length: 30 }, (_, i) => testEnvelope({ i }));
    for (const envelope of envelopes) await busA.publish(fx.stream, envelope);
    const seenA: BusEntry[] = [];
    const seenB: BusEntry[] = [];
    const slow = () => pause(15);

    await busA.subscribe({ group: fx.group, consumer: 'a', streams: [fx.stream], handler: recording(seenA, slow) });
    await busB.subscribe({ group: fx.group, consumer: 'b', streams: [fx.stream], handler: recording(seenB, slow), concurrency: 2 });

    await waitFor(() => seenA.length + seenB.length >= 30);
    await waitFor(() => groupIsDrained(busA, fx.stream, fx.group));
    const handled = [...seenA, ...seenB].map(eventIdOf).sort();
    expect(handled).to.deep.equal(envelopes.map((e) => e.event_id).sort());
    expect(seenA, 'consumer a got a share').to.not.be.empty;
    expect(seenB, 'consumer b got a share').to.not.be.empty;
    expect(statsOf(await busA.stats([fx.stream]), fx.stream, fx.group)?.consumers).to.be.at.least(2);
  });

  it('when a consumer is stopped mid-handler without acknowledging, then another consumer reclaims its entry after claimIdleMs', async () => {
    const fx = fixture();
    const [busA, busB] = [fx.bus(), fx.bus()];
    const gate = fx.gate();
    const seenA: BusEntry[] = [];
    const seenB: BusEntry[] = [];
    const subA = await busA.subscribe({ group: fx.group, consumer: 'a', streams: [fx.stream], handler: recording(seenA, () => gate.promise) });
    const envelope = testEnvelope();
    await busA.publish(fx.stream, envelope);
    await waitFor(() => seenA.length === 1);
    const stoppingA = subA.stop();

    await busB.subscribe({ group: fx.group, consumer: 'b', streams: [fx.stream], handler: recording(seenB) });

    await waitFor(() => seenB.length === 1, { message: 'reclaimed by b' });
    expect(seenB[0]).to.include({ envelope: JSON.stringify(envelope), deliveries: 2, id: seenA[0]?.id });
    gate.reject(new Error('consumer a died before committing'));
    await stoppingA;
    await waitFor(() => groupIsDrained(busB, fx.stream, fx.group));
    expect(seenA).to.have.length(1);
  });

  it('when a new bus instance starts after a crash, then it delivers what was published but not yet acknowledged', async () => {
    const fx = fixture();
    // claimIdleMs far away: the restarted consumer must take back its own unacked entry by name, at once.
    const before = fx.bus({ claimIdleMs: 30_000 });
    const gate = fx.gate();
    const seenBefore: BusEntry[] = [];
    const crashed = await before.subscribe({ group: fx.group, consumer: 'host-1-batch', streams: [fx.stream], handler: recording(seenBefore, () => gate.promise) });
    const [first, second, third] = [testEnvelope({ n: 1 }), testEnvelope({ n: 2 }), testEnvelope({ n: 3 })];
    await before.publish(fx.stream, first);
    await before.publish(fx.stream, second);
    await waitFor(() => seenBefore.length === 1);
    const stoppingCrashed = crashed.stop(); // never acks: its handler is stuck until the end of the test
    await before.publish(fx.stream, third); // published while the consumer is "down"

    const after = fx.bus({ claimIdleMs: 30_000 });
    const seenAfter: BusEntry[] = [];
    await after.subscribe({ group: fx.group, consumer: 'host-1-batch', streams: [fx.stream], handler: recording(seenAfter) });

    await waitFor(() => seenAfter.length === 3);
    expect(seenAfter.map(eventIdOf)).to.deep.equal([first.event_id, second.event_id, third.event_id]);
    expect(seenAfter[0]?.deliveries).to.equal(2);
    gate.reject(new Error('the old process is gone'));
    await stoppingCrashed;
    await waitFor(() => groupIsDrained(after, fx.stream, fx.group));
  });

  it('when trimming by age, then old acknowledged entries are removed and pending ones (and all after them) are kept', async () => {
    const fx = fixture();
    const bus = fx.bus({ claimIdleMs: 30_000 });
    const seen: BusEntry[] = [];
    const failMarked = async (entry: BusEntry) => {
      if ((JSON.parse(entry.envelope) as { data: { fail?: boolean } }).data.fail) throw new Error('not yet');
    };
    await bus.subscribe({ group: fx.group, consumer: 'c1', streams: [fx.stream], handler: recording(seen, failMarked) });
    const [a, b, c, d] = [testEnvelope(), testEnvelope(), testEnvelope({ fail: true }), testEnvelope()];
    for (const envelope of [a, b, c, d]) {
      await bus.publish(fx.stream, envelope);
      await waitFor(() => seen.some((entry) => eventIdOf(entry) === envelope.event_id));
    }
    await waitFor(async () => statsOf(await bus.stats([fx.stream]), fx.stream, fx.group)?.pending === 1);
    await pause(5); // let the clock move past the last entry's millisecond

    expect(await bus.trim([fx.stream], 60_000), 'nothing is a minute old').to.equal(0);
    expect(await bus.trim([fx.stream], 0), 'a and b').to.equal(2);

    const retained: BusEntry[] = [];
    await bus.subscribe({ group: `${fx.group}-late`, consumer: 'late', streams: [fx.stream], handler: recording(retained) });
    await waitFor(() => retained.length === 2);
    expect(retained.map(eventIdOf)).to.deep.equal([c.event_id, d.event_id]);
    expect(statsOf(await bus.stats([fx.stream]), fx.stream, fx.group)?.pending).to.equal(1);
  });
}
