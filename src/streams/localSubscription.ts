/**
 * One subscribe() on the in-process bus: `concurrency` polling readers (stable names like the Redis
 * adapter) that claim pending rows with SKIP LOCKED. A publish in this process wakes them at once;
 * the poll picks up entries from other processes, leftovers after a restart, and idle entries to reclaim.
 */
import type { Knex } from 'knex';
import type { Logger } from '../logger.js';
import { backoffMs, createSleeper, reclaimIntervalMs, type Sleeper } from './backoff.js';
import { DEFAULT_BLOCK_MS, type BusOptions, type DeadLetter, type SubscribeOptions, type Subscription } from './bus.js';
import { deliver, deliverGroup, formatError, type DeliveryTarget } from './delivery.js';
import { handleAsGroup, handleInOrder, InFlight } from './inFlight.js';
import { ackEntry, claimEntries, databaseNow, ensureLocalGroup, registerConsumer } from './localStreamStore.js';
import { createStopSignal, type StopSignal } from './stopSignal.js';
import { readerNames } from './subscribeOptions.js';

const CLAIM_COUNT = 10;

export interface LocalBusContext {
  knex: Knex;
  options: BusOptions;
  logger: Logger;
  deadLetter(group: string, letter: DeadLetter): Promise<void>;
  /** Registers a reader to be woken when one of `streams` gets an entry; returns the unregister. */
  listen(streams: string[], sleeper: Sleeper): () => void;
}

export async function startLocalSubscription(bus: LocalBusContext, sub: SubscribeOptions): Promise<Subscription> {
  const names = readerNames(sub.consumer, sub.concurrency);
  for (const stream of sub.streams) {
    await ensureLocalGroup(bus.knex, stream, sub.group);
    for (const name of names) await registerConsumer(bus.knex, stream, sub.group, name);
  }
  const startedAt = await databaseNow(bus.knex);
  const logger = bus.logger.child({ group: sub.group, consumer: sub.consumer });
  const inFlight = new InFlight();
  const signal = createStopSignal();
  const readers = names.map((name) => ({ name, sleeper: createSleeper() }));
  const unlisten = readers.map(({ sleeper }) => bus.listen(sub.streams, sleeper));
  const loops = readers.map(({ name, sleeper }) =>
    runLocalReader({ bus, sub, target: target(bus, sub, name, logger), startedAt, inFlight, sleeper, logger, signal }),
  );

  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        signal.stop();
        for (const { sleeper } of readers) sleeper.wake();
        await Promise.all(loops);
        for (const remove of unlisten) remove();
      })();
      return stopping;
    },
  };
}

interface ReaderDeps {
  bus: LocalBusContext;
  sub: SubscribeOptions;
  target: DeliveryTarget;
  startedAt: string;
  inFlight: InFlight;
  sleeper: Sleeper;
  logger: Logger;
  signal: StopSignal;
}

async function runLocalReader(deps: ReaderDeps): Promise<void> {
  const { bus, sub, target } = deps;
  const pollMs = Math.min(bus.options.blockMs ?? DEFAULT_BLOCK_MS, reclaimIntervalMs(bus.options.claimIdleMs));
  let failures = 0;
  while (!deps.signal.stopped) {
    try {
      const claim = claimEntries(bus.knex, {
        group: sub.group,
        consumer: target.consumer,
        streams: sub.streams,
        limit: sub.readCount ?? CLAIM_COUNT,
        claimIdleMs: bus.options.claimIdleMs,
        startedAt: deps.startedAt,
        inFlight: deps.inFlight.ids(),
      });
      const entries = await deps.signal.race(claim);
      failures = 0;
      if (entries.length === 0) await deps.sleeper.sleep(pollMs);
      else if (target.groupHandler) {
        const handleGroup = target.groupHandler;
        await handleAsGroup(entries, deps.inFlight, () => deps.signal.stopped, async (group) => void (await deliverGroup(target, group, handleGroup)));
      } else await handleInOrder(entries, deps.inFlight, () => deps.signal.stopped, async (entry) => void (await deliver(target, entry)));
    } catch (error) {
      if (deps.signal.stopped) break;
      failures += 1;
      deps.logger.error('claiming local stream entries failed; retrying with backoff', { attempt: failures, error: formatError(error) });
      await deps.sleeper.sleep(backoffMs(failures));
    }
  }
}

function target(bus: LocalBusContext, sub: SubscribeOptions, consumer: string, logger: Logger): DeliveryTarget {
  return {
    group: sub.group,
    consumer,
    handler: sub.handler,
    groupHandler: sub.groupHandler,
    maxDeliveries: bus.options.maxDeliveries,
    logger,
    ack: (entry) => ackEntry(bus.knex, sub.group, entry),
    deadLetter: (letter) => bus.deadLetter(sub.group, letter),
  };
}
