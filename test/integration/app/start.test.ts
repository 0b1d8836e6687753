import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/ports.js';
import { startServiceProcess, type ServiceProcess } from '../../support/serviceProcess.js';
import { waitFor } from '../../support/waitFor.js';

/** `npm start` with nothing configured: embedded PostgreSQL, in-process bus, all roles. */
describe('npm start (embedded default)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let service: ServiceProcess;
  let url: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'start-'));
    await chmod(dataDir, 0o755);
    const port = await freePort();
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
    const env = { ...inherited, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
    service = await startServiceProcess('npm', ['start', '--silent'], env);
    url = service.url!;
  });
  after(async () => {
    await service?.stop(0);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('when it has started, then it prints where it listens and /readyz answers 200 with every check ok', async () => {
    const response = await fetch(`${url}/readyz`);
    const body = await response.json();
    expect(response.status).to.equal(200);
    expect(body.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`)).to.deep.equal(['database:ok', 'migrations:ok', 'bus:ok']);
  });

  it('when /healthz and /metrics are asked, then the process answers and exposes the runtime gauges', async () => {
    expect((await fetch(`${url}/healthz`)).status).to.equal(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).to.include('essay_outbox_backlog');
    expect(metrics).to.include('essay_timers_overdue');
    expect(metrics).to.match(/essay_stream_pending\{stream="huleedu.batch.student.matching.requested.v1",group="matcher"\} 0/);
  });

  it('when it receives SIGTERM, then it shuts down and stops its embedded PostgreSQL', async () => {
    await service.stop(); // SIGTERM to the whole process group, as a terminal's Ctrl-C or `docker stop` would
    await waitFor(() => !existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), { timeoutMs: 15_000, message: 'postgres still running' });
  });
});
