/**
 * Worker-thread entry of the untrusted-work pool (issue 10 item 1). Runs one task and returns its result;
 * a runaway task is not this file's concern: the pool terminates the whole thread when its budget is spent.
 */
import { extractEssayText } from '../intake/index.js';
import { matchEssay, type RosterStudent } from '../matching/index.js';
import { STARTED_AT_SLOT, type UntrustedTask } from './tasks.js';

/** Same roster array for the same content, so the engine's per-array index cache hits across essays. */
const ROSTERS_KEPT = 8;
const rosters = new Map<string, readonly RosterStudent[]>();

function rosterFor(key: string, roster: readonly RosterStudent[]): readonly RosterStudent[] {
  const kept = rosters.get(key);
  if (kept) return kept;
  if (rosters.size >= ROSTERS_KEPT) rosters.delete(rosters.keys().next().value as string);
  rosters.set(key, roster);
  return roster;
}

export default async function runTask(input: { task: UntrustedTask; startedAt: BigInt64Array }): Promise<unknown> {
  Atomics.store(input.startedAt, STARTED_AT_SLOT, BigInt(Date.now()));
  const { task } = input;
  if (task.kind === 'ping') return 'pong';
  if (task.kind === 'extract') return extractEssayText(task.file, task.limits);
  return matchEssay(task.essay, rosterFor(task.rosterKey, task.roster));
}
