/**
 * What the untrusted-work pool runs (issue 10 item 1): text extraction of an uploaded file and the matching
 * engine on one essay. Plain data only, because tasks cross a worker-thread boundary by structured clone.
 */
import type { EssayFile, ExtractionResult, IntakeLimits } from '../intake/index.js';
import type { EssayInput, MatchResult, RosterStudent } from '../matching/index.js';

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

export type UntrustedTask = ExtractTask | MatchTask;
export type TaskResult<T extends UntrustedTask> = T extends ExtractTask ? ExtractionResult : MatchResult;

/**
 * The worker writes the wall-clock time it started a task here (Atomics), so the budget counts only the
 * task's own run, not its wait in the queue behind other teachers' files.
 */
export const STARTED_AT_SLOT = 0;
