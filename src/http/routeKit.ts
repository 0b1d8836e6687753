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
import { uploadNameProblem } from './uploadName.js';
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

export interface MultipartOptions<P = unknown> {
  /** Hard cap per file; a larger file fails the whole request with 413 (per-file limits are the handler's). */
  maxFileBytes: number;
  maxFiles: number;
  /** The whole request, judged from Content-Length before a byte of the body is read (issue 10). */
  maxRequestBytes: number;
  /**
   * Runs after authentication and before the body is read (issue 10 item 4): ownership and state checks that
   * throw a 4xx, and the number of files this request may carry.
   */
  admit?(principal: Principal, params: P): Promise<{ maxFiles: number }>;
}

/** The route's multipart options with `admit` bound to the request's parsed params. */
interface MountedMultipart extends Omit<MultipartOptions, 'admit'> {
  admit?(req: Request): Promise<{ maxFiles: number }>;
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
  multipart?: MultipartOptions<Out<P>>;
  handle(input: RouteInput<Out<P>, Out<Q>, Out<B>>): Promise<Reply>;
}

export interface ApiRoute extends ApiOperation {
  roles: readonly PrincipalRole[];
  access: 'read' | 'write';
  quota?: QuotaName;
  rawBody?: { contentType: string; limit: string };
  multipart?: MountedMultipart;
  run(req: Request): Promise<Reply>;
}

export function defineRoute<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(definition: RouteDefinition<P, Q, B>): ApiRoute {
  const { handle, rawBody, multipart, ...operation } = definition;
  const parseParams = (req: Request) => (definition.params ? parseRequest(definition.params, req, 'params') : undefined) as Out<P>;
  const admit = multipart?.admit;
  return {
    ...operation,
    ...(multipart && { multipart: { ...multipart, admit: admit && ((req: Request) => admit(principalOf(req), parseParams(req))) } }),
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
        params: parseParams(req),
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
        ? multipartParsers(route.multipart)
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

/**
 * Multipart in memory with multer (essays are small and their text goes to PostgreSQL, never to local disk),
 * read only once admitted (issue 10 item 4): the request's declared size within the budget, the route's
 * ownership/state check passed, then busboy with limits on files, file size, fields and parts, and every file
 * name checked (uploadName.ts) before its bytes are read.
 */
function multipartParsers(options: MountedMultipart): RequestHandler[] {
  const sized: RequestHandler = (req, _res, next) => next(requestSizeProblem(req, options.maxRequestBytes));
  const admitted: RequestHandler = (req, res, next) => {
    if (!options.admit) return next();
    options.admit(req).then((admission) => {
      res.locals.maxFiles = Math.min(admission.maxFiles, options.maxFiles);
      next();
    }, next);
  };
  const upload = multer({
    storage: multer.memoryStorage(),
    // Raw UTF-8 in a quoted filename (what browsers send) decodes as UTF-8; filename* names its own charset.
    defParamCharset: 'utf8',
    // This multer takes limits as a function of the request (its README); @types/multer does not know it yet.
    limits: ((req: Request) => busboyLimits(options, filesAllowed(req, options))) as unknown as multer.Options['limits'],
    fileFilter: (req, file, accept) => {
      const index = (req.res?.locals.filesSeen as number | undefined) ?? 0;
      if (req.res) req.res.locals.filesSeen = index + 1;
      const problem = uploadNameProblem(file.originalname, index);
      if (problem) accept(problem);
      else accept(null, true);
    },
  }).any();
  const parsed: RequestHandler = (req, res, next) =>
    upload(req, res, (error: unknown) => {
      if (!error) return next();
      next(multipartProblem(error, { ...options, maxFiles: filesAllowed(req, options) }));
    });
  return [sized, admitted, parsed];
}

const filesAllowed = (req: Request, options: MountedMultipart): number => (req.res?.locals.maxFiles as number | undefined) ?? options.maxFiles;

/** A multipart request carries files and, at most, a few small fields (a client's name for the upload…). */
const MAX_FIELDS = 10;
const MAX_FIELD_BYTES = 1024;
const MAX_HEADER_PAIRS = 20;

function busboyLimits(options: MountedMultipart, maxFiles: number) {
  return { fileSize: options.maxFileBytes, files: maxFiles, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES, fieldNameSize: 200, parts: maxFiles + MAX_FIELDS, headerPairs: MAX_HEADER_PAIRS };
}

function requestSizeProblem(req: Request, maxBytes: number): HttpError | undefined {
  if (!req.is('multipart/form-data')) return undefined;
  const declared = req.headers['content-length'];
  if (declared === undefined) return new HttpError(411, 'Length Required', 'send the upload with a Content-Length header (a chunked multipart body cannot be judged before it is read)');
  const bytes = Number(declared);
  if (bytes > maxBytes) return new HttpError(413, 'Content Too Large', `the request is ${bytes} bytes; at most ${maxBytes} bytes per upload request — send the files in several requests`, { max_request_bytes: maxBytes });
  return undefined;
}

function multipartProblem(error: unknown, options: MountedMultipart): HttpError {
  if (error instanceof HttpError) return error;
  if (!(error instanceof multer.MulterError)) {
    // busboy's own complaints (a cut-off or malformed body) are the client's: never a 500.
    return new HttpError(400, 'Bad Request', `invalid multipart body: ${error instanceof Error ? error.message : String(error)}`);
  }
  switch (error.code) {
    case 'LIMIT_FILE_SIZE': return new HttpError(413, 'Content Too Large', `a file is larger than ${options.maxFileBytes} bytes`, { max_file_bytes: options.maxFileBytes });
    case 'LIMIT_FILE_COUNT': return new HttpError(409, 'Conflict', `at most ${options.maxFiles} file(s) per request here`, { max_files: options.maxFiles });
    case 'LIMIT_FIELD_COUNT': return new HttpError(413, 'Content Too Large', `at most ${MAX_FIELDS} form fields besides the files`, { max_fields: MAX_FIELDS });
    case 'LIMIT_PART_COUNT': return new HttpError(413, 'Content Too Large', `at most ${options.maxFiles + MAX_FIELDS} parts (files and fields) per request`, { max_parts: options.maxFiles + MAX_FIELDS });
    case 'LIMIT_FIELD_VALUE': return new HttpError(413, 'Content Too Large', `form field "${error.field ?? ''}" is longer than ${MAX_FIELD_BYTES} bytes`, { max_field_bytes: MAX_FIELD_BYTES });
    default: return new HttpError(400, 'Bad Request', `invalid multipart body: ${error.message}`);
  }
}

function filesOf(req: Request): UploadedPart[] {
  const files = (req as Request & { files?: Express.Multer.File[] }).files ?? [];
  return files.map((f) => ({ fieldName: f.fieldname, filename: f.originalname.normalize('NFC'), mimeType: f.mimetype, bytes: f.buffer }));
}
