/**
 * The whole product in this process on real PostgreSQL (a fresh database) and real Redis: every role,
 * short deadlines, a token per user. For end-to-end tests over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { signToken } from '../../src/auth/index.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { startService, type Service } from '../../src/main.js';
import { httpRequest } from './http.js';
import { createTestDatabase } from './infra.js';

export interface RunningProduct {
  service: Service;
  url: string;
  /** Pass as `databaseUrl` to start a second process of the same deployment. */
  databaseUrl: string;
  tokenFor(sub: string, role?: 'teacher' | 'operator' | 'service'): Promise<string>;
  /** A client acting as `sub` (a teacher unless `role` says otherwise). */
  as(sub: string, role?: 'teacher' | 'operator' | 'service'): Promise<Api>;
  stop(): Promise<void>;
}

export interface ProductOptions {
  redisUrl?: string;
  env?: Record<string, string>;
  /**
   * Join an existing product's database instead of creating a fresh one (another process of the same
   * deployment); stop() then leaves the database alone. Share JWT_SECRET and STREAM_PREFIX through
   * `env`, and give each process its own CONSUMER_NAME.
   */
  databaseUrl?: string;
}

export async function startProduct(options: ProductOptions = {}): Promise<RunningProduct> {
  const db = options.databaseUrl ? { url: options.databaseUrl, destroy: async () => {} } : await createTestDatabase(20);
  const secret = randomBytes(32).toString('hex');
  const config = loadConfig({
    DATABASE_URL: db.url,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    PORT: '0',
    JWT_SECRET: secret,
    STREAM_PREFIX: `e2e-${randomBytes(4).toString('hex')}:`,
    CONSUMER_NAME: `e2e-${process.pid}`,
    TIMER_POLL_INTERVAL: '100ms',
    OUTBOX_POLL_INTERVAL: '100ms',
    CLAIM_IDLE: '2s',
    ...options.env,
  });
  const service = await startService(config, createSilentLogger());
  const tokenFor: RunningProduct['tokenFor'] = (sub, role = 'teacher') => signToken({ sub, role, secret: config.JWT_SECRET ?? secret, ttlSeconds: 3600 });
  return {
    service,
    url: service.url!,
    databaseUrl: db.url,
    tokenFor,
    as: async (sub, role) => client(service.url!, await tokenFor(sub, role)),
    async stop() {
      await service.stop();
      await db.destroy();
    },
  };
}

/** What `client` and `RunningProduct.as` return. */
export type Api = ReturnType<typeof client>;

/** A tiny JSON client bound to one user's token (over the one HTTP test client, ./http.ts). */
export function client(url: string, token: string) {
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => httpRequest(url, method, path, { token, body, headers });
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call('POST', path, body, headers),
    put: (path: string, body?: unknown, headers?: Record<string, string>) => call('PUT', path, body, headers),
    delete: (path: string) => call('DELETE', path),
    postCsv: (path: string, csv: string) => httpRequest(url, 'POST', path, { token, raw: { data: csv, contentType: 'text/csv' } }),
  };
}

export function filesForm(files: { name: string; content: string | Buffer }[]): FormData {
  const form = new FormData();
  for (const file of files) form.append('files', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)]), file.name);
  return form;
}
