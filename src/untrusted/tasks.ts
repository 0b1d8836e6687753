/**
 * What the untrusted-work pool runs (issue 10 item 1): text extraction of an uploaded file and the matching
 * engine on one essay. Plain data only, because tasks cross a worker-thread boundary by structured clone.
 */
import type { EssayFile, IntakeLimits } from '../intake/index.js';
import type { EssayInput, RosterStudent } from '../matching/index.js';

export interface ExtractTask {
  kind: 'extract';
  file: EssayFile;
  limits: IntakeLimits;
}

export interface MatchTask {
  kind: 'match';
  essay: EssayInput;
  /** Content key of the roster: the worker keeps recent rosters by it, so their index is built once per worker. */
  rosterKey: string;
  roster: readonly RosterStudent[];
}

/** Answers at once: awaited at start-up so the first real task does not pay for a worker's start (~1 s under tsx). */
export interface PingTask {
  kind: 'ping';
}

export type UntrustedTask = ExtractTask | MatchTask | PingTask;

/**
 * The worker writes the wall-clock time it started a task here (Atomics), so the budget counts only the
 * task's own run, not its wait in the queue behind other teachers' files.
 */
export const STARTED_AT_SLOT = 0;
