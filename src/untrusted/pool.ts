/**
 * The untrusted-work pool (issue 10 item 1, ARCHITECTURE §8): text extraction and the matching engine run on
 * worker threads with a heap cap each and a wall-clock budget per task, so one hostile or unlucky file costs
 * at most its own rejection and the event loop (API, pushes, timers, the write path) keeps answering.
 *
 * Over budget, the task's AbortSignal fires and piscina terminates that worker thread (a synchronous runaway
 * cannot be interrupted any other way) and starts a fresh one. A worker that hits its heap cap dies the same way.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { EssayFile, ExtractionResult, IntakeLimits } from '../intake/index.js';
import type { EssayInput, MatchResult, RosterStudent } from '../matching/index.js';
import { STARTED_AT_SLOT, type UntrustedTask } from './tasks.js';

export interface UntrustedPoolOptions {
  threads: number;
  /** Old-generation heap cap of each worker, in MiB. */
  heapMb: number;
  extractionBudgetMs: number;
  matchingBudgetMs: number;
}

/** Why a task gave no result: over its time budget, or its worker ran out of heap (or died otherwise). */
export type TaskFailure = { ok: false; reason: 'timeout' | 'too_large' | 'crashed'; detail: string };
export type TaskOutcome<R> = { ok: true; value: R } | TaskFailure;

export interface RosterRef {
  /** Content key (e.g. a hash of the students); equal rosters share one index inside each worker. */
  key: string;
  students: readonly RosterStudent[];
}

export interface UntrustedPool {
  extract(file: EssayFile, limits: IntakeLimits): Promise<TaskOutcome<ExtractionResult>>;
  match(essay: EssayInput, roster: RosterRef): Promise<TaskOutcome<MatchResult>>;
  /** Resolves once the workers have started and answered (so start-up, not the first file, pays for it). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The worker entry next to this module, with this module's own extension: `.ts` under tsx (tests, `npm start`;
 * workers inherit the parent's `--import tsx` through execArgv), `.js` once compiled to dist/.
 */
export function workerFile(moduleUrl: string = import.meta.url): string {
  const ext = extname(fileURLToPath(moduleUrl));
  return fileURLToPath(new URL(`./worker${ext}`, moduleUrl));
}

class BudgetExceeded extends Error {
  override readonly name = 'BudgetExceeded';
}

/**
 * Aborts when the task has *run* for `budgetMs`: the worker stamps its start time into `startedAt`, and the
 * check re-arms while the task still waits in the queue (queue time is the pool's load, not the file's cost).
 */
function runBudget(startedAt: BigInt64Array, budgetMs: number): { signal: AbortSignal; stop(): void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout;
  const check = () => {
    const started = Number(Atomics.load(startedAt, STARTED_AT_SLOT));
    const left = started === 0 ? budgetMs : started + budgetMs - Date.now();
    if (left <= 0) controller.abort(new BudgetExceeded(`over its ${budgetMs} ms budget`));
    else timer = setTimeout(check, left);
  };
  timer = setTimeout(check, budgetMs);
  return { signal: controller.signal, stop: () => clearTimeout(timer) };
}

function failureOf(error: unknown, signal: AbortSignal, budgetMs: number): TaskFailure {
  if (signal.aborted) return { ok: false, reason: 'timeout', detail: `took longer than ${budgetMs} ms` };
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return { ok: false, reason: 'too_large', detail: 'needed more memory than a worker may use' };
  return { ok: false, reason: 'crashed', detail: error instanceof Error ? error.message : String(error) };
}

export function createUntrustedPool(options: UntrustedPoolOptions): UntrustedPool {
  const piscina = new Piscina({
    filename: workerFile(),
    // All threads from the start: a worker's start-up (~1 s under tsx) would otherwise land on a teacher's upload.
    minThreads: options.threads,
    maxThreads: options.threads,
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb },
    // Explicit, so the loader a test or `npm start` runs under (tsx) also loads the .ts worker entry.
    execArgv: process.execArgv,
  });

  async function run<R>(task: UntrustedTask, budgetMs: number): Promise<TaskOutcome<R>> {
    const startedAt = new BigInt64Array(new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT));
    const budget = runBudget(startedAt, budgetMs);
    try {
      return { ok: true, value: (await piscina.run({ task, startedAt }, { signal: budget.signal })) as R };
    } catch (error) {
      return failureOf(error, budget.signal, budgetMs);
    } finally {
      budget.stop();
    }
  }

  return {
    extract: (file, limits) => run<ExtractionResult>({ kind: 'extract', file, limits }, options.extractionBudgetMs),
    match: (essay, roster) => run<MatchResult>({ kind: 'match', essay, rosterKey: roster.key, roster: roster.students }, options.matchingBudgetMs),
    ready: async () => {
      const pings = await Promise.all(Array.from({ length: options.threads }, () => run<string>({ kind: 'ping' }, options.extractionBudgetMs * 3)));
      const failed = pings.find((ping) => !ping.ok);
      if (failed && !failed.ok) throw new Error(`the untrusted-work pool did not start: ${failed.detail}`);
    },
    close: () => piscina.close({ force: true }),
  };
}
