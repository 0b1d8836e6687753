/**
 * One XREADGROUP loop on its own connection: first this consumer's own PEL (id `0`, entries it got
 * before a crash or restart; walmartlabs/cookie-cutter#164), then new entries (`>`) with BLOCK.
 * Transport errors are logged and retried with backoff; NOGROUP re-creates the group.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { backoffMs, type Sleeper } from './backoff.js';
import { formatError, type DeliveryTarget } from './delivery.js';
import { entryKey, type InFlight } from './inFlight.js';
import { dispatchAll } from './redisDispatch.js';
import { ensureGroups, isNoGroupError } from './redisGroups.js';
import { parsePendingDetails, parseReadReply, type RawEntry } from './redisReplies.js';
import type { StopSignal } from './stopSignal.js';

export interface ReaderDeps {
  /** This reader's own connection; stop() disconnects it to interrupt a blocking read. */
  connection: Redis;
  /** The bus's command connection (group re-creation). */
  commands: Redis;
  group: string;
  streams: string[];
  target: DeliveryTarget;
  count: number;
  blockMs: number;
  inFlight: InFlight;
  logger: Logger;
  sleeper: Sleeper;
  signal: StopSignal;
}

export async function runReader(deps: ReaderDeps): Promise<void> {
  const cursors = new Map(deps.streams.map((stream) => [stream, '0']));
  let failures = 0;
  while (!deps.signal.stopped) {
    try {
      const draining = deps.streams.filter((stream) => cursors.get(stream) !== '>');
      if (draining.length > 0) await drainOwnPending(deps, draining, cursors);
      else await readNew(deps);
      failures = 0;
    } catch (error) {
      if (deps.signal.stopped) break;
      failures += 1;
      if (isNoGroupError(error) && (await recreateGroups(deps))) {
        for (const stream of deps.streams) cursors.set(stream, '0');
        continue;
      }
      deps.logger.error('stream read failed; retrying with backoff', { ...meta(deps), attempt: failures, error: formatError(error) });
      await deps.sleeper.sleep(backoffMs(failures));
    }
  }
}

async function drainOwnPending(deps: ReaderDeps, streams: string[], cursors: Map<string, string>): Promise<void> {
  const ids = streams.map((stream) => cursors.get(stream) ?? '0');
  const reply = await deps.signal.race(
    deps.connection.call('XREADGROUP', 'GROUP', deps.group, deps.target.consumer, 'COUNT', deps.count, 'STREAMS', ...streams, ...ids),
  );
  const entries = parseReadReply(reply);
  const deliveries = new Map<string, number>();
  for (const stream of streams) {
    const mine = entries.filter((entry) => entry.stream === stream);
    const last = mine.at(-1);
    cursors.set(stream, last ? last.id : '>');
    if (last) await countDeliveries(deps, stream, mine, deliveries);
  }
  await dispatchAll(deps.target, entries, (e) => deliveries.get(entryKey(e.stream, e.id)) ?? 1, deps.inFlight, () => deps.signal.stopped);
}

/** A history read bumps each entry's delivery counter; XPENDING tells the new value. */
async function countDeliveries(deps: ReaderDeps, stream: string, entries: RawEntry[], into: Map<string, number>): Promise<void> {
  const first = entries[0]?.id ?? '-';
  const last = entries.at(-1)?.id ?? '+';
  const reply = await deps.signal.race(
    deps.connection.call('XPENDING', stream, deps.group, first, last, entries.length, deps.target.consumer),
  );
  for (const row of parsePendingDetails(reply)) into.set(entryKey(stream, row.id), row.deliveries);
}

async function readNew(deps: ReaderDeps): Promise<void> {
  const reply = await deps.signal.race(
    deps.connection.call(
      'XREADGROUP', 'GROUP', deps.group, deps.target.consumer, 'COUNT', deps.count, 'BLOCK', deps.blockMs,
      'STREAMS', ...deps.streams, ...deps.streams.map(() => '>'),
    ),
  );
  await dispatchAll(deps.target, parseReadReply(reply), () => 1, deps.inFlight, () => deps.signal.stopped);
}

async function recreateGroups(deps: ReaderDeps): Promise<boolean> {
  deps.logger.warn('consumer group missing (Redis restarted or flushed; redis/redis#10630): re-creating it', meta(deps));
  try {
    await deps.signal.race(ensureGroups(deps.commands, deps.streams, deps.group));
    return true;
  } catch (error) {
    if (deps.signal.stopped) return false;
    deps.logger.error('could not re-create the consumer group', { ...meta(deps), error: formatError(error) });
    return false;
  }
}

function meta(deps: ReaderDeps): Record<string, unknown> {
  return { group: deps.group, consumer: deps.target.consumer, streams: deps.streams };
}
