/**
 * Issue 14: a chaos run is also a deploy. The api process starts new batches on batch machine v1
 * (NEW_BATCH_VERSION=1) and is redeployed to v2 a third into the window (SIGKILL, restarted with the new
 * setting), so v1 and v2 batches run, fail over and drain side by side. The check then wants both.
 */
import type { SupervisedApp } from './apps.js';
import { emptyResult, type CheckInput, type CheckResult } from './checkKit.js';

export const FIRST_VERSION_ENV = { NEW_BATCH_VERSION: '1' };

export function deployV2Midway(apps: SupervisedApp[], windowMs: number, log: (line: string) => void): NodeJS.Timeout {
  return setTimeout(() => {
    const api = apps.find((a) => a.spec.name === 'api');
    if (!api) return;
    api.spec.env.NEW_BATCH_VERSION = '2';
    api.kill(300);
    log('deploy: the api restarts and starts new batches on batch v2 (v1 batches stay pinned)');
  }, Math.round(windowMs / 3));
}

export async function checkVersions(input: CheckInput, batchIds: string[]): Promise<CheckResult> {
  const result = emptyResult();
  const rows = (await input.knex('batches').whereIn('id', batchIds).select('machine_version').count({ n: '*' }).groupBy('machine_version')) as { machine_version: number; n: string }[];
  const byVersion = Object.fromEntries(rows.map((r) => [`v${r.machine_version}`, Number(r.n)]));
  result.facts.batches_by_machine_version = byVersion;
  if (batchIds.length >= 4 && (!byVersion.v1 || !byVersion.v2)) {
    result.violations.push({ check: 'versions', detail: `expected batches on both v1 and v2 after the mid-run deploy, got ${JSON.stringify(byVersion)}` });
  }
  return result;
}
