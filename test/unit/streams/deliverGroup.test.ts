/** Group delivery (issue 11 group commit): each entry of a read settles on its own outcome. */
import { expect } from 'chai';
import type { BusEntry, DeadLetter } from '../../../src/streams/bus.js';
import { PoisonMessageError } from '../../../src/streams/bus.js';
import { deliverGroup, type DeliveryTarget } from '../../../src/streams/delivery.js';
import { createSilentLogger } from '../../../src/logger.js';

function target(): DeliveryTarget & { acked: string[]; dead: DeadLetter[] } {
  const acked: string[] = [];
  const dead: DeadLetter[] = [];
  return {
    group: 'g',
    consumer: 'c',
    handler: async () => {},
    maxDeliveries: 5,
    logger: createSilentLogger(),
    acked,
    dead,
    ack: async (entry) => void acked.push(entry.id),
    deadLetter: async (letter) => void dead.push(letter),
  };
}

const entry = (id: string, deliveries = 1): BusEntry => ({ stream: 's', id, envelope: JSON.stringify({ event_id: `e${id}`, event_type: 't' }), deliveries });

describe('deliverGroup', () => {
  it('when the group handler fails one entry, then the others are acked and that one stays pending', async () => {
    const t = target();
    const outcomes = await deliverGroup(t, [entry('1'), entry('2'), entry('3')], async (entries) => entries.map((e) => (e.id === '2' ? { error: new Error('boom') } : null)));
    expect(outcomes).to.deep.equal(['acked', 'pending', 'acked']);
    expect(t.acked).to.deep.equal(['1', '3']);
    expect(t.dead).to.deep.equal([]);
  });

  it('when an entry is poison or spent its deliveries, then it is dead-lettered and acked while the others are handled', async () => {
    const t = target();
    const seen: string[] = [];
    const outcomes = await deliverGroup(t, [entry('1'), entry('2', 6), entry('3', 5)], async (entries) => {
      seen.push(...entries.map((e) => e.id));
      return entries.map((e) => (e.id === '1' ? { error: new PoisonMessageError('bad payload') } : { error: new Error('still failing') }));
    });
    expect(seen).to.deep.equal(['1', '3']); // the over-delivered entry never reaches the handler
    expect(outcomes).to.deep.equal(['dead-lettered', 'dead-lettered', 'dead-lettered']);
    expect(t.dead.map((d) => d.entryId).sort()).to.deep.equal(['1', '2', '3']);
  });

  it('when the group handler throws, then nothing is acked and every entry stays pending', async () => {
    const t = target();
    const outcomes = await deliverGroup(t, [entry('1'), entry('2')], async () => {
      throw new Error('database down');
    });
    expect(outcomes).to.deep.equal(['pending', 'pending']);
    expect(t.acked).to.deep.equal([]);
  });
});
