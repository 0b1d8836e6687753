/** Consumer-group bookkeeping shared by the Redis readers, the reclaimer and the admin commands. */
import type { Redis } from 'ioredis';

/**
 * XGROUP CREATE … 0 MKSTREAM: a new group starts from the stream's retained entries, so nothing
 * published before the first subscribe (or between a Redis restart and the re-creation) is skipped.
 * BUSYGROUP means another consumer created it first, which is what we wanted.
 */
export async function ensureGroup(redis: Redis, stream: string, group: string): Promise<void> {
  try {
    await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  } catch (error) {
    if (!String(error).includes('BUSYGROUP')) throw error;
  }
}

export async function ensureGroups(redis: Redis, streams: string[], group: string): Promise<void> {
  for (const stream of streams) await ensureGroup(redis, stream, group);
}

/**
 * After a Redis restart without persistence, or a FLUSHALL, the stream and its groups are gone and
 * every XREADGROUP/XPENDING answers NOGROUP until the group is re-created (redis/redis#10630;
 * the fix pattern of comet-ml/opik#5525).
 */
export function isNoGroupError(error: unknown): boolean {
  return String(error).includes('NOGROUP');
}

export function isNoSuchKeyError(error: unknown): boolean {
  return /no such key/i.test(String(error));
}
