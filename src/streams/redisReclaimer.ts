/**
 * Dead-consumer recovery: every few moments, entries of the group idle longer than `claimIdleMs`
 * (whoever holds them) are claimed for this subscription and redelivered. XPENDING … IDLE gives the
 * delivery counts; XCLAIM with the same min-idle makes sure that of two claimers only one wins
 * (the pattern of Watermill's redisstream subscriber). Entries this subscription is still working on
 * are skipped, so a slow handler is not raced by its own process.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { backoffMs, reclaimIntervalMs, type Sleeper } from './backoff.js';
import { formatError, type DeliveryTarget } from './delivery.js';
import type { InFlight } from './inFlight.js';
import { dispatchAll } from './redisDispatch.js';
import { isNoGroupError } from './redisGroups.js';
import { parseEntryList, parsePendingDetails, type PendingDetail } from './redisReplies.js';
import type { StopSignal } from './stopSignal.js';
import { nextId } from './streamIds.js';

const CLAIM_BATCH = 50;

export interface ReclaimerDeps {
  commands: Redis;
  group: string;
  streams: string[];
  /** Claimed entries are assigned to this consumer (the subscription's first reader). */
  target: DeliveryTarget;
  claimIdleMs: number;
  inFlight: InFlight;
  logger: Logger;
  sleeper: Sleeper;
  signal: StopSignal;
}

export async function runReclaimer(deps: ReclaimerDeps): Promise<void> {
  let failures = 0;
  while (!deps.signal.stopped) {
    try {
      let claimed = 0;
      for (const stream of deps.streams) claimed += await reclaimStream(deps, stream);
      failures = 0;
      if (claimed === 0) await deps.sleeper.sleep(reclaimIntervalMs(deps.claimIdleMs));
    } catch (error) {
      if (deps.signal.stopped) break;
      failures += 1;
      // NOGROUP: the group vanished (redis/redis#10630); the readers re-create it, the next round retries.
      const level = isNoGroupError(error) ? 'warn' : 'error';
      deps.logger.log(level, 'reclaiming idle entries failed; retrying with backoff', { group: deps.group, error: formatError(error) });
      await deps.sleeper.sleep(backoffMs(failures));
    }
  }
}

async function reclaimStream(deps: ReclaimerDeps, stream: string): Promise<number> {
  if (deps.signal.stopped) return 0;
  const { commands, group, claimIdleMs } = deps;
  const candidates = await idleCandidates(deps, stream);
  if (candidates.length === 0) return 0;
  const ids = candidates.map((row) => row.id);
  const reply = await deps.signal.race(commands.call('XCLAIM', stream, group, deps.target.consumer, claimIdleMs, ...ids));
  // Entries deleted meanwhile are dropped from the PEL by XCLAIM itself (Redis ≥ 7) and not returned.
  const claimed = parseEntryList(stream, reply);
  if (claimed.length === 0) return 0;
  const counts = new Map(candidates.map((row) => [row.id, row.deliveries + 1]));
  deps.logger.info('reclaimed idle entries', {
    stream,
    group,
    consumer: deps.target.consumer,
    count: claimed.length,
    from: [...new Set(candidates.map((row) => row.consumer))],
  });
  await dispatchAll(deps.target, claimed, (entry) => counts.get(entry.id) ?? 1, deps.inFlight, () => deps.signal.stopped);
  return claimed.length;
}

/** Idle entries not in flight here; pages past a full page of our own in-flight ones so none starve. */
async function idleCandidates(deps: ReclaimerDeps, stream: string): Promise<PendingDetail[]> {
  let start = '-';
  for (;;) {
    const reply = await deps.signal.race(
      deps.commands.call('XPENDING', stream, deps.group, 'IDLE', deps.claimIdleMs, start, '+', CLAIM_BATCH),
    );
    const idle = parsePendingDetails(reply);
    const candidates = idle.filter((row) => !deps.inFlight.has(stream, row.id));
    const last = idle.at(-1);
    if (candidates.length > 0 || idle.length < CLAIM_BATCH || !last) return candidates;
    start = nextId(last.id);
  }
}
