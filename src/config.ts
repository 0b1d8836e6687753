import { z } from 'zod';
import { parseDuration } from './duration.js';

export const ROLE_NAMES = ['api', 'batch', 'matcher', 'relay'] as const;
export type Role = (typeof ROLE_NAMES)[number];

const duration = (fallback: string) =>
  z.string().default(fallback).transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration like 500ms, 5s, 10m, 24h or 7d` });
      return z.NEVER;
    }
    return ms;
  });

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const roles = z
  .string()
  .default(ROLE_NAMES.join(','))
  .transform((text) => text.split(',').map((r) => r.trim()).filter(Boolean))
  .pipe(z.array(z.enum(ROLE_NAMES)).min(1, 'name at least one role'));

/** `k1=v1,k2=v2` (OTEL_EXPORTER_OTLP_HEADERS, OTEL_RESOURCE_ATTRIBUTES; values percent-decoded per the spec). */
const keyValueList = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const pairs: Record<string, string> = {};
    for (const item of text.split(',').map((p) => p.trim()).filter(Boolean)) {
      const at = item.indexOf('=');
      if (at <= 0) {
        ctx.addIssue({ code: 'custom', message: `"${item}" is not key=value` });
        return z.NEVER;
      }
      pairs[item.slice(0, at).trim()] = safeDecode(item.slice(at + 1).trim());
    }
    return pairs;
  });

const safeDecode = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

const booleanFlag = z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1');

/** Every setting the service reads, parsed once at start-up (fail fast, naming the bad variable). */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Issue 15: a process without the api role serves /healthz, /readyz and /metrics here when set. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  ROLES: roles,
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWKS_URL: z.string().url().optional(),
  /** Issue 10: an http:// JWKS_URL could be answered by anyone on the path; only for local test IdPs. */
  JWKS_ALLOW_HTTP: booleanFlag,
  /** When set, tokens must carry exactly this `iss` / `aud` (required with JWKS_URL). */
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  /** Tokens need `iat`; one older than this, or whose `exp` lies further than this after `iat`, is refused. */
  JWT_MAX_AGE: duration('24h'),
  /** Issue 11: a verified bearer token is trusted this long without re-checking its signature (never past its expiry); 0 = always verify. */
  AUTH_CACHE_TTL: duration('60s'),
  TRUSTED_GATEWAY: booleanFlag,
  /** With TRUSTED_GATEWAY: the gateway proves itself with `X-Gateway-Secret: <this>` (compared in constant time). */
  GATEWAY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** With TRUSTED_GATEWAY: take the role from `X-User-Role` (else every gateway user is a teacher). */
  GATEWAY_ROLE_HEADER: booleanFlag,
  /** When set, GET /metrics needs `Authorization: Bearer <this>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Per-teacher budgets per RATE_LIMIT_WINDOW, shared by every process (PostgreSQL-backed); 429 beyond. */
  RATE_LIMIT_WINDOW: duration('1m'),
  RATE_LIMIT_REGISTRATIONS: positiveInt(60),
  RATE_LIMIT_UPLOADS: positiveInt(120),
  RATE_LIMIT_COMMANDS: positiveInt(600),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).default('info'),
  STREAM_PREFIX: z.string().regex(/^[A-Za-z0-9:._-]*$/, 'letters, digits and : . _ - only').default(''),
  DATA_DIR: z.string().default('.data'),
  SERVICE_NAME: z.string().default('essay_matching_service'),
  CONSUMER_NAME: z.string().optional(),
  VALIDATION_TIMEOUT: duration('24h'),
  MATCHING_TIMEOUT: duration('10m'),
  PROVISIONING_TIMEOUT: duration('1h'),
  MAX_BATCH_ESSAYS: positiveInt(100),
  MAX_UPLOAD_BYTES: positiveInt(10 * 1024 * 1024),
  /** Whole multipart request (issue 10): refused from its Content-Length before a byte of it is read. */
  MAX_UPLOAD_REQUEST_BYTES: positiveInt(64 * 1024 * 1024),
  /** The untrusted-work pool (issue 10): worker threads, each worker's heap cap, and per-task time budgets. */
  UNTRUSTED_THREADS: positiveInt(2),
  UNTRUSTED_HEAP_MB: positiveInt(256),
  EXTRACTION_BUDGET: duration('10s'),
  MATCHING_BUDGET: duration('2s'),
  /** .docx budgets, counted while inflating: one part, all parts read, entries in the archive; .pdf pages. */
  DOCX_MAX_PART_BYTES: positiveInt(16 * 1024 * 1024),
  DOCX_MAX_TOTAL_BYTES: positiveInt(24 * 1024 * 1024),
  DOCX_MAX_ENTRIES: positiveInt(1000),
  PDF_MAX_PAGES: positiveInt(500),
  PDF_MAX_STREAM_BYTES: positiveInt(64 * 1024 * 1024),
  PDF_MAX_INFLATED_BYTES: positiveInt(256 * 1024 * 1024),
  NOTIFICATION_RETENTION: duration('7d'),
  /** Websocket ping interval; a socket that missed the previous ping is terminated. */
  WS_HEARTBEAT_INTERVAL: duration('25s'),
  WS_MAX_SOCKETS_PER_USER: positiveInt(5),
  STREAM_RETENTION: duration('7d'),
  CLAIM_IDLE: duration('60s'),
  MAX_DELIVERIES: positiveInt(5),
  TIMER_POLL_INTERVAL: duration('1s'),
  OUTBOX_POLL_INTERVAL: duration('500ms'),
  /** Group commit: the most stream entries the batch consumer applies in one transaction (issue 11). */
  GROUP_COMMIT_MAX: positiveInt(32),
  /**
   * Issue 14: the batch machine version new batches start on (unset: the newest registered). Pin an older
   * one while a deploy rolls out or back; a version that is not registered stops the api role at start.
   */
  NEW_BATCH_VERSION: z.coerce.number().int().positive().optional(),
  // OpenTelemetry traces (issue 15), the standard variables; tracing is off while no endpoint is set.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
  /** Full URL for traces; default `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.string().url().optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json'], { message: 'http/protobuf or http/json (grpc is not bundled)' }).default('http/protobuf'),
  OTEL_EXPORTER_OTLP_HEADERS: keyValueList,
  /** Default: SERVICE_NAME. */
  OTEL_SERVICE_NAME: z.string().optional(),
  OTEL_RESOURCE_ATTRIBUTES: keyValueList,
  /** Milliseconds between span batch exports. */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().positive().default(5000),
}).superRefine(requireSafeIdentitySettings);

