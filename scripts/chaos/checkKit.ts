/** Shared types of the final checks: what a check reports and what it needs. */
import type { Knex } from 'knex';
import type { Redis } from 'ioredis';
import type { FaultLog } from './faults.js';
import type { NotificationWatch } from './notificationWatch.js';
import type { Poison } from './poison.js';
import type { BatchRun } from './teachers.js';

export interface Violation {
  check: string;
  batch?: string;
  detail: string;
}

export interface CheckInput {
  knex: Knex;
  redis: Redis;
  runs: BatchRun[];
  faults: FaultLog;
  poisons: Poison[];
  watch: NotificationWatch;
  streamKey: (topic: string) => string;
}

export interface CheckResult {
  violations: Violation[];
  /** Figures worth printing (counts, what was checked and what was skipped, and why). */
  facts: Record<string, unknown>;
  /** Not invariant breaks, but worth a look (e.g. degraded outcomes). */
  findings: string[];
}

export const emptyResult = (): CheckResult => ({ violations: [], facts: {}, findings: [] });

export function merge(results: CheckResult[]): CheckResult {
  return {
    violations: results.flatMap((r) => r.violations),
    facts: Object.assign({}, ...results.map((r) => r.facts)),
    findings: results.flatMap((r) => r.findings),
  };
}

/** Runs that registered a batch, with its id. */
export const submitted = (runs: BatchRun[]) => runs.filter((r): r is BatchRun & { batchId: string } => r.batchId !== null);

export function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
