import { context, type Span } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import type { RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { annotateActiveSpan, ATTR_BATCH_ID, ATTR_CORRELATION_ID } from '../../actors/telemetry.js';

/**
 * Express middleware for one route (mounted by src/http/routeKit.ts before auth): names the request's span by its
 * route template (semantic conventions: `http.route`, span `METHOD route`) and tags `batch.id` for
 * `/v1/batches/:batchId/…`. Done when the route matches because Express restores `baseUrl` and `params` when an
 * error leaves the router, and its own instrumentation does not hook ES-module imports.
 */
export function traceRoute(template: string): RequestHandler {
  return (req, _res, next) => {
    const rpc = getRPCMetadata(context.active());
    if (rpc?.type === RPCType.HTTP) rpc.route = `${req.baseUrl}${template}`;
    const batchId = req.params.batchId;
    if (typeof batchId === 'string') annotateActiveSpan({ [ATTR_BATCH_ID]: batchId });
    next();
  };
}

/** Called by the HTTP instrumentation when the response has finished. */
export function annotateServerSpan(span: Span, request: IncomingMessage & { correlationId?: string }): void {
  if (request.correlationId) span.setAttribute(ATTR_CORRELATION_ID, request.correlationId);
}
