/**
 * The stream bus port (ARCHITECTURE §2, §4): at-least-once delivery to consumer groups, ack only
 * after the handler resolved, reclaim of entries a dead consumer left behind, dead-lettering after
 * N failed deliveries. Two adapters implement it and pass one contract suite:
 * `redisStreamBus.ts` (production) and `inProcessBus.ts` (the embedded default, durable in PostgreSQL).
 */
import type { StreamPublisher } from '../../actors/ports.js';
import type { Logger } from '../logger.js';

export interface BusEntry {
  stream: string;
  /** The transport's entry id (Redis "ms-seq", or the local entry's row id). */
  id: string;
  /** The raw JSON exactly as published; the consumer parses and validates it. */
  envelope: string;
  /** 1 on first delivery; grows with every redelivery (reclaim, restart). */
  deliveries: number;
}

/** Resolve = processed and committed, so the entry is acked. Throw = leave it pending for redelivery. */
export type BusHandler = (entry: BusEntry) => Promise<void>;

/**
 * Group commit (ARCHITECTURE §2): every entry of one read at once. Returns, per entry in the same order,
 * null when it is done (acked) or the error that leaves it pending / dead-letters it, as for BusHandler.
 */
export type GroupHandler = (entries: BusEntry[]) => Promise<({ error: unknown } | null)[]>;

/** Thrown by a handler for a message that can never succeed (malformed): dead-lettered at once. */
export class PoisonMessageError extends Error {
  override readonly name = 'PoisonMessageError';
}

export interface SubscribeOptions {
  group: string;
  /** A stable name (e.g. host-pid-role) so a restarted process drains its own pending entries first. */
  consumer: string;
  streams: string[];
  handler: BusHandler;
  /** When set, readers hand each read to it whole instead of calling `handler` per entry. */
  groupHandler?: GroupHandler;
  /** Entries per read (the largest group), default 10. */
  readCount?: number;
  /** Parallel readers, default 1. Reader i > 0 is named `${consumer}:${i}`. */
  concurrency?: number;
}

export interface Subscription {
  /** Stops reading; handlers already running finish (and are acked if they resolve); nothing unfinished is acked. */
  stop(): Promise<void>;
}

export interface DeadLetter {
  stream: string;
  group: string;
  entryId: string;
  eventId: string | null;
  eventType: string | null;
  payload: string;
  error: string;
  deliveries: number;
}

export interface DeadLetterSink {
  record(letter: DeadLetter): Promise<void>;
}

export interface GroupStats {
  stream: string;
  group: string;
  /** Delivered but not yet acknowledged. */
  pending: number;
  /** Not yet delivered to the group; null when the transport cannot tell. */
  lag: number | null;
  consumers: number;
}

export interface StreamBus extends StreamPublisher {
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  stats(streams: string[]): Promise<GroupStats[]>;
  /** Removes entries older than `olderThanMs`, never one a group still has pending or undelivered. */
  trim(streams: string[], olderThanMs: number): Promise<number>;
  /** Throws when the transport is unusable (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface BusOptions {
  /** An entry delivered longer ago than this and not acked is reclaimed by any consumer of its group. */
  claimIdleMs: number;
  /** A delivery that fails when the entry has been delivered this often goes to the dead letters (5). */
  maxDeliveries: number;
  deadLetters: DeadLetterSink;
  logger: Logger;
  /** How long one read blocks / how often the local bus polls; default 2000 ms. */
  blockMs?: number;
  /** The dead-letter stream of a group; default `${group}.dead-letters`. */
  deadLetterStream?: (group: string) => string;
}

export const DEFAULT_BLOCK_MS = 2000;

export function deadLetterStreamOf(options: BusOptions, group: string): string {
  return options.deadLetterStream ? options.deadLetterStream(group) : `${group}.dead-letters`;
}
