import express, { type Router } from 'express';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

// The OpenAPI 3.1 document is generated from the very zod schemas the routes validate with, so the
// documentation cannot promise what the code rejects (flow-spec §10 G17). Features register their
// operations; `/openapi.json` and `/docs` (swagger-ui-dist, served locally, no CDN) show them.

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ApiResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

/** What a route accepts and answers, in zod. Paths use Express syntax (`/classes/:classId`). */
export interface ApiOperation {
  method: HttpMethod;
  path: string;
  summary: string;
  description?: string;
  tags?: readonly string[];
  /** Roles allowed; absent means a public route (no bearer token). */
  roles?: readonly string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; contentType?: string };
  responses: Readonly<Record<number, ApiResponseSpec>>;
  /** Problem statuses beyond those implied (400 with any input, 401/403 with roles). */
  errors?: readonly number[];
}

export interface OpenApiRegistry {
  /** Adds operations mounted under `prefix` (e.g. `/v1`). Call it from any feature's composition. */
  register(prefix: string, operations: readonly ApiOperation[]): void;
  document(): Record<string, unknown>;
}

const ERROR_TITLES: Record<number, string> = {
  400: 'Invalid request (each bad field is named in `errors`)',
  401: 'Missing, malformed, expired or wrongly signed bearer token',
  403: 'The role may not use this operation',
  404: 'Not found (also for ids owned by someone else)',
  409: 'Conflict with the current state',
  411: 'Content-Length required (the body is judged by its size before it is read)',
  413: 'Request body too large',
  412: 'If-Match names an old version (the current one is in the body)',
  415: 'Unsupported content type',
  422: 'Well-formed but not allowed (e.g. a student outside the class, too many essays)',
  429: "The caller's request budget is used up (Retry-After says when to try again)",
  503: 'Not the caller\'s fault: a dependency (database, identity provider keys) is unavailable, or the batch is stored in a state or machine version this deployment cannot read (Retry-After; nothing was written)',
};

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

export function createOpenApiRegistry(info: { title: string; version: string; description?: string }): OpenApiRegistry {
  const entries: { prefix: string; operation: ApiOperation }[] = [];
  return {
    register: (prefix, operations) => entries.push(...operations.map((operation) => ({ prefix, operation }))),
    document: () => {
      const paths: Record<string, Record<string, unknown>> = {};
      for (const { prefix, operation } of entries) {
        const key = openApiPath(prefix + operation.path);
        paths[key] = { ...paths[key], [operation.method]: describeOperation(operation) };
      }
      return {
        openapi: '3.1.0',
        info,
        paths,
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
          schemas: { Problem: jsonSchema(problemSchema, 'output') },
        },
      };
    },
  };
}

/** `/classes/:classId` → `/classes/{classId}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  return rest;
}

function describeOperation(op: ApiOperation): Record<string, unknown> {
  const roles = op.roles ? `\n\nRoles: ${op.roles.join(', ')}.` : '\n\nPublic.';
  return {
    summary: op.summary,
    description: `${op.description ?? ''}${roles}`.trim(),
    tags: op.tags,
    security: op.roles ? [{ bearerAuth: [] }] : [],
    parameters: [...parametersOf(op.params, 'path'), ...parametersOf(op.query, 'query')],
    requestBody: op.body && {
      required: true,
      content: { [op.body.contentType ?? 'application/json']: { schema: jsonSchema(op.body.schema, 'input') } },
    },
    responses: { ...successResponses(op), ...errorResponses(op) },
  };
}

function parametersOf(schema: z.ZodObject | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: where,
    required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
    schema: jsonSchema(field as z.ZodType, 'input'),
  }));
}

function successResponses(op: ApiOperation): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(op.responses).map(([status, spec]) => [
      status,
      {
        description: spec.description,
        content: spec.schema && { [spec.contentType ?? 'application/json']: { schema: jsonSchema(spec.schema, 'output') } },
      },
    ]),
  );
}

function errorResponses(op: ApiOperation): Record<string, unknown> {
  const statuses = new Set(op.errors ?? []);
  if (op.params || op.query || op.body) statuses.add(400);
  // Every authenticated operation reads PostgreSQL (and may need the JWKS): each can answer 503 (src/http/domainErrors.ts).
  if (op.roles) [401, 403, 503].forEach((s) => statuses.add(s));
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  return Object.fromEntries(
    [...statuses].sort((a, b) => a - b).map((s) => [String(s), { description: ERROR_TITLES[s] ?? 'Error', content: problem }]),
  );
}

/** `GET /openapi.json` and the Swagger UI at `/docs`, from the locally installed swagger-ui-dist. */
export function createOpenApiRouter(registry: OpenApiRegistry): Router {
  const router = express.Router();
  const assets = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  router.get('/openapi.json', (_req, res) => {
    res.json(registry.document());
  });
  router.get('/docs', (req, res) => {
    res.type('html').send(docsPage(`${req.baseUrl}/docs`));
  });
  router.get('/docs/init.js', (req, res) => {
    res.type('application/javascript').send(initScript(`${req.baseUrl}/openapi.json`));
  });
  router.use('/docs', express.static(assets, { index: false }));
  return router;
}

const docsPage = (base: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>API documentation</title>
<link rel="stylesheet" href="${base}/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="${base}/swagger-ui-bundle.js"></script>
<script src="${base}/init.js"></script></body></html>`;

const initScript = (spec: string) =>
  `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(spec)}, dom_id: '#swagger-ui', persistAuthorization: true });\n`;
