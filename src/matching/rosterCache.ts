/**
 * A matcher role matches a whole batch against one roster, so the prepared roster is cached per roster
 * array. The cache checks the students' fields before reuse, so a roster array changed in place is
 * re-indexed rather than served stale. WeakMap: nothing is kept alive after the batch.
 */
import { buildRosterIndex, type RosterIndex } from './rosterIndex.js';
import type { RosterStudent } from './types.js';

interface Entry {
  snapshot: string[];
  index: RosterIndex;
}

const cache = new WeakMap<readonly RosterStudent[], Entry>();

function snapshotOf(roster: readonly RosterStudent[]): string[] {
  return roster.map((s) => `${s?.student_id}\u0000${s?.first_name}\u0000${s?.last_name}\u0000${s?.full_legal_name ?? ''}\u0000${s?.email ?? ''}`);
}

function sameSnapshot(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

export function rosterIndexFor(roster: readonly RosterStudent[]): RosterIndex {
  const snapshot = snapshotOf(roster);
  const cached = cache.get(roster);
  if (cached && sameSnapshot(cached.snapshot, snapshot)) return cached.index;
  const index = buildRosterIndex(roster);
  cache.set(roster, { snapshot, index });
  return index;
}
