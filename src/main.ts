/**
 * The only composition root: config → logger → PostgreSQL → bus → runtime → roles.
 * Nothing runs at import time; scripts/start.ts calls startService().
 */
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { ActorRegistry, type ActorDefinition } from '../actors/actorDefinition.js';
import { createActorRuntime, type ActorRuntime } from '../actors/actorRuntime.js';
import { createOutboxRelay } from '../actors/outboxRelay.js';
import type { PollingLoop } from '../actors/pollingLoop.js';
import { createTimerPoller } from '../actors/timerPoller.js';
import { BATCH_DEFINITIONS, createBatchInterpreter, createPgBatchStore, type BatchOperatorReads, type BatchStore } from './batches/index.js';
import type { Config, Role } from './config.js';
import { ALL_TOPICS, streamKey as contractStreamKey } from './contracts/index.js';
import { openDatabase, type Database } from './db/database.js';
import { createKnex, migrateLatest } from './db/knex.js';
import { createQuotas } from './http/quotas.js';
import { createStores } from './db/stores.js';
import type { Logger } from './logger.js';
import { registerDomainMetrics } from './domainMetrics.js';
import { createMetrics } from './metrics.js';
import { startApi, type RunningApi } from './roles/api.js';
import type { RoleContext } from './roles/context.js';
import { startBatchRole } from './roles/batch.js';
import { startHealthListener } from './roles/healthListener.js';
import { startMatcherRole } from './roles/matcher.js';
import { createStreamTrimmer } from './roles/trimmer.js';
import type { StreamBus, Subscription } from './streams/bus.js';
import { openBus } from './streams/openBus.js';
import { createUntrustedPool, untrustedPoolOptions, type UntrustedPool } from './untrusted/index.js';

export interface Service {
  url: string | null;
  /** Where /metrics is served: the api's url, or the METRICS_PORT listener of a process without the api role. */
  metricsUrl: string | null;
  config: Config;
  knex: Knex;
  /** The batch tables' adapter (bench:e2e registers batches through it, like POST /v1/batches). */
  batchStore: BatchStore & BatchOperatorReads;
  bus: StreamBus;
  runtime: ActorRuntime;
  database: Database;
  /** The process's Prometheus registry (bench:e2e reads the group-commit histogram from it). */
  metrics: ReturnType<typeof createMetrics>['registry'];
  /** The untrusted-work pool (created on first use; the api and matcher roles use it). */
  untrusted(): UntrustedPool;
  stop(): Promise<void>;
}

export async function startService(config: Config, logger: Logger, options: { definitions?: ActorDefinition[] } = {}): Promise<Service> {
  const database = await openDatabase(config, logger);
  const knex = createKnex(database.url);
  const applied = await migrateLatest(knex);
  if (applied.length) logger.info('migrations applied', { migrations: applied });
  const bus = await openBus(config, knex, logger);
  const streamKey = (topic: string) => contractStreamKey(config.STREAM_PREFIX, topic);
  const metrics = createMetrics({ knex, bus, streams: () => ALL_TOPICS.map(streamKey) });
  const observe = registerDomainMetrics(metrics.registry, knex);
  const stores = createStores(database.url, knex, (error) => logger.warn('an idle PostgreSQL connection was closed; it will be replaced', { error: error.message }));
  // The batch tables' one adapter, shared by the interpreter (projections) and the roles (REST, timeout policy).
  const batchStore = createPgBatchStore(knex);
  // Rate-limit counters on their own small pool without the commit's fsync: every write request spends one, and
  // losing the last few hundred ms of counts in a PostgreSQL crash only lets a few requests more through.
  const counters = createKnex(database.url, { poolMax: 4, asyncCommit: true });
  const quotas = createQuotas(counters, config);
  const loops: PollingLoop[] = [];
  const relay = has(config, 'relay') ? createOutboxRelay({ store: stores.outbox, publisher: bus, logger, intervalMs: config.OUTBOX_POLL_INTERVAL }) : null;
  const runtime = createActorRuntime({
    store: stores.actors,
    registry: new ActorRegistry([...BATCH_DEFINITIONS, ...(options.definitions ?? [])]),
    effects: {
      sourceService: config.SERVICE_NAME,
      streamKey,
      timerDurations: { validation: config.VALIDATION_TIMEOUT, matching: config.MATCHING_TIMEOUT, provisioning: config.PROVISIONING_TIMEOUT, policy: config.MATCHING_TIMEOUT },
      now: () => new Date(),
    },
    interpreter: createBatchInterpreter({ store: batchStore, sourceService: config.SERVICE_NAME, streamKey, now: () => new Date(), observe }),
    logger,
    metrics: metrics.runtime,
    onCommitted: () => relay?.nudge(),
  });
  let pool: UntrustedPool | null = null;
  const untrusted = () => (pool ??= createUntrustedPool(untrustedPoolOptions(config)));
  const ctx: RoleContext = {
    config, logger, knex, batchStore, quotas, bus, runtime, metrics, streamKey,
    consumer: config.CONSUMER_NAME ?? `${hostname()}-${process.pid}`,
    nudgeRelay: () => relay?.nudge(),
    untrusted,
  };
  // Started before any role takes work, so the first upload or essay does not wait for worker threads to boot.
  if (has(config, 'api') || has(config, 'matcher')) await untrusted().ready();
  const subscriptions: Subscription[] = [];
  if (relay) loops.push(relay, createStreamTrimmer(ctx));
  if (has(config, 'batch')) {
    loops.push(createTimerPoller({ store: stores.timers, runtime, logger, sourceService: config.SERVICE_NAME, intervalMs: config.TIMER_POLL_INTERVAL }));
    subscriptions.push(...(await startBatchRole(ctx)));
  }
  if (has(config, 'matcher')) subscriptions.push(...(await startMatcherRole(ctx)));
  for (const loop of loops) loop.start();
  const api: RunningApi | null = has(config, 'api') ? await startApi(ctx) : null;
  const healthListener = !api && config.METRICS_PORT !== undefined ? await startHealthListener(ctx, config.METRICS_PORT) : null;
  logger.info('service started', { roles: config.ROLES, url: api?.url ?? null, embedded_postgres: database.embedded, bus: config.REDIS_URL ? 'redis' : 'in-process', metrics_url: healthListener?.url ?? null });
  return {
    url: api?.url ?? null,
    metricsUrl: api?.url ?? healthListener?.url ?? null,
    config,
    knex,
    batchStore,
    bus,
    runtime,
    database,
    metrics: metrics.registry,
    untrusted,
    async stop() {
      await api?.close();
      await healthListener?.close();
      await Promise.all(subscriptions.map((s) => s.stop()));
      await pool?.close();
      await Promise.all(loops.map((loop) => loop.stop()));
      await bus.close();
      await stores.actors.close();
      await counters.destroy();
      await knex.destroy();
      await database.stop();
    },
  };
}

const has = (config: Config, role: Role) => config.ROLES.includes(role);
