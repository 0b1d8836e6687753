// `npm run build`: compiles the service to dist/ (tsconfig.build.json) and copies what it reads from disk at
// run time — the pages' HTML/CSS/JS under src/pages — beside the compiled files (issue 15).
import { execFileSync } from 'node:child_process';
import { cp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain } from './cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
/** Folders whose non-TypeScript files the service reads at run time. */
const ASSET_DIRS = ['src/pages'];

async function main(): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  for (const dir of ASSET_DIRS) {
    await cp(path.join(root, dir), path.join(dist, dir), { recursive: true, filter: (source) => !source.endsWith('.ts') });
  }
  console.log(`built ${path.relative(process.cwd(), dist) || '.'}`);
}

runMain(main, { code: 1, label: 'build failed:' });
