/** Turns raw Redis entries into deliveries; entries that cannot be delivered at all are dead-lettered. */
import type { BusEntry } from './bus.js';
import { deadLetterThenAck, deliver, deliverGroup, type DeliveryTarget } from './delivery.js';
import { handleAsGroup, handleInOrder, type InFlight } from './inFlight.js';
import type { RawEntry } from './redisReplies.js';

export function dispatchAll(
  target: DeliveryTarget,
  entries: RawEntry[],
  deliveriesOf: (entry: RawEntry) => number,
  inFlight: InFlight,
  isStopped: () => boolean,
): Promise<void> {
  const { groupHandler } = target;
  if (!groupHandler) return handleInOrder(entries, inFlight, isStopped, (entry) => dispatch(target, entry, deliveriesOf(entry)));
  return handleAsGroup(entries, inFlight, isStopped, async (group) => {
    const deliverable: BusEntry[] = [];
    for (const raw of group) {
      const entry = await toDeliverable(target, raw, deliveriesOf(raw));
      if (entry) deliverable.push(entry);
    }
    await deliverGroup(target, deliverable, groupHandler);
  });
}

async function dispatch(target: DeliveryTarget, raw: RawEntry, deliveries: number): Promise<void> {
  const entry = await toDeliverable(target, raw, deliveries);
  if (entry) await deliver(target, entry);
}

/** The entry to deliver, or null when it cannot be delivered at all (then it is dead-lettered here). */
async function toDeliverable(target: DeliveryTarget, raw: RawEntry, deliveries: number): Promise<BusEntry | null> {
  const base = { stream: raw.stream, id: raw.id, deliveries };
  if (raw.fields === null) {
    // Trimmed or XDEL'd while still pending (redis#6199, #10756): the body is gone; record and release it.
    const entry: BusEntry = { ...base, envelope: '' };
    await deadLetterThenAck(target, entry, 'the entry was deleted from the stream while still pending; its body is lost');
    return null;
  }
  const envelope = raw.fields.envelope;
  if (envelope === undefined) {
    // Written by something other than publish() (an external XADD): malformed, dead-lettered at once.
    const entry: BusEntry = { ...base, envelope: JSON.stringify(raw.fields) };
    await deadLetterThenAck(target, entry, 'PoisonMessageError: the entry has no "envelope" field');
    return null;
  }
  return { ...base, envelope };
}
