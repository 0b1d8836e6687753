/** One chaos run, start to verdict: apps up, teachers and faults at once, settle, checks, report. */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Knex } from 'knex';
import { streamKey as contractStreamKey } from '../../src/contracts/index.js';
import { freePort } from '../../src/net.js';
import { SupervisedApp } from './apps.js';
import { merge, type CheckInput, type CheckResult } from './checkKit.js';
import { checkDecisions } from './checkDecisions.js';
import { checkEvents } from './checkEvents.js';
import { checkDeadLetters, checkNotifications, collectFindings } from './checkSideChannels.js';
import { checkBatches, checkEssays, checkJournal } from './checkState.js';
import { noFaults, runFaults, type FaultLog } from './faults.js';
import { observerKnex, type ChaosInfra } from './infra.js';
import { watchNotifications } from './notificationWatch.js';
import { APP_TIMINGS, type ChaosOptions } from './options.js';
import { publishPoison, type Poison } from './poison.js';
import type { ChaosSummary } from './report.js';
import { progress, settle } from './settle.js';
import { checkVersions, deployV2Midway, FIRST_VERSION_ENV } from './versions.js';
import { createDriver, type Driver } from './teachers.js';

const STREAM_PREFIX = 'chaos:';
const APPS_READY_TIMEOUT_MS = 90_000;

export async function runChaos(options: ChaosOptions, infra: ChaosInfra, log: (line: string) => void): Promise<Omit<ChaosSummary, 'command'>> {
  const t0 = Date.now();
  const secret = randomBytes(32).toString('hex');
  const port = await freePort();
  const apps = await startApps(infra, secret, port);
  const knex = observerKnex(infra.databaseUrl);
  const redis = new Redis(infra.redisUrl, { maxRetriesPerRequest: 20 });
  redis.on('error', () => {}); // Redis is restarted on purpose; commands retry, connection errors are expected
  try {
    await allReady(apps);
    const driver = await createDriver(options, `http://127.0.0.1:${port}`, secret);
    const t1 = Date.now();
    log(`apps up, ${driver.teachers.length} teachers with classes and rosters (${t1 - t0} ms); feeding ${options.batches} batches while faults run for ${options.seconds} s`);
    const watch = watchNotifications(knex);
    const { faults, poisons } = await feedUnderFaults(options, { infra, apps, knex, log }, driver);
    await allReady(apps);
    const t2 = Date.now();
    const ids = driver.runs.flatMap((r) => (r.batchId ? [r.batchId] : []));
    const settled = await settle(knex, ids, options.settleSeconds * 1000, (p) => log(`settling: ${JSON.stringify(p.byState)}, outbox unpublished ${p.unpublished}`));
    await driver.stop();
    await watch.stop();
    const t3 = Date.now();
    const input: CheckInput = { knex, redis, runs: driver.runs, faults, poisons, watch, streamKey: (topic) => contractStreamKey(STREAM_PREFIX, topic) };
    const checks = withCrashes(merge([await runChecks(input), await checkVersions(input, ids)]), apps);
    const t4 = Date.now();
    return {
      options, settled,
      timings: { setup_s: secs(t1 - t0), feed_and_faults_s: secs(t2 - t1), settle_s: secs(t3 - t2), checks_s: secs(t4 - t3), total_s: secs(t4 - t0) },
      throughput: await throughput(knex, ids, driver.runs.map((r) => r.registeredAt ?? Infinity)),
      http: driver.http,
      apps: Object.fromEntries(apps.map((a) => [a.spec.name, a.stats])),
      faults: { ...faults, poisoned: poisons.length },
      checks,
    };
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    redis.disconnect();
    await knex.destroy();
  }
}

interface Stage {
  infra: ChaosInfra;
  apps: SupervisedApp[];
  knex: Knex;
  log: (line: string) => void;
}

