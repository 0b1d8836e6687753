/** Group statistics and age-based trimming for the Redis adapter. */
import type { Redis } from 'ioredis';
import type { GroupStats } from './bus.js';
import { isNoSuchKeyError } from './redisGroups.js';
import { parseGroupInfo, parsePendingSummary, type GroupInfo } from './redisReplies.js';
import { minId, nextId } from './streamIds.js';

async function groupsOf(redis: Redis, stream: string): Promise<GroupInfo[]> {
  try {
    return parseGroupInfo(await redis.call('XINFO', 'GROUPS', stream));
  } catch (error) {
    if (isNoSuchKeyError(error)) return [];
    throw error;
  }
}

export async function redisStats(redis: Redis, streams: string[]): Promise<GroupStats[]> {
  const stats: GroupStats[] = [];
  for (const stream of streams) {
    for (const group of await groupsOf(redis, stream)) {
      stats.push({ stream, group: group.name, pending: group.pending, lag: group.lag, consumers: group.consumers });
    }
  }
  return stats;
}

/**
 * XTRIM MINID by age, but never past what a group still needs: MINID ignores the PEL by default,
 * and a trimmed-but-pending id lingers with a nil body (redis#6199, #10756). So the floor is the
 * oldest pending id and the first id after each group's last-delivered-id (not yet delivered).
 * A stream without groups (e.g. a dead-letter stream) is trimmed by age alone. Exact trimming (no `~`)
 * so the count is what was removed. Ages use the Redis clock (TIME), the clock that minted the ids.
 */
export async function redisTrim(redis: Redis, streams: string[], olderThanMs: number): Promise<number> {
  const [seconds, micros] = await redis.time();
  const nowMs = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  let removed = 0;
  for (const stream of streams) {
    const floor = await keepFloor(redis, stream, `${Math.max(0, nowMs - olderThanMs)}-0`);
    removed += Number(await redis.call('XTRIM', stream, 'MINID', floor));
  }
  return removed;
}

async function keepFloor(redis: Redis, stream: string, byAge: string): Promise<string> {
  let floor = byAge;
  for (const group of await groupsOf(redis, stream)) {
    floor = minId(floor, nextId(group.lastDeliveredId));
    if (group.pending === 0) continue;
    const { smallestId } = parsePendingSummary(await redis.call('XPENDING', stream, group.name));
    if (smallestId) floor = minId(floor, smallestId);
  }
  return floor;
}
