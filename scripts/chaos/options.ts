/** Command-line options of `npm run chaos`, and the timings derived from them. */
import { parseArgs } from 'node:util';

export interface ChaosOptions {
  batches: number;
  essays: number;
  /** How long batches are fed in and faults injected; settling comes after. */
  seconds: number;
  /** Every n-th batch is a GUEST batch (no class). */
  guestEvery: number;
  /** Mean seconds between two app-process kills. */
  killEvery: number;
  /** Give up waiting for batches to settle after this many seconds once faults stop. */
  settleSeconds: number;
  /** Keep the temp dir (PostgreSQL data, app logs) for inspection. */
  keep: boolean;
  /** Print progress lines while running. */
  verbose: boolean;
  /** false (--no-faults): the same load without kills, restarts or poison — the baseline to compare with. */
  faults: boolean;
  /** Batches registered and uploaded at once (teachers' browsers are not unlimited either). */
  uploadConcurrency: number;
}

export const USAGE =
  'usage: npm run chaos -- [--batches N] [--essays M] [--seconds S] [--guest-every K] [--kill-every SEC] [--settle SEC] [--uploads K] [--no-faults] [--keep] [--quiet]';

export function parseOptions(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      batches: { type: 'string', default: '40' },
      essays: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '60' },
      'guest-every': { type: 'string', default: '4' },
      'kill-every': { type: 'string', default: '3' },
      settle: { type: 'string' },
      uploads: { type: 'string', default: '4' },
      'no-faults': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
    },
  });
  const batches = positive(values.batches, 'batches');
  const essays = positive(values.essays, 'essays');
  const seconds = positive(values.seconds, 'seconds');
  if (essays > 100) throw new Error('--essays: at most 100 (MAX_BATCH_ESSAYS)');
  return {
    batches,
    essays,
    seconds,
    guestEvery: positive(values['guest-every'], 'guest-every'),
    killEvery: positive(values['kill-every'], 'kill-every'),
    // Enough for the slowest legal path: 4 matching deadlines, then validation and policy deadlines.
    settleSeconds: values.settle ? positive(values.settle, 'settle') : Math.max(60, Math.ceil(batches * essays * 0.01)),
    keep: values.keep,
    verbose: !values.quiet,
    faults: !values['no-faults'],
    uploadConcurrency: positive(values.uploads, 'uploads'),
  };
}

function positive(text: string | undefined, name: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name}: "${text}" is not a positive number\n${USAGE}`);
  return value;
}

/** Product timings for the app processes: short, so deadlines fire many times within a run. */
export const APP_TIMINGS = {
  VALIDATION_TIMEOUT: '3s',
  MATCHING_TIMEOUT: '4s',
  PROVISIONING_TIMEOUT: '60s',
  CLAIM_IDLE: '2s',
  TIMER_POLL_INTERVAL: '200ms',
  OUTBOX_POLL_INTERVAL: '200ms',
} as const;
