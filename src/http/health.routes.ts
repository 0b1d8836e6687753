import { Router } from 'express';
import type { Registry } from 'prom-client';
import { sameSecret } from '../auth/index.js';
import { unauthorized } from './problem.js';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/** /healthz = the process answers; /readyz = its dependencies answer (503 names the failing part). */
export function createHealthRoutes(options: { checks: ReadinessCheck[]; registry: Registry; metricsToken?: string | undefined }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(options.checks.map(runCheck));
    const failing = results.filter((r) => r.status !== 'ok');
    res.status(failing.length ? 503 : 200).json({
      status: failing.length ? 'unavailable' : 'ready',
      ...(failing.length ? { detail: `not ready: ${failing.map((f) => `${f.name} (${f.error})`).join(', ')}` } : {}),
      checks: results,
    });
  });
  // Issue 10: metrics name queues, states and volumes; METRICS_TOKEN keeps them for the scraper.
  router.get('/metrics', async (req, res) => {
    if (options.metricsToken && !sameSecret(bearerOf(req.header('authorization')), options.metricsToken)) {
      throw unauthorized('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    res.type(options.registry.contentType).send(await options.registry.metrics());
  });
  return router;
}

const bearerOf = (header: string | undefined) => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

async function runCheck(check: ReadinessCheck): Promise<{ name: string; status: 'ok' | 'failing'; error?: string }> {
  try {
    await withTimeout(check.check(), 2_000);
    return { name: check.name, status: 'ok' };
  } catch (error) {
    return { name: check.name, status: 'failing', error: error instanceof Error ? error.message : String(error) };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
