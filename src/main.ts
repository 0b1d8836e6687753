/**
 * The only composition root: config → logger → PostgreSQL → bus → runtime → roles.
 * Nothing runs at import time; scripts/start.ts calls startService().
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Knex } from 'knex';
import { ActorRegistry, type ActorDefinition } from '../actors/actorDefinition.js';
import { createActorRuntime, type ActorRuntime } from '../actors/actorRuntime.js';
import { createOutboxRelay } from '../actors/outboxRelay.js';
import type { PollingLoop } from '../actors/pollingLoop.js';
import { createTimerPoller } from '../actors/timerPoller.js';
import type { Config, Role } from './config.js';
import { createStores } from './db/stores.js';
import { openDatabase, type Database } from './db/database.js';
import { createKnex, migrateLatest, migrationsAreCurrent } from './db/knex.js';
import { createHttpApp, type MountedRouter } from './http/app.js';
import { createHealthRoutes } from './http/health.routes.js';
import type { Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { openBus } from './streams/openBus.js';
import type { StreamBus, Subscription } from './streams/bus.js';

export interface Service {
  url: string | null;
  config: Config;
  knex: Knex;
  bus: StreamBus;
  runtime: ActorRuntime;
  database: Database;
  stop(): Promise<void>;
}

export interface ServiceExtensions {
  /** Machines this process runs (the batch machine arrives with issue 4; tests register their own). */
  definitions?: ActorDefinition[];
  routers?: MountedRouter[];
  /** Stream subscriptions for the batch role, started once the runtime exists. */
  subscriptions?: (ctx: { bus: StreamBus; runtime: ActorRuntime; knex: Knex; consumer: string }) => Promise<Subscription[]>;
}

export async function startService(config: Config, logger: Logger, extensions: ServiceExtensions = {}): Promise<Service> {
  const database = await openDatabase(config, logger);
  const knex = createKnex(database.url);
  const applied = await migrateLatest(knex);
  if (applied.length) logger.info('migrations applied', { migrations: applied });
  const bus = await openBus(config, knex, logger);
  const stores = createStores(database.url, knex);
  const streams: string[] = [];
  const metrics = createMetrics({ knex, bus, streams: () => streams });
  const loops: PollingLoop[] = [];
  const relay = has(config, 'relay') ? createOutboxRelay({ store: stores.outbox, publisher: bus, logger, intervalMs: config.OUTBOX_POLL_INTERVAL }) : null;
  const runtime = createActorRuntime({
    store: stores.actors,
    registry: new ActorRegistry(extensions.definitions ?? []),
    effects: {
      sourceService: config.SERVICE_NAME,
      streamKey: (topic) => `${config.STREAM_PREFIX}${topic}`,
      timerDurations: { validation: config.VALIDATION_TIMEOUT, matching: config.MATCHING_TIMEOUT, provisioning: config.PROVISIONING_TIMEOUT },
      now: () => new Date(),
    },
    logger,
    metrics: metrics.runtime,
    onCommitted: () => relay?.nudge(),
  });
  if (relay) loops.push(relay);
  if (has(config, 'batch')) {
    loops.push(createTimerPoller({ store: stores.timers, runtime, logger, sourceService: config.SERVICE_NAME, intervalMs: config.TIMER_POLL_INTERVAL }));
  }
  const consumer = config.CONSUMER_NAME ?? `${hostname()}-${process.pid}`;
  const subscriptions = has(config, 'batch') && extensions.subscriptions ? await extensions.subscriptions({ bus, runtime, knex, consumer }) : [];
  for (const loop of loops) loop.start();
  const server = has(config, 'api') ? await listen(config, logger, extensions.routers ?? [], metrics.registry, { knex, bus }) : null;
  logger.info('service started', { roles: config.ROLES, url: server?.url ?? null, embedded_postgres: database.embedded, bus: config.REDIS_URL ? 'redis' : 'in-process' });
  return {
    url: server?.url ?? null,
    config,
    knex,
    bus,
    runtime,
    database,
    async stop() {
      await server?.close();
      await Promise.all(subscriptions.map((s) => s.stop()));
      await Promise.all(loops.map((loop) => loop.stop()));
      await bus.close();
      await stores.actors.close();
      await knex.destroy();
      await database.stop();
    },
  };
}

const has = (config: Config, role: Role) => config.ROLES.includes(role);

async function listen(
  config: Config,
  logger: Logger,
  routers: MountedRouter[],
  registry: ReturnType<typeof createMetrics>['registry'],
  deps: { knex: Knex; bus: StreamBus },
): Promise<{ url: string; close: () => Promise<void> }> {
  const health = createHealthRoutes({
    registry,
    checks: [
      { name: 'database', check: async () => void (await deps.knex.raw('select 1')) },
      { name: 'migrations', check: async () => { if (!(await migrationsAreCurrent(deps.knex))) throw new Error('migrations pending'); } },
      { name: 'bus', check: () => deps.bus.ping() },
    ],
  });
  const app = createHttpApp({ logger, routers: [{ path: '/', router: health }, ...routers] });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.HOST}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
