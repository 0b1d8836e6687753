/**
 * One subscribe() on Redis: `concurrency` readers (each on its own connection, stable names
 * `consumer`, `consumer:1`, …) plus one reclaimer, all delivering through the shared policy.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { createSleeper, type Sleeper } from './backoff.js';
import { deadLetterStreamOf, type BusOptions, type DeadLetter, type SubscribeOptions, type Subscription } from './bus.js';
import type { DeliveryTarget } from './delivery.js';
import { InFlight } from './inFlight.js';
import { ensureGroups } from './redisGroups.js';
import { runReader } from './redisReader.js';
import { runReclaimer } from './redisReclaimer.js';
import { createStopSignal } from './stopSignal.js';
import { readerNames } from './subscribeOptions.js';

const READ_COUNT = 10;

export interface RedisBusContext {
  commands: Redis;
  options: BusOptions;
  blockMs: number;
  connect(name: string): Redis;
  logger: Logger;
}

export async function startRedisSubscription(bus: RedisBusContext, sub: SubscribeOptions): Promise<Subscription> {
  await ensureGroups(bus.commands, sub.streams, sub.group);
  const signal = createStopSignal();
  const inFlight = new InFlight();
  const sleepers: Sleeper[] = [];
  const connections: Redis[] = [];
  const logger = bus.logger.child({ group: sub.group, consumer: sub.consumer });
  const names = readerNames(sub.consumer, sub.concurrency);

  const loops = names.map((name) => {
    const connection = bus.connect(`reader:${sub.group}:${name}`);
    const sleeper = createSleeper();
    connections.push(connection);
    sleepers.push(sleeper);
    return runReader({
      connection,
      commands: bus.commands,
      group: sub.group,
      streams: sub.streams,
      target: deliveryTarget(bus, sub, name, logger),
      count: sub.readCount ?? READ_COUNT,
      blockMs: bus.blockMs,
      inFlight,
      logger,
      sleeper,
      signal,
    });
  });
  const reclaimSleeper = createSleeper();
  sleepers.push(reclaimSleeper);
  loops.push(
    runReclaimer({
      commands: bus.commands,
      group: sub.group,
      streams: sub.streams,
      target: deliveryTarget(bus, sub, names[0] ?? sub.consumer, logger),
      claimIdleMs: bus.options.claimIdleMs,
      inFlight,
      logger,
      sleeper: reclaimSleeper,
      signal,
    }),
  );

  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        signal.stop();
        // Disconnecting ends a blocking XREADGROUP server-side too; acks go over the command connection.
        for (const connection of connections) connection.disconnect();
        for (const sleeper of sleepers) sleeper.wake();
        await Promise.all(loops);
      })();
      return stopping;
    },
  };
}

function deliveryTarget(bus: RedisBusContext, sub: SubscribeOptions, consumer: string, logger: Logger): DeliveryTarget {
  const { commands, options } = bus;
  return {
    group: sub.group,
    consumer,
    handler: sub.handler,
    groupHandler: sub.groupHandler,
    maxDeliveries: options.maxDeliveries,
    logger,
    ack: async (entry) => {
      await commands.xack(entry.stream, sub.group, entry.id);
    },
    deadLetter: async (letter) => {
      await commands.call('XADD', deadLetterStreamOf(options, sub.group), '*', ...deadLetterFields(letter));
      await options.deadLetters.record(letter);
    },
  };
}

/** The copy keeps `envelope` (so the same bus can replay it) plus where it came from and why it failed. */
function deadLetterFields(letter: DeadLetter): string[] {
  return [
    'envelope', letter.payload,
    'event_id', letter.eventId ?? '',
    'event_type', letter.eventType ?? '',
    'source_stream', letter.stream,
    'source_entry_id', letter.entryId,
    'group', letter.group,
    'error', letter.error,
    'deliveries', String(letter.deliveries),
  ];
}
