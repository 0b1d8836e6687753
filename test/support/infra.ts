/**
 * Real PostgreSQL and Redis for integration tests, started once per mocha run (globalFixture.ts)
 * on random loopback ports in temp dirs. In CI a missing server fails the run; locally it skips.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/db/embeddedPostgres.js';
import { createKnex, migrateLatest } from '../../src/db/knex.js';
import { freePort } from './ports.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from './redisServer.js';

export const TEMPLATE_DB = 'app_template';
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';

interface Infra {
  postgres?: RunningPostgres;
  redis?: RedisServer;
  redisMissing?: string;
  tempDir?: string;
}

const infra: Infra = {};

export async function startInfra(): Promise<void> {
  infra.tempDir = await mkdtemp(path.join(os.tmpdir(), 'essay-it-'));
  await chmod(infra.tempDir, 0o755);
  infra.postgres = await startEmbeddedPostgres({
    dataDir: path.join(infra.tempDir, 'pg'),
    port: await freePort(),
    password: randomBytes(12).toString('hex'),
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
  });
  await createTemplateDatabase(infra.postgres);
  if (redisServerAvailable()) infra.redis = await startRedisServer();
  else infra.redisMissing = 'redis-server is not on PATH (Debian: apt-get install -y redis-server)';
  if (IN_CI && infra.redisMissing) throw new Error(`CI needs Redis: ${infra.redisMissing}`);
}

export async function stopInfra(): Promise<void> {
  await infra.redis?.stop();
  await infra.postgres?.stop();
  if (infra.tempDir) await rm(infra.tempDir, { recursive: true, force: true });
}

async function createTemplateDatabase(postgres: RunningPostgres): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: postgres.url() });
  await admin.raw(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.destroy();
  const template = createKnex(postgres.url(TEMPLATE_DB), { poolMax: 2 });
  await migrateLatest(template);
  await template.destroy();
}

export function postgresUrl(database: string): string {
  if (!infra.postgres) throw new Error('PostgreSQL was not started: run integration tests through the mocha int config');
  return infra.postgres.url(database);
}

/** The shared Redis of this run, or a skip (locally) / failure (CI) when redis-server is missing. */
export function sharedRedis(ctx: Mocha.Context): RedisServer {
  if (infra.redis) return infra.redis;
  if (IN_CI) throw new Error(`CI needs Redis: ${infra.redisMissing}`);
  ctx.skip();
  throw new Error('unreachable');
}

/** A private redis-server for tests that restart or flush it. */
export async function privateRedis(ctx: Mocha.Context): Promise<RedisServer> {
  sharedRedis(ctx);
  return startRedisServer();
}

let databaseCounter = 0;

/** A fresh database cloned from the migrated template; destroy() drops it. */
export async function createTestDatabase(poolMax = 10): Promise<{ knex: Knex; url: string; destroy: () => Promise<void> }> {
  const name = `t_${process.pid}_${++databaseCounter}_${randomBytes(3).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: postgresUrl('postgres'), pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  const url = postgresUrl(name);
  const knex = createKnex(url, { poolMax });
  return {
    knex,
    url,
    destroy: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}
