import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { IN_CI } from '../support/infra.js';
import { redisServerAvailable } from '../support/redisServer.js';

/** The CI configuration of `npm run chaos`: three app processes under kills, a Redis and a PostgreSQL restart. */
const ARGS = ['--batches', '12', '--essays', '5', '--seconds', '30', '--quiet'];

describe('e2e: chaos run (small configuration)', function () {
  this.timeout(150_000);
  this.slow(90_000);
  let child: ChildProcess | null = null;
  // On a timeout the run is interrupted; it then stops its app processes, PostgreSQL and Redis itself.
  after(() => {
    if (child && child.exitCode === null) child.kill('SIGTERM');
  });

  it(`when \`npm run chaos -- ${ARGS.slice(0, -1).join(' ')}\` runs, then it finds no violation (exit 0)`, async function () {
    if (!redisServerAvailable()) {
      if (IN_CI) throw new Error('CI needs redis-server for the chaos run');
      this.skip();
    }
    const run = runChaos();
    child = run.child;
    const { code, output } = await run.done;
    expect(code, output.slice(-6000)).to.equal(0);
    expect(output).to.include('PASS: no violation');
  });
});

function runChaos(): { child: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/chaos.ts', ...ARGS], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, done: new Promise((resolve) => child.once('exit', (code) => resolve({ code, output }))) };
}