/** Issue 10: identity settings that would silently accept forged or foreign tokens are configuration errors. */
function requireSafeIdentitySettings(config: { JWKS_URL?: string | undefined; JWKS_ALLOW_HTTP: boolean; JWT_ISSUER?: string | undefined; JWT_AUDIENCE?: string | undefined; TRUSTED_GATEWAY: boolean; GATEWAY_SECRET?: string | undefined }, ctx: z.RefinementCtx): void {
  if (config.JWKS_URL) {
    if (!config.JWT_ISSUER) ctx.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'is required with JWKS_URL (tokens of any issuer using that key set would be accepted)' });
    if (!config.JWT_AUDIENCE) ctx.addIssue({ code: 'custom', path: ['JWT_AUDIENCE'], message: 'is required with JWKS_URL (tokens minted for other services would be accepted)' });
    if (!config.JWKS_URL.startsWith('https://') && !config.JWKS_ALLOW_HTTP) {
      ctx.addIssue({ code: 'custom', path: ['JWKS_URL'], message: 'must be https:// (set JWKS_ALLOW_HTTP=true only for a local test identity provider)' });
    }
  }
  if (config.TRUSTED_GATEWAY && !config.GATEWAY_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['GATEWAY_SECRET'], message: 'is required with TRUSTED_GATEWAY=true (else any client could claim to be the gateway)' });
  }
}

export type Config = Readonly<z.output<typeof configSchema>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses an environment-like record; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const blankAsMissing = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(blankAsMissing);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return Object.freeze(parsed.data);
}

/** The one place in the product that reads process.env. */
export function configFromProcessEnv(overrides: Record<string, string> = {}): Config {
  return loadConfig({ ...process.env, ...overrides });
}
