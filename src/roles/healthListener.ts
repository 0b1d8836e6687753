import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrationsAreCurrent } from '../db/knex.js';
import { createHealthRoutes } from '../http/health.routes.js';
import type { RoleContext as ServiceContext } from './context.js';

/** /healthz, /readyz (database, migrations, bus) and /metrics of this process. */
export function healthRoutesOf(ctx: Pick<ServiceContext, 'knex' | 'bus' | 'metrics' | 'config'>) {
  return createHealthRoutes({
    registry: ctx.metrics.registry,
    metricsToken: ctx.config.METRICS_TOKEN,
    checks: [
      { name: 'database', check: async () => void (await ctx.knex.raw('select 1')) },
      { name: 'migrations', check: async () => { if (!(await migrationsAreCurrent(ctx.knex))) throw new Error('migrations pending'); } },
      { name: 'bus', check: () => ctx.bus.ping() },
    ],
  });
}

export interface HealthListener {
  url: string;
  close(): Promise<void>;
}

/**
 * Issue 15: a process without the api role (a `batch,matcher,relay` worker) applies events, matches and relays,
 * so its counters and histograms (apply latency, confidences, confirmations) exist only in its own registry.
 * With METRICS_PORT set it serves the health routes and /metrics there, for Prometheus and probes.
 */
export async function startHealthListener(ctx: Pick<ServiceContext, 'knex' | 'bus' | 'metrics' | 'config'>, port: number): Promise<HealthListener> {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutesOf(ctx));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(port, ctx.config.HOST, () => resolve(s));
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${ctx.config.HOST}:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
