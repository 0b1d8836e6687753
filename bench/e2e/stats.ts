/** Summaries: p50/p95 within a run, the median across repeated runs, and the machine's load while it ran. */
import os from 'node:os';
import { percentile } from '../benchUtil.js';
import type { Infra } from './infra.js';

export interface Spread {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function spread(values: number[]): Spread {
  return { n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** The across-runs median of every numeric field of per-run records (each field independently). */
export function medianOf<T extends Record<string, number>>(runs: T[]): T {
  const keys = Object.keys(runs[0] ?? {}) as (keyof T)[];
  return Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k] as number))])) as T;
}

/** The 1-minute load average: the machine is shared, so every stage records what it competed with. */
export const load1 = () => Number(os.loadavg()[0]!.toFixed(2));

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it answers true; throws with `what` after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/**
 * Runs `work` and answers the CPU milliseconds per unit it cost this process (product and client),
 * PostgreSQL and Redis: where the time goes when a target is missed, independent of the machine's load.
 */
export async function cpuPer<T>(infra: Infra, units: number | ((result: T) => number), work: () => Promise<T>) {
  const before = await infra.cpu();
  const result = await work();
  const after = await settledCpu(infra);
  const n = typeof units === 'number' ? units : units(result);
  const per = (key: keyof typeof before) => Number(((after[key] - before[key]) / n).toFixed(3));
  return { result, cpu: { node_ms: per('nodeMs'), postgres_ms: per('postgresMs'), redis_ms: per('redisMs') } };
}

/**
 * PostgreSQL's CPU as read from /proc lags: the time of backends that just exited (a closed pool) shows
 * up in the postmaster's children times up to ~1 s later. Read until it stops growing (≤ 2 s).
 */
async function settledCpu(infra: Infra) {
  let last = await infra.cpu();
  for (let i = 0; i < 8; i++) {
    await sleep(250);
    const next = await infra.cpu();
    const settled = next.postgresMs - last.postgresMs < 20;
    last = next;
    if (settled) break;
  }
  return last;
}
