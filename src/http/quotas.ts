import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config.js';
import { HttpError } from './problem.js';

/** What a write route spends from the caller's budget (issue 10 §7). */
export const QUOTA_NAMES = ['registration', 'upload', 'command'] as const;
export type QuotaName = (typeof QUOTA_NAMES)[number];

export interface Quotas {
  /** Spends one point of the user's budget; a 429 problem with Retry-After when it is used up. */
  consume(name: QuotaName, userId: string): Promise<void>;
}

export type QuotaConfig = Pick<Config, 'RATE_LIMIT_WINDOW' | 'RATE_LIMIT_REGISTRATIONS' | 'RATE_LIMIT_UPLOADS' | 'RATE_LIMIT_COMMANDS'>;

const TABLE = 'rate_limits'; // migrations/20261203000100_rate_limits.ts

/**
 * Per-user budgets per window, counted in PostgreSQL so they hold across every process of a deployment
 * (rate-limiter-flexible's RateLimiterPostgres, one atomic upsert per request). If PostgreSQL does not
 * answer, an in-process limiter with the same budget stands in rather than letting everything through.
 */
export function createQuotas(knex: Knex, config: QuotaConfig): Quotas {
  const durationSeconds = Math.max(1, Math.round(config.RATE_LIMIT_WINDOW / 1000));
  const points: Record<QuotaName, number> = {
    registration: config.RATE_LIMIT_REGISTRATIONS,
    upload: config.RATE_LIMIT_UPLOADS,
    command: config.RATE_LIMIT_COMMANDS,
  };
  const limiters = Object.fromEntries(
    QUOTA_NAMES.map((name) => {
      const options = { keyPrefix: `quota-${name}`, points: points[name], duration: durationSeconds };
      const limiter: RateLimiterAbstract = new RateLimiterPostgres({
        ...options,
        storeClient: knex,
        storeType: 'knex',
        tableName: TABLE,
        tableCreated: true,
        insuranceLimiter: new RateLimiterMemory(options),
      });
      return [name, limiter];
    }),
  ) as Record<QuotaName, RateLimiterAbstract>;
  return {
    async consume(name, userId) {
      try {
        await limiters[name].consume(userKey(userId));
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw tooManyRequests(name, points[name], durationSeconds, rejection.msBeforeNext);
        throw rejection;
      }
    },
  };
}

/** The store's key column is varchar(255): a fixed-length digest whatever the user id looks like. */
const userKey = (userId: string) => createHash('sha256').update(userId).digest('hex');

function tooManyRequests(name: QuotaName, points: number, windowSeconds: number, msBeforeNext: number): HttpError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new HttpError(
    429,
    'Too Many Requests',
    `the ${name} budget of ${points} requests per ${windowSeconds} s is used up; try again in ${retryAfter} s`,
    { quota: name, limit: points, window_seconds: windowSeconds, retry_after_seconds: retryAfter },
    { 'Retry-After': String(retryAfter) },
  );
}
