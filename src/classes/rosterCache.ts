/**
 * In-process cache of class rosters (issue 11 §3): GET roster is the matcher's and the pickers' hot read.
 * Every class-management write NOTIFYs ROSTER_CHANNEL with its owner in its own transaction (delivered at
 * commit), and invalidates this process's entries of that owner right after its commit; other processes
 * drop theirs when the signal arrives. A listener reconnect clears everything (signals may have been lost),
 * and entries expire after `ttlMs` as a last safety net.
 */
import type { RosterRow } from './studentRepository.js';

export const ROSTER_CHANNEL = 'roster_changed';

export interface CachedRoster {
  ownerId: string;
  students: RosterRow[];
}

export interface RosterCache {
  /** The class's owner and roster from memory, else from `load` (null: no such class, not cached). */
  read(classId: string, load: () => Promise<CachedRoster | null>): Promise<CachedRoster | null>;
  invalidateOwner(ownerId: string): void;
  clear(): void;
}

export function createRosterCache(options: { ttlMs: number; maxEntries: number; now?: () => number }): RosterCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, CachedRoster & { expires: number }>();
  const byOwner = new Map<string, Set<string>>();
  // Bumped by every invalidation: a load that started before one must not store what it read.
  let generation = 0;

  const remove = (classId: string) => {
    const entry = entries.get(classId);
    if (!entry) return;
    entries.delete(classId);
    byOwner.get(entry.ownerId)?.delete(classId);
  };

  const store = (classId: string, roster: CachedRoster) => {
    remove(classId);
    if (entries.size >= options.maxEntries) remove(entries.keys().next().value!); // the oldest entry
    entries.set(classId, { ...roster, expires: now() + options.ttlMs });
    let classes = byOwner.get(roster.ownerId);
    if (!classes) byOwner.set(roster.ownerId, (classes = new Set()));
    classes.add(classId);
  };

  return {
    async read(classId, load) {
      const hit = entries.get(classId);
      if (hit && hit.expires > now()) return hit;
      const started = generation;
      const loaded = await load();
      if (loaded && started === generation) store(classId, loaded);
      return loaded;
    },
    invalidateOwner(ownerId) {
      generation += 1;
      for (const classId of byOwner.get(ownerId) ?? []) entries.delete(classId);
      byOwner.delete(ownerId);
    },
    clear() {
      generation += 1;
      entries.clear();
      byOwner.clear();
    },
  };
}
