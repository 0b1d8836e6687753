import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RosterStudent } from '../src/matching/index.js';

const RESULTS_DIR = fileURLToPath(new URL('./results', import.meta.url));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function machineInfo() {
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

/** Writes bench/results/<name>-<timestamp>.json and returns its path. */
export async function writeResult(name: string, result: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify({ name, at: new Date().toISOString(), ...(result as object) }, null, 2)}\n`);
  return file;
}

/** One labelled essay of a matching corpus, as the matching benches read it. */
export interface BenchCase {
  text: string;
  filename: string | null;
  roster: RosterStudent[];
}

/** The corpus the matching benches run on: the path given as the first argument, or the shared dev corpus. */
export function loadBenchCases(corpusPath = process.argv[2] ?? '../shared/data/matching-dev.json'): { corpusPath: string; cases: BenchCase[] } {
  const raw: unknown = JSON.parse(readFileSync(corpusPath, 'utf8'));
  const cases = Array.isArray(raw) ? raw : (raw as { cases?: unknown }).cases;
  if (!Array.isArray(cases) || cases.length === 0) throw new Error(`${corpusPath}: no cases`);
  return { corpusPath, cases: cases as BenchCase[] };
}
