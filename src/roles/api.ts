import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthFromConfig, type VerifyToken } from '../auth/index.js';
import { BATCH_API_PREFIX, batchRouteTable } from '../batches/index.js';
import { createClassManagement } from '../classes/index.js';
import { createHttpApp } from '../http/app.js';
import { createOpenApiRegistry, createOpenApiRouter } from '../http/openapi.js';
import { mountRoutes } from '../http/routeKit.js';
import { listenConnectionOf } from '../notifications/listener.js';
import { createNotificationPurge } from '../notifications/purge.js';
import { OPS_API_PREFIX, opsRouteTable } from '../ops/index.js';
import { createPagesRouter } from '../pages/router.js';
import type { RoleContext as ServiceContext } from './context.js';
import { attachWebSocketHub } from '../ws/index.js';
import { healthRoutesOf } from './healthListener.js';

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/** The api role: REST (/v1), OpenAPI (/openapi.json, /docs), health and metrics. */
export async function startApi(ctx: ServiceContext): Promise<RunningApi> {
  const auth = await createAuthFromConfig(ctx.config);
  const { quotas } = ctx;
  const classes = await createClassManagement({
    knex: ctx.knex, config: ctx.config, logger: ctx.logger, auth, quotas, streamKey: ctx.streamKey, onOutboxWritten: ctx.nudgeRelay,
    rosterCache: { connection: listenConnectionOf(ctx.knex) },
  });
  const batchRoutes = batchRouteTable({ store: ctx.batchStore, runtime: ctx.runtime, logger: ctx.logger, config: ctx.config, streamKey: ctx.streamKey, now: () => new Date(), untrusted: ctx.untrusted() });
  const openapi = createOpenApiRegistry({ title: 'Essay student matching', version: '0.1.0' });
  openapi.register(classes.prefix, classes.routes);
  openapi.register(BATCH_API_PREFIX, batchRoutes);
  const opsRoutes = opsRouteTable({ knex: ctx.knex, batches: ctx.batchStore, bus: ctx.bus, streamKey: ctx.streamKey, runtime: ctx.runtime, sourceService: ctx.config.SERVICE_NAME });
  openapi.register(OPS_API_PREFIX, opsRoutes);
  const health = healthRoutesOf(ctx);
  const app = createHttpApp({
    logger: ctx.logger,
    routers: [
      { path: '/', router: health },
      { path: '/', router: createOpenApiRouter(openapi) },
      { path: '/', router: createPagesRouter() },
      { path: classes.prefix, router: classes.router },
      { path: BATCH_API_PREFIX, router: mountRoutes(batchRoutes, auth, { quotas }) },
      { path: OPS_API_PREFIX, router: mountRoutes(opsRoutes, auth, { quotas }) },
    ],
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(ctx.config.PORT, ctx.config.HOST, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const { hub, purge } = await startLivePush(ctx, server, auth.verifyToken);
  return {
    url: `http://${ctx.config.HOST}:${port}`,
    async close() {
      await hub.close(); // first: open websockets would keep server.close() waiting
      await purge.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await classes.close();
    },
  };
}

/** `/ws` on the same server and token verifier as REST, and the purge of notifications past retention. */
async function startLivePush(ctx: ServiceContext, server: Server, verifyToken: VerifyToken) {
  const hub = await attachWebSocketHub({
    server,
    knex: ctx.knex,
    logger: ctx.logger,
    verifyToken,
    connection: listenConnectionOf(ctx.knex),
    heartbeatMs: ctx.config.WS_HEARTBEAT_INTERVAL,
    maxSocketsPerUser: ctx.config.WS_MAX_SOCKETS_PER_USER,
    metrics: ctx.metrics.registry,
  });
  const purge = createNotificationPurge({ knex: ctx.knex, logger: ctx.logger, retentionMs: ctx.config.NOTIFICATION_RETENTION });
  purge.start();
  return { hub, purge };
}