/** The teachers feed batches for 60 % of the window while the faults run for all of it (unless --no-faults). */
async function feedUnderFaults(options: ChaosOptions, stage: Stage, driver: Driver): Promise<{ faults: FaultLog; poisons: Poison[] }> {
  const { infra, apps, knex, log } = stage;
  const poisons: Poison[] = [];
  const ticker = setInterval(() => void progress(knex).then((p) => log(`batches ${JSON.stringify(p.byState)}, outbox unpublished ${p.unpublished}`), () => {}), 5000);
  const feedMs = options.seconds * 600;
  const deploy = deployV2Midway(apps, feedMs, log); // a third into the feeding time
  const plan = {
    apps, infra, windowMs: options.seconds * 1000, killEveryMs: options.killEvery * 1000, log,
    afterRedisRestart: async () => {
      poisons.push(...(await publishPoison(infra.redisUrl, (topic) => contractStreamKey(STREAM_PREFIX, topic))));
    },
  };
  try {
    const [faults] = await Promise.all([options.faults ? runFaults(plan) : noFaults(), driver.feed(feedMs)]);
    return { faults, poisons };
  } finally {
    clearInterval(ticker);
    clearTimeout(deploy);
  }
}

async function startApps(infra: ChaosInfra, secret: string, port: number): Promise<SupervisedApp[]> {
  const logDir = path.join(infra.dir, 'logs');
  await mkdir(logDir, { recursive: true });
  const env = (name: string, extra: Record<string, string> = {}) => ({
    DATABASE_URL: infra.databaseUrl, REDIS_URL: infra.redisUrl, JWT_SECRET: secret, STREAM_PREFIX, LOG_LEVEL: 'warn',
    DATA_DIR: path.join(infra.dir, `data-${name}`), HOST: '127.0.0.1', PORT: '0', ...APP_TIMINGS, ...extra,
  });
  // Every process also relays the outbox: a killed relay never holds events back for long.
  const apps = [
    new SupervisedApp({ name: 'api', roles: 'api,relay', env: env('api', { PORT: String(port), ...FIRST_VERSION_ENV }) }, logDir),
    new SupervisedApp({ name: 'batch', roles: 'batch,relay', env: env('batch') }, logDir),
    new SupervisedApp({ name: 'matcher', roles: 'matcher,relay', env: env('matcher') }, logDir),
  ];
  for (const app of apps) app.start();
  return apps;
}

async function allReady(apps: SupervisedApp[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`app processes not ready within ${APPS_READY_TIMEOUT_MS} ms: ${apps.filter((a) => !a.isUp).map((a) => a.spec.name).join(', ')}`)), APPS_READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([Promise.all(apps.map((app) => app.untilReady())), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runChecks(input: CheckInput): Promise<CheckResult> {
  const checks = [checkBatches, checkEssays, checkJournal, checkEvents, checkDecisions, checkDeadLetters, checkNotifications, collectFindings];
  const results: CheckResult[] = [];
  for (const check of checks) results.push(await check(input));
  return merge(results);
}

/** A process that died on its own after it was up is a robustness bug, whatever the checks say. */
function withCrashes(checks: CheckResult, apps: SupervisedApp[]): CheckResult {
  const crashes = apps.flatMap((a) => a.stats.crashes);
  return { ...checks, violations: [...checks.violations, ...crashes.map((c) => ({ check: 'process', detail: `${c.app} exited on its own (code ${c.code}, signal ${c.signal}) at ${c.at}` }))] };
}

async function throughput(knex: Knex, ids: string[], registeredAt: number[]) {
  const [row] = (await knex('batches').whereIn('id', ids).max('updated_at as last')) as { last: Date | null }[];
  const [essays] = (await knex('batch_essays').whereIn('batch_id', ids).where({ status: 'provisioned' }).count('* as n')) as { n: string }[];
  const seconds = row?.last ? (row.last.getTime() - Math.min(...registeredAt)) / 1000 : Number.NaN;
  const n = Number(essays?.n ?? 0);
  return {
    essays: n, batches: ids.length, first_registration_to_last_final_s: round(seconds),
    essays_per_s: round(n / seconds), batches_per_s: round(ids.length / seconds),
  };
}

const secs = (ms: number) => round(ms / 1000);
const round = (x: number) => Math.round(x * 10) / 10;
