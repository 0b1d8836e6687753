/**
 * What both adapters do with one delivered entry: run the handler, ack only after it resolved,
 * leave it pending when it throws, and dead-letter it (stream copy + table) BEFORE acking when it is
 * poison or has failed `maxDeliveries` times — a crash in between yields a duplicate, never a loss
 * (runtime-anchors §5, ruststream-fred deadletter.rs).
 */
import type { Logger } from '../logger.js';
import { traceConsume } from './tracing.js';
import { PoisonMessageError, type BusEntry, type BusHandler, type DeadLetter, type GroupHandler } from './bus.js';

export interface DeliveryTarget {
  group: string;
  consumer: string;
  handler: BusHandler;
  /** Group commit: when set, each read is delivered whole through deliverGroup. */
  groupHandler?: GroupHandler;
  maxDeliveries: number;
  logger: Logger;
  ack(entry: BusEntry): Promise<void>;
  /** Copies the entry to the dead-letter stream, then records it in the sink. */
  deadLetter(letter: DeadLetter): Promise<void>;
}

export type DeliveryOutcome = 'acked' | 'pending' | 'dead-lettered';

export async function deliver(target: DeliveryTarget, entry: BusEntry): Promise<DeliveryOutcome> {
  if (entry.deliveries > target.maxDeliveries) return deadLetterThenAck(target, entry, overDelivered(entry));
  try {
    await traceConsume(target.group, [entry], () => target.handler(entry));
  } catch (error) {
    return settleFailure(target, entry, error);
  }
  await ackQuietly(target, entry);
  return 'acked';
}

/**
 * Group commit: the entries of one read go to `handleGroup` together; each then settles exactly as
 * `deliver` would settle it alone (ack after commit, pending on failure, dead letter when poison or spent).
 */
export async function deliverGroup(target: DeliveryTarget, entries: BusEntry[], handleGroup: GroupHandler): Promise<DeliveryOutcome[]> {
  const outcomes = new Array<DeliveryOutcome>(entries.length);
  const live: number[] = [];
  for (const [i, entry] of entries.entries()) {
    if (entry.deliveries > target.maxDeliveries) outcomes[i] = await deadLetterThenAck(target, entry, overDelivered(entry));
    else live.push(i);
  }
  let results: ({ error: unknown } | null)[];
  try {
    const group = live.map((i) => entries[i]!);
    results = await traceConsume(target.group, group, () => handleGroup(group));
  } catch (error) {
    results = live.map(() => ({ error }));
  }
  const acks: Promise<void>[] = [];
  for (const [k, i] of live.entries()) {
    const failed = results[k];
    if (failed) outcomes[i] = await settleFailure(target, entries[i]!, failed.error);
    else {
      acks.push(ackQuietly(target, entries[i]!)); // issued together: one round trip for the group's acks
      outcomes[i] = 'acked';
    }
  }
  await Promise.all(acks);
  return outcomes;
}

/** Delivered more often than allowed without ever failing: its handler hangs or crashes the process. */
const overDelivered = (entry: BusEntry) => `delivered ${entry.deliveries} times without being acknowledged (handler hung or its consumer died)`;

async function settleFailure(target: DeliveryTarget, entry: BusEntry, error: unknown): Promise<DeliveryOutcome> {
  if (error instanceof PoisonMessageError || entry.deliveries >= target.maxDeliveries) {
    return deadLetterThenAck(target, entry, formatError(error));
  }
  target.logger.warn('stream handler failed; the entry stays pending for redelivery', { ...entryMeta(target, entry), error: formatError(error) });
  return 'pending';
}

/** Dead-letters `entry` with `error`, then acks it; used directly for entries that cannot be delivered at all. */
export async function deadLetterThenAck(target: DeliveryTarget, entry: BusEntry, error: string): Promise<DeliveryOutcome> {
  const { eventId, eventType } = describeEnvelope(entry.envelope);
  const letter: DeadLetter = {
    stream: entry.stream,
    group: target.group,
    entryId: entry.id,
    eventId,
    eventType,
    payload: entry.envelope,
    error,
    deliveries: entry.deliveries,
  };
  try {
    await target.deadLetter(letter);
  } catch (failure) {
    // Not acked: the entry stays pending and is dead-lettered again on its next delivery.
    target.logger.error('dead-lettering failed; the entry stays pending', { ...entryMeta(target, entry), error: formatError(failure) });
    return 'pending';
  }
  target.logger.error('entry moved to the dead letters', { ...entryMeta(target, entry), event_id: eventId, reason: error });
  await ackQuietly(target, entry);
  return 'dead-lettered';
}

/** A failed ack must not wedge the loop (cookie-cutter#306): the entry is redelivered later and deduplicated. */
async function ackQuietly(target: DeliveryTarget, entry: BusEntry): Promise<void> {
  try {
    await target.ack(entry);
  } catch (error) {
    target.logger.error('ack failed; the entry will be redelivered (consumers deduplicate by event_id)', {
      ...entryMeta(target, entry),
      error: formatError(error),
    });
  }
}

function entryMeta(target: DeliveryTarget, entry: BusEntry): Record<string, unknown> {
  return { stream: entry.stream, entry_id: entry.id, group: target.group, consumer: target.consumer, deliveries: entry.deliveries };
}

export function formatError(error: unknown): string {
  if (error instanceof Error) return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}

/** event_id / event_type of a raw envelope, best effort: a malformed payload yields nulls. */
export function describeEnvelope(raw: string): { eventId: string | null; eventType: string | null } {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return { eventId: null, eventType: null };
    const { event_id: eventId, event_type: eventType } = parsed as Record<string, unknown>;
    return {
      eventId: typeof eventId === 'string' ? eventId : null,
      eventType: typeof eventType === 'string' ? eventType : null,
    };
  } catch {
    return { eventId: null, eventType: null };
  }
}
