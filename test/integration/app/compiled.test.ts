import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase } from '../../support/infra.js';
import { startServiceProcess, type ServiceProcess } from '../../support/serviceProcess.js';
import { freePort } from '../../support/ports.js';
import { waitFor } from '../../support/waitFor.js';

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
const DIST = path.join(REPO, 'dist');

/** Issue 15: the production image runs `node dist/scripts/start.js` (compiled, no tsx). */
describe('the compiled service (npm run build → node dist/scripts/start.js)', function () {
  this.timeout(120_000);
  let dataDir: string;
  let service: ServiceProcess;

  before(async () => {
    await promisify(execFile)('npm', ['run', '--silent', 'build'], { cwd: REPO });
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'compiled-'));
    await chmod(dataDir, 0o755);
    const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
    const env = { ...inherited, NODE_ENV: 'production', DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'warn' };
    service = await startServiceProcess(process.execPath, [path.join(DIST, 'scripts', 'start.js')], env, os.tmpdir());
  });
  after(async () => {
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('when it has started with the embedded default, then /readyz answers 200 with every migration applied', async () => {
    const response = await fetch(`${service.url}/readyz`);
    const body = await response.json();
    expect(response.status).to.equal(200);
    expect(body.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`)).to.deep.equal(['database:ok', 'migrations:ok', 'bus:ok']);
  });

  it('when the pages and the API docs are asked, then the files copied beside the compiled code are served', async () => {
    for (const page of ['/app/', '/inspector/', '/pages/shared/liveSocket.js', '/pages/vendor/xstate-store/xstate-store.js', '/docs/']) {
      expect((await fetch(`${service.url}${page}`)).status, page).to.equal(200);
    }
  });

  it('when the compiled files are read, then none imports a development dependency or TypeScript statically', async () => {
    const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const allowed = new Set([...Object.keys(pkg.dependencies), ...builtinModules]);
    const offending: string[] = [];
    for (const file of await jsFiles(DIST)) {
      for (const specifier of staticImports(await readFile(file, 'utf8'))) {
        if (specifier.startsWith('/')) continue; // the pages' browser modules import by URL
        if (specifier.startsWith('.')) {
          if (!specifier.endsWith('.js') && !specifier.endsWith('.json')) offending.push(`${path.relative(DIST, file)}: ${specifier}`);
          continue;
        }
        if (!allowed.has(packageName(specifier))) offending.push(`${path.relative(DIST, file)}: ${specifier}`);
      }
    }
    expect(offending).to.deep.equal([]);
  });

  it('when a database was migrated by the TypeScript sources, then the compiled migrate finds it up to date (names keep .ts)', async () => {
    const db = await createTestDatabase(1);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(DIST, 'scripts', 'migrate.js')], { env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' } });
      expect(stdout.trim()).to.equal('already up to date');
    } finally {
      await db.destroy();
    }
  });

  it('when it receives SIGTERM, then it shuts down and stops its embedded PostgreSQL', async () => {
    await service.stop();
    expect(service.child.exitCode).to.equal(0);
    await waitFor(() => !existsSync(path.join(dataDir, 'pg', 'postmaster.pid')), { timeoutMs: 15_000, message: 'postgres still running' });
  });
});

async function jsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.js')).map((e) => path.join(e.parentPath, e.name));
}

/** `import … from '…'` / `export … from '…'` / `import '…'` at the start of a line of tsc's own output. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/^(?:(?:import|export)\s[^;'"]*?\bfrom\s*|import\s*)['"]([^'"]+)['"];?$/gm)].map((m) => m[1]!);
}

const packageName = (specifier: string) => {
  const bare = specifier.replace(/^node:/, '');
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
};
