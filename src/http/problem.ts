import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { domainProblem } from './domainErrors.js';

/** An error that knows its HTTP meaning; rendered as application/problem+json (RFC 9457). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    /** Response headers that belong to the problem (e.g. Retry-After on 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface FieldProblem {
  field: string;
  message: string;
}

export const badRequest = (message: string, errors: FieldProblem[] = []) =>
  new HttpError(400, 'Bad Request', message, errors.length ? { errors } : {});
export const unauthorized = (message = 'a valid bearer token is required') => new HttpError(401, 'Unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'Forbidden', message);
export const notFound = (what: string) => new HttpError(404, 'Not Found', `${what} not found`);
export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  new HttpError(409, 'Conflict', message, extra);
export const unprocessable = (message: string, extra: Record<string, unknown> = {}) =>
  new HttpError(422, 'Unprocessable Content', message, extra);

/** zod issues → one 400 naming every bad field (`body.name`, `query.limit`, …). */
export function fromZodError(error: ZodError, location: 'body' | 'query' | 'params' | 'headers'): HttpError {
  const errors = error.issues.map((issue) => ({
    field: [location, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
  return badRequest(`invalid request: ${summary}`, errors);
}

export const notFoundRoute: RequestHandler = (req, _res, next) => next(notFound(`route ${req.method} ${req.path}`));

/** What an error nobody mapped answers: one shared instance, so the handler can tell a crash from a mapped 5xx. */
const UNEXPECTED = new HttpError(500, 'Internal Server Error', 'an unexpected error occurred; it has been logged');

/** A 5xx answer for the log: the error, the problem it was answered with, and whether nobody mapped it (a crash). */
export type ServerErrorReport = (error: unknown, req: Parameters<ErrorRequestHandler>[1], problem: HttpError, crashed: boolean) => void;

/** The one place errors become responses. Anything unexpected is a 500 without internals; every 5xx is reported. */
export function problemHandler(onServerError: ServerErrorReport): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toHttpError(error);
    if (problem.status >= 500) onServerError(error, req, problem, problem === UNEXPECTED);
    for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
    res
      .status(problem.status)
      .type('application/problem+json')
      .json({ type: 'about:blank', title: problem.title, status: problem.status, detail: problem.message, ...problem.extra });
  };
}

/** The problem an error stands for (domain errors: the table in domainErrors.ts); anything unknown is a 500 without internals. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const domain = domainProblem(error);
  if (domain) return new HttpError(domain.status, domain.title, domain.detail, domain.extra, domain.headers);
  if (error instanceof ZodError) return fromZodError(error, 'body');
  if (isBodyParserError(error)) return badRequest(`request body is not valid JSON: ${error.message}`);
  if (isPayloadTooLarge(error)) return tooLarge(error as { length?: number; limit?: number });
  return UNEXPECTED;
}

function isBodyParserError(error: unknown): error is Error {
  return error instanceof SyntaxError && (error as { type?: string }).type === 'entity.parse.failed';
}

function tooLarge(error: { length?: number; limit?: number }): HttpError {
  const limit = typeof error.limit === 'number' ? `; at most ${error.limit} bytes are accepted` : '';
  const length = typeof error.length === 'number' ? ` (${error.length} bytes${limit})` : limit ? ` (${limit.slice(2)})` : '';
  return new HttpError(413, 'Content Too Large', `the request body is too large${length}`, typeof error.limit === 'number' ? { max_bytes: error.limit } : {});
}

function isPayloadTooLarge(error: unknown): boolean {
  return (error as { type?: string } | null)?.type === 'entity.too.large';
}
