/**
 * The product in this process with all roles on the benchmark's PostgreSQL + Redis, configured like a
 * deployment (production defaults for polling, claim and deadlines) except what a stage overrides.
 */
import { randomBytes } from 'node:crypto';
import { signToken } from '../../src/auth/index.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { startService, type Service } from '../../src/main.js';
import type { Infra } from './infra.js';

export interface BenchProduct {
  service: Service;
  url: string;
  databaseName: string;
  databaseUrl: string;
  streamPrefix: string;
  tokenFor(sub: string, role?: 'teacher' | 'operator' | 'service'): Promise<string>;
  stop(): Promise<void>;
}

/** The environment of one product instance; also used for the child process of the memory stage. */
export function productEnv(databaseUrl: string, redisUrl: string, env: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    PORT: '0',
    JWT_SECRET: randomBytes(32).toString('hex'),
    STREAM_PREFIX: `bench-${randomBytes(3).toString('hex')}:`,
    CONSUMER_NAME: `bench-${process.pid}-${randomBytes(2).toString('hex')}`,
    LOG_LEVEL: 'error',
    ...env,
  };
}

export async function startBenchProduct(infra: Infra, databaseName: string, env: Record<string, string> = {}): Promise<BenchProduct> {
  const databaseUrl = await infra.createDatabase(databaseName);
  const config = loadConfig(productEnv(databaseUrl, infra.redisUrl, env));
  const service = await startService(config, createSilentLogger());
  return {
    service,
    url: service.url!,
    databaseName,
    databaseUrl,
    streamPrefix: config.STREAM_PREFIX,
    tokenFor: (sub, role = 'teacher') => signToken({ sub, role, secret: config.JWT_SECRET!, ttlSeconds: 4 * 3600 }),
    async stop() {
      await service.stop();
      await infra.dropDatabase(databaseName);
    },
  };
}
