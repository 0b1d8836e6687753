/**
 * The fault schedule over the feeding window: a random app process SIGKILLed every few seconds (restarted
 * after a pause), Redis restarted once at 30 % of the window (data lost), poisoned messages published just
 * after it (so the restart cannot erase them), PostgreSQL restarted once at 60 %.
 */
import type { SupervisedApp } from './apps.js';
import type { ChaosInfra } from './infra.js';

export interface Kill {
  app: string;
  at: string;
  restartAfterMs: number;
}

export interface FaultLog {
  kills: Kill[];
  /** Epoch ms the fresh Redis accepted connections: stream entries from before are gone. */
  redisReadyAt: number | null;
  redisRestartedAt: string | null;
  postgresRestartedAt: string | null;
  postgresDownMs: number | null;
  errors: string[];
}

export interface FaultPlan {
  apps: SupervisedApp[];
  infra: ChaosInfra;
  windowMs: number;
  killEveryMs: number;
  afterRedisRestart: () => Promise<void>;
  log?: (line: string) => void;
}

const POSTGRES_DOWN_MS = 1500;

/** The log of a baseline run (--no-faults). */
export async function noFaults(): Promise<FaultLog> {
  return { kills: [], redisReadyAt: null, redisRestartedAt: null, postgresRestartedAt: null, postgresDownMs: null, errors: [] };
}

export async function runFaults(plan: FaultPlan): Promise<FaultLog> {
  const log: FaultLog = { kills: [], redisReadyAt: null, redisRestartedAt: null, postgresRestartedAt: null, postgresDownMs: null, errors: [] };
  const started = Date.now();
  const end = started + plan.windowMs;
  await Promise.all([
    killLoop(plan, log, end),
    at(started + plan.windowMs * 0.3, () => restartRedis(plan, log)),
    at(started + plan.windowMs * 0.6, () => restartPostgres(plan, log)),
  ]);
  return log;
}

async function killLoop(plan: FaultPlan, log: FaultLog, end: number): Promise<void> {
  for (;;) {
    await sleep(plan.killEveryMs * (0.5 + Math.random()));
    if (Date.now() >= end) return;
    const up = plan.apps.filter((app) => app.isUp);
    const victim = up[Math.floor(Math.random() * up.length)];
    const restartAfterMs = Math.round(300 + Math.random() * 1200);
    if (victim?.kill(restartAfterMs)) {
      log.kills.push({ app: victim.spec.name, at: new Date().toISOString(), restartAfterMs });
      plan.log?.(`SIGKILL ${victim.spec.name} (restart in ${restartAfterMs} ms)`);
    }
  }
}

async function restartRedis(plan: FaultPlan, log: FaultLog): Promise<void> {
  plan.log?.('SIGKILL redis-server, start an empty one on the same port');
  log.redisRestartedAt = new Date().toISOString();
  try {
    await plan.infra.restartRedis();
    log.redisReadyAt = Date.now();
    await sleep(1000);
    await plan.afterRedisRestart();
  } catch (error) {
    log.errors.push(`redis restart: ${String(error)}`);
  }
}

async function restartPostgres(plan: FaultPlan, log: FaultLog): Promise<void> {
  plan.log?.(`fast stop of PostgreSQL, ${POSTGRES_DOWN_MS} ms down, start on the same data dir`);
  log.postgresRestartedAt = new Date().toISOString();
  const started = Date.now();
  try {
    await plan.infra.restartPostgres(POSTGRES_DOWN_MS);
    log.postgresDownMs = Date.now() - started;
  } catch (error) {
    log.errors.push(`postgres restart: ${String(error)}`);
  }
}

async function at(epochMs: number, work: () => Promise<void>): Promise<void> {
  await sleep(Math.max(0, epochMs - Date.now()));
  await work();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
