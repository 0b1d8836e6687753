import type { SubscribeOptions } from './bus.js';

/** Rejects a subscription both adapters would run wrongly, with a message naming the field. */
export function validateSubscription(options: SubscribeOptions): void {
  if (options.streams.length === 0) throw new Error('subscribe: streams must name at least one stream');
  if (new Set(options.streams).size !== options.streams.length) throw new Error('subscribe: streams contains a duplicate');
  if (!options.group) throw new Error('subscribe: group is required');
  if (!options.consumer) throw new Error('subscribe: consumer is required');
  const concurrency = options.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('subscribe: concurrency must be a positive integer');
  const readCount = options.readCount ?? 1;
  if (!Number.isInteger(readCount) || readCount < 1) throw new Error('subscribe: readCount must be a positive integer');
}

/** Stable reader names: `consumer` for the first reader, `consumer:1`, `consumer:2`, … for the others. */
export function readerNames(consumer: string, concurrency = 1): string[] {
  return Array.from({ length: concurrency }, (_, i) => (i === 0 ? consumer : `${consumer}:${i}`));
}
