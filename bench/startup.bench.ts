/**
 * npm run bench:startup [-- --repeat 5]
 *
 * Issue 15: the compiled service (`node dist/scripts/start.js`, what the image runs) beside the TypeScript it
 * replaced (`node --import tsx scripts/start.ts`), measured in the same run, alternating, on one embedded
 * PostgreSQL both join (so the server's own start-up is not counted): time from spawn to the first /readyz 200,
 * and the process's RSS once ready and after 20 scrapes of /metrics. Builds dist/ first.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from '../src/db/embeddedPostgres.js';
import { createKnex, migrateLatest } from '../src/db/knex.js';
import { freePort } from '../src/net.js';
import { startServiceProcess } from '../test/support/serviceProcess.js';
import { machineInfo, percentile, writeResult } from './benchUtil.js';

const { values } = parseArgs({ options: { repeat: { type: 'string', default: '5' } } });
const REPEAT = Number(values.repeat);
const REPO = path.resolve(import.meta.dirname, '..');

const VARIANTS = {
  compiled: [path.join(REPO, 'dist', 'scripts', 'start.js')],
  tsx: ['--import', 'tsx', path.join(REPO, 'scripts', 'start.ts')],
} as const;
type Variant = keyof typeof VARIANTS;

interface Sample { readyMs: number; rssReadyMiB: number; rssAfterScrapesMiB: number }

execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-startup-'));
await chmod(dir, 0o755);
const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), password: 'bench' });
const knex = createKnex(postgres.url(), { poolMax: 2 });
await migrateLatest(knex);
await knex.destroy();

async function sample(variant: Variant): Promise<Sample> {
  const port = await freePort();
  const { REDIS_URL: _redis, ...inherited } = process.env;
  const env = { ...inherited, NODE_ENV: 'production', DATABASE_URL: postgres.url(), PORT: String(port), LOG_LEVEL: 'warn', DATA_DIR: dir };
  const started = performance.now();
  const service = await startServiceProcess(process.execPath, [...VARIANTS[variant]], env, REPO);
  try {
    while ((await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 0)) !== 200) await new Promise((r) => setTimeout(r, 10));
    const readyMs = performance.now() - started;
    const rssReadyMiB = await rssMiB(service.child.pid!);
    for (let i = 0; i < 20; i++) await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return { readyMs, rssReadyMiB, rssAfterScrapesMiB: await rssMiB(service.child.pid!) };
  } finally {
    await service.stop();
  }
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

const samples: Record<Variant, Sample[]> = { compiled: [], tsx: [] };
try {
  await sample('tsx'); // warm the file-system cache and tsx's transform cache once, for both
  await sample('compiled');
  for (let i = 0; i < REPEAT; i++) for (const variant of ['compiled', 'tsx'] as const) samples[variant].push(await sample(variant));
} finally {
  await postgres.stop();
  await rm(dir, { recursive: true, force: true });
}

const summary = Object.fromEntries(
  (Object.keys(samples) as Variant[]).map((variant) => {
    const of = (key: keyof Sample) => Math.round(percentile(samples[variant].map((s) => s[key]), 50) * 10) / 10;
    return [variant, { readyMsP50: of('readyMs'), rssReadyMiBP50: of('rssReadyMiB'), rssAfterScrapesMiBP50: of('rssAfterScrapesMiB') }];
  }),
);
console.table(summary);
console.log(`wrote ${await writeResult('startup', { machine: machineInfo(), repeat: REPEAT, summary, samples })}`);
