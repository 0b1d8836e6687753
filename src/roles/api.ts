import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthFromConfig } from '../auth/index.js';
import { BATCH_API_PREFIX, batchRouteTable } from '../batches/index.js';
import { createClassManagement } from '../classes/index.js';
import { migrationsAreCurrent } from '../db/knex.js';
import { createHttpApp } from '../http/app.js';
import { createHealthRoutes } from '../http/health.routes.js';
import { createOpenApiRegistry, createOpenApiRouter } from '../http/openapi.js';
import { mountRoutes } from '../http/routeKit.js';
import { createPagesRouter } from '../pages/router.js';
import type { ServiceContext } from '../main.js';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/** The api role: REST (/v1), OpenAPI (/openapi.json, /docs), health and metrics. */
export async function startApi(ctx: ServiceContext): Promise<RunningApi> {
  const auth = await createAuthFromConfig(ctx.config);
  const classes = await createClassManagement({ knex: ctx.knex, config: ctx.config, logger: ctx.logger, auth, streamKey: ctx.streamKey, onOutboxWritten: ctx.nudgeRelay });
  const batchRoutes = batchRouteTable({ knex: ctx.knex, runtime: ctx.runtime, logger: ctx.logger, config: ctx.config, streamKey: ctx.streamKey, now: () => new Date() });
  const openapi = createOpenApiRegistry({ title: 'Essay student matching', version: '0.1.0' });
  openapi.register(classes.prefix, classes.routes);
  openapi.register(BATCH_API_PREFIX, batchRoutes);
  const health = createHealthRoutes({
    registry: ctx.metrics.registry,
    checks: [
      { name: 'database', check: async () => void (await ctx.knex.raw('select 1')) },
      { name: 'migrations', check: async () => { if (!(await migrationsAreCurrent(ctx.knex))) throw new Error('migrations pending'); } },
      { name: 'bus', check: () => ctx.bus.ping() },
    ],
  });
  const app = createHttpApp({
    logger: ctx.logger,
    routers: [
      { path: '/', router: health },
      { path: '/', router: createOpenApiRouter(openapi) },
      { path: '/', router: createPagesRouter() },
      { path: classes.prefix, router: classes.router },
      { path: BATCH_API_PREFIX, router: mountRoutes(batchRoutes, auth) },
    ],
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(ctx.config.PORT, ctx.config.HOST, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${ctx.config.HOST}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
