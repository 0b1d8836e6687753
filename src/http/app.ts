import express, { type Router } from 'express';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import { notFoundRoute, problemHandler } from './problem.js';
import { securityHeaders } from './securityHeaders.js';

export interface MountedRouter {
  path: string;
  router: Router;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** From X-Correlation-ID when it is a UUID, else a new one; flows into every event this request causes. */
    correlationId: string;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The Express app: security headers, correlation ids, the given routers (they read their own bodies), problem+json errors. */
export function createHttpApp(options: { logger: Logger; routers: MountedRouter[] }): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(securityHeaders());
  app.use((req, res, next) => {
    const header = req.header('x-correlation-id');
    req.correlationId = header && UUID.test(header) ? header : randomUUID();
    res.setHeader('X-Correlation-ID', req.correlationId);
    next();
  });
  for (const { path, router } of options.routers) app.use(path, router);
  app.use(notFoundRoute);
  app.use(
    problemHandler((error, req, problem, crashed) =>
      // A mapped 5xx (a batch this deploy cannot read, the JWKS down, …) is named as such: on-call should not chase a crash.
      options.logger.error(crashed ? 'unhandled error in request' : `request answered ${problem.status}: ${(error as Error).name}`, {
        correlation_id: req.correlationId,
        method: req.method,
        path: req.path,
        error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error),
      }),
    ),
  );
  return app;
}
