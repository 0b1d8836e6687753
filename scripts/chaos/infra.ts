/**
 * The chaos run's own PostgreSQL and redis-server, in a temp dir on random loopback ports, each restartable
 * on the same port: Redis hard (SIGKILL, data lost — stream entries not yet consumed are gone, which is the
 * point), PostgreSQL with a fast stop and a start on the same data dir (committed data kept).
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { startEmbeddedPostgres, type EmbeddedPostgresOptions, type RunningPostgres } from '../../src/db/embeddedPostgres.js';
import { createKnex, migrateLatest } from '../../src/db/knex.js';
import { freePort } from '../../src/net.js';
import { redisServerAvailable, startRedisServer, type RedisServer } from '../../test/support/redisServer.js';

export const DATABASE = 'chaos';

export interface ChaosInfra {
  dir: string;
  databaseUrl: string;
  redisUrl: string;
  /** SIGKILL redis-server and start an empty one on the same port; resolves when it accepts connections. */
  restartRedis(): Promise<void>;
  /** Fast stop (SIGINT) of PostgreSQL, `downMs` of nothing, then a start on the same data dir and port. */
  restartPostgres(downMs: number): Promise<void>;
  stop(options: { keepDir: boolean }): Promise<void>;
}

export async function startChaosInfra(): Promise<ChaosInfra> {
  if (!redisServerAvailable()) throw new Error('redis-server is not on PATH (Debian: apt-get install -y redis-server)');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'essay-chaos-'));
  await chmod(dir, 0o755); // as root, PostgreSQL runs as `postgres` and must traverse it
  const pgOptions: EmbeddedPostgresOptions = {
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    password: randomBytes(12).toString('hex'),
    // Durability settings stay on: a fast stop must keep every committed row, as in production.
    settings: { max_connections: '200' },
  };
  let postgres: RunningPostgres = await startEmbeddedPostgres(pgOptions);
  await createDatabase(postgres);
  const redis: RedisServer = await startRedisServer();
  return {
    dir,
    databaseUrl: postgres.url(DATABASE),
    redisUrl: redis.url,
    restartRedis: () => redis.restart({ hard: true }),
    async restartPostgres(downMs) {
      await postgres.stop();
      await new Promise((resolve) => setTimeout(resolve, downMs));
      postgres = await startEmbeddedPostgres(pgOptions);
    },
    async stop({ keepDir }) {
      await redis.stop();
      await postgres.stop();
      if (!keepDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The app database, migrated before any app process starts so three processes never race the migrations. */
async function createDatabase(postgres: RunningPostgres): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: postgres.url(), pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${DATABASE}`);
  await admin.destroy();
  const knex = createKnex(postgres.url(DATABASE), { poolMax: 2 });
  await migrateLatest(knex);
  await knex.destroy();
}

/**
 * The observer's own connection pool: quiet, because knex warns on every failed acquire and PostgreSQL is
 * down for a while on purpose.
 */
export function observerKnex(databaseUrl: string): Knex {
  const quiet = () => {};
  return knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 3 }, log: { warn: quiet, error: quiet, debug: quiet, deprecate: quiet } });
}
