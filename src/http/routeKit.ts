import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import multer from 'multer';
import { STATUS_CODES } from 'node:http';
import type { z } from 'zod';
import type { Authenticator, Principal, PrincipalRole } from '../auth/index.js';
import { principalOf } from '../auth/index.js';
import { traceRoute } from '../telemetry/http.js';
import { scopedIdempotencyId } from './idempotency.js';
import type { QuotaName, Quotas } from './quotas.js';
import type { ApiOperation } from './openapi.js';
import { HttpError, toHttpError } from './problem.js';
import { parseRequest } from './validate.js';

// A route is data: its zod schemas (validation + OpenAPI), its roles (auth + the authorization matrix
// test) and a handler. Every feature's /v1 routes are declared with it.

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  /** The undecoded body of `rawBody` routes (e.g. CSV uploads). */
  raw: Buffer | undefined;
  /** The files of `multipart` routes. */
  files: UploadedPart[];
  /** Request headers (lower-case names), e.g. If-Match. */
  headers: Record<string, string | undefined>;
  /** The Idempotency-Key scoped to (caller, route) as an inbox message id; never the raw client value. */
  idempotencyKey: string | undefined;
  correlationId: string;
}

export interface UploadedPart {
  fieldName: string;
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

export interface MultipartOptions {
  /** Hard cap per file; a larger file fails the whole request with 413 (per-file limits are the handler's). */
  maxFileBytes: number;
  maxFiles: number;
}

interface RouteDefinition<P, Q, B> extends Omit<ApiOperation, 'params' | 'query' | 'body' | 'roles'> {
  roles: readonly PrincipalRole[];
  /** Reads may be open to operators/services; writes are for owners only. */
  access: 'read' | 'write';
  /** The caller's budget a write spends (default `command`); reads spend none. */
  quota?: QuotaName;
  params?: P;
  query?: Q;
  body?: B;
  rawBody?: { contentType: string; schema: z.ZodType; limit: string };
  multipart?: MultipartOptions;
  handle(input: RouteInput<Out<P>, Out<Q>, Out<B>>): Promise<Reply>;
}

export interface ApiRoute extends ApiOperation {
  roles: readonly PrincipalRole[];
  access: 'read' | 'write';
  quota?: QuotaName;
  rawBody?: { contentType: string; limit: string };
  multipart?: MultipartOptions;
  run(req: Request): Promise<Reply>;
}

export function defineRoute<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(definition: RouteDefinition<P, Q, B>): ApiRoute {
  const { handle, rawBody, ...operation } = definition;
  return {
    ...operation,
    params: definition.params,
    query: definition.query,
    body: definition.body ? { schema: definition.body } : rawBody,
    rawBody: rawBody && { contentType: rawBody.contentType, limit: rawBody.limit },
    run: async (req) => {
      const parse = <S extends z.ZodType | undefined>(schema: S | undefined, part: 'params' | 'query' | 'body') =>
        (schema ? parseRequest(schema, req, part) : undefined) as Out<S>;
      if (rawBody && !Buffer.isBuffer(req.body)) {
        throw new HttpError(415, 'Unsupported Media Type', `send the file itself with Content-Type: ${rawBody.contentType}`);
      }
      const principal = principalOf(req);
      return handle({
        principal,
        params: parse<P>(definition.params, 'params'),
        query: parse<Q>(definition.query, 'query'),
        body: parse<B>(definition.body, 'body'),
        raw: rawBody ? (req.body as Buffer) : undefined,
        files: filesOf(req),
        headers: req.headers as Record<string, string | undefined>,
        idempotencyKey: scopedIdempotencyId(req, principal.userId),
        correlationId: req.correlationId,
      });
    },
  };
}

export interface MountOptions {
  /** Per-user budgets for writes (the running service always passes them; narrow test harnesses may not). */
  quotas?: Quotas;
  /** Largest JSON body (body-parser syntax); default JSON_BODY_LIMIT. */
  jsonLimit?: string;
}

/** The largest JSON body a route reads: the biggest real one (a confirm of 100 essays) is a few KB. */
export const JSON_BODY_LIMIT = '256kb';

/** Mounts routes in table order: authenticate first, then spend the caller's budget, then read the body, then validate and handle. */
export function mountRoutes(routes: readonly ApiRoute[], auth: Authenticator, options: MountOptions = {}): Router {
  const router = express.Router();
  for (const route of routes) {
    const budget = options.quotas && route.access === 'write' ? [spend(options.quotas, route.quota ?? 'command')] : [];
    // Bodies are read only after authentication and the budget (ARCHITECTURE §8): a stranger costs us a 401, not a parse.
    const bodyParsers = route.rawBody
      ? [express.raw({ type: (req) => !isJson(req), limit: route.rawBody.limit })] // a JSON body is left unread: 415 below
      : route.multipart
        ? [multipartParser(route.multipart)]
        : route.body
          ? [express.json({ limit: options.jsonLimit ?? JSON_BODY_LIMIT })]
          : [];
    router[route.method](route.path, traceRoute(route.path), auth.requireAuth(route.roles), ...budget, ...bodyParsers, async (req, res) => {
      const reply = await route.run(req);
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      res.status(reply.status).json(reply.body);
    });
  }
  router.use(clientErrors);
  return router;
}

const isJson = (req: { headers: Record<string, unknown> }) => /^application\/(?:[\w.+-]*\+)?json\b/i.test(String(req.headers['content-type'] ?? ''));

const spend = (quotas: Quotas, name: QuotaName): RequestHandler => async (req, _res, next) => {
  await quotas.consume(name, principalOf(req).userId);
  next();
};

/**
 * Express and body-parser report client mistakes as errors carrying a 4xx `status` (a malformed
 * %-escape in a path, an unsupported charset); the shared problem handler only knows its own errors
 * and would answer 500. Errors raised before this router (the app's JSON parser) need the same fix there.
 */
const clientErrors: ErrorRequestHandler = (error, _req, _res, next) => {
  const status = (error as { status?: unknown } | null)?.status;
  if (toHttpError(error).status < 500) return next(error); // ours, or a body-parser error the shared mapping words better
  if (typeof status !== 'number' || status < 400 || status > 499) return next(error);
  next(new HttpError(status, STATUS_CODES[status] ?? 'Client Error', error instanceof Error ? error.message : 'invalid request'));
};

/** multer in memory: essays are small and their text goes to PostgreSQL, never to local disk. */
function multipartParser(options: MultipartOptions): RequestHandler {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: options.maxFileBytes, files: options.maxFiles } }).any();
  return (req, res, next) =>
    upload(req, res, (error: unknown) => {
      if (!error) return next();
      if (error instanceof multer.MulterError) return next(multerProblem(error, options));
      next(error);
    });
}

function multerProblem(error: multer.MulterError, options: MultipartOptions): HttpError {
  if (error.code === 'LIMIT_FILE_SIZE') return new HttpError(413, 'Content Too Large', `a file is larger than ${options.maxFileBytes} bytes`);
  if (error.code === 'LIMIT_FILE_COUNT') return new HttpError(409, 'Conflict', `at most ${options.maxFiles} files per request`, { max_files: options.maxFiles });
  return new HttpError(400, 'Bad Request', `invalid multipart body: ${error.message}`);
}

function filesOf(req: Request): UploadedPart[] {
  const files = (req as Request & { files?: Express.Multer.File[] }).files ?? [];
  return files.map((f) => ({ fieldName: f.fieldname, filename: Buffer.from(f.originalname, 'latin1').toString('utf8'), mimeType: f.mimetype, bytes: f.buffer }));
}
