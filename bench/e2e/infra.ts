/**
 * The substrate of the end-to-end benchmark: one embedded PostgreSQL and one redis-server, both on
 * random loopback ports in a temp dir and both with their DEFAULT durability (fsync and synchronous
 * commit on; Redis' default RDB snapshots), unlike the test infra, which turns durability off for speed.
 * Each product instance gets a fresh database on that server and its own stream prefix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/db/embeddedPostgres.js';
import { createKnex, migrateLatest } from '../../src/db/knex.js';
import { freePort } from '../../src/net.js';

export interface Infra {
  postgres: RunningPostgres;
  redisUrl: string;
  /** An admin connection to Redis for INFO / XINFO / FLUSHALL. */
  redis: Redis;
  /** CREATE DATABASE + migrations; answers its URL. */
  createDatabase(name: string): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  /** CPU time used so far by this process, the PostgreSQL server (all its processes) and redis-server. */
  cpu(): Promise<CpuTimes>;
  stop(): Promise<void>;
}

export interface CpuTimes {
  nodeMs: number;
  postgresMs: number;
  redisMs: number;
}

export interface InfraOptions {
  /** Preload pg_stat_statements (a profiling aid for `--pg-stats`; off for the figures of record). */
  pgStatStatements?: boolean;
}

export async function startInfra(options: InfraOptions = {}): Promise<Infra> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-e2e-'));
  await chmod(dir, 0o755); // as root the server runs as `postgres`, which must reach the data dir
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    password: randomBytes(12).toString('hex'),
    // Only more connections than the default 100: the product's pools, the bare loop and a child process.
    settings: { max_connections: '200', ...(options.pgStatStatements && { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all' }) },
  });
  const redisDir = path.join(dir, 'redis');
  await mkdir(redisDir);
  const redisPort = await freePort();
  const redisChild = await launchRedis(redisPort, redisDir);
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const redis = new Redis(redisUrl);

  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: postgres.url() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  return {
    postgres,
    redisUrl,
    redis,
    async createDatabase(name) {
      await admin((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
      const knex = createKnex(postgres.url(name), { poolMax: 2 });
      await migrateLatest(knex);
      if (options.pgStatStatements) await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await knex.destroy();
      return postgres.url(name);
    },
    async cpu() {
      const postmaster = Number((await readFile(path.join(dir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
      const usage = process.cpuUsage();
      return { nodeMs: (usage.user + usage.system) / 1000, postgresMs: await treeCpuMs(postmaster), redisMs: (await procCpu(redisChild.pid!))?.selfMs ?? 0 };
    },
    dropDatabase: (name) => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`))),
    async stop() {
      redis.disconnect();
      if (redisChild.exitCode === null) {
        const exited = once(redisChild, 'exit');
        redisChild.kill('SIGTERM');
        await exited;
      }
      await postgres.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime+stime of a process, its waited-for children's (cutime+cstime), and its parent, from /proc. */
async function procCpu(pid: number): Promise<{ ppid: number; selfMs: number; childrenMs: number } | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // f[0] is field 3 (state)
    return { ppid: Number(f[1]), selfMs: (Number(f[11]) + Number(f[12])) * TICK_MS, childrenMs: (Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null; // exited meanwhile
  }
}

/**
 * The whole PostgreSQL server: the postmaster, its live backends and workers, and the backends that
 * already exited (counted in the postmaster's children times once it reaped them).
 */
async function treeCpuMs(postmaster: number): Promise<number> {
  const root = await procCpu(postmaster);
  let total = root ? root.selfMs + root.childrenMs : 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cpu = await procCpu(Number(entry));
    if (cpu?.ppid === postmaster) total += cpu.selfMs;
  }
  return total;
}

/** redis-server with its defaults (RDB `save` schedule on, AOF off): only port, bind and dir are set. */
async function launchRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
  });
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  return child;
}
