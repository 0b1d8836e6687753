/**
 * What the untrusted-work pool costs (issue 10), each figure beside its in-process baseline from the same run:
 *  - matching: essays/s and a 30-essay batch (35-student roster) in-process vs through the pool (1 and 2 threads);
 *  - extraction, i.e. the part of upload latency that moved: a typical .txt, .docx and .pdf essay, in-process vs
 *    through the pool (median of repeated runs, one at a time as the upload route does).
 *
 *   npm run bench:pool [-- <corpus.json>]      (default ../shared/data/matching-dev.json)
 *
 * Prints the figures and writes them to bench/results/untrusted-pool-<timestamp>.json.
 */
import { performance } from 'node:perf_hooks';
import { extractEssayText, type EssayFile } from '../src/intake/index.js';
import { matchEssay, type RosterStudent } from '../src/matching/index.js';
import { createUntrustedPool, type UntrustedPool } from '../src/untrusted/index.js';
import { makeDocx, makePdf } from '../test/unit/intake/fixtures.js';
import { loadBenchCases, machineInfo, percentile, writeResult, type BenchCase } from './benchUtil.js';

const THROUGHPUT_SECONDS = 3;
const BATCH_ESSAYS = 30;
const ROSTER_SIZE = 35;
const BATCH_RUNS = 100;
const EXTRACT_RUNS = 40;
const LIMITS = { maxBytes: 10 * 1024 * 1024 };

/** The corpus' rosters pooled into one class of 35, as a real batch has one roster for all its essays. */
function batchRoster(cases: readonly BenchCase[]): RosterStudent[] {
  const byId = new Map<string, RosterStudent>();
  for (const c of cases) for (const s of c.roster) if (byId.size < ROSTER_SIZE) byId.set(s.student_id, s);
  return [...byId.values()];
}

type MatchOne = (c: BenchCase) => Promise<unknown>;

/** Essays per second with `inFlight` essays outstanding (1 = the in-process engine, one at a time). */
async function essaysPerSecond(cases: readonly BenchCase[], match: MatchOne, inFlight: number): Promise<number> {
  for (const c of cases) await match(c); // warm-up (and every worker's roster index)
  let next = 0;
  let done = 0;
  const stopAt = performance.now() + THROUGHPUT_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < stopAt) {
        await match(cases[next++ % cases.length]!);
        done++;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** Median and p95 ms of matching the first 30 essays at once, as the matcher does for one batch. */
async function batchTimings(cases: readonly BenchCase[], match: MatchOne): Promise<{ median: number; p95: number }> {
  const essays = cases.slice(0, BATCH_ESSAYS);
  const timings: number[] = [];
  for (let run = 0; run < BATCH_RUNS; run++) {
    const started = performance.now();
    await Promise.all(essays.map(match));
    timings.push(performance.now() - started);
  }
  return { median: percentile(timings, 50), p95: percentile(timings, 95) };
}

async function typicalFiles(cases: readonly BenchCase[]): Promise<EssayFile[]> {
  const text = cases.slice(0, 3).map((c) => c.text).join('\n\n');
  const paragraphs = text.split('\n').map((line) => [line]);
  return [
    { filename: 'essay.txt', bytes: Buffer.from(text) },
    { filename: 'essay.docx', bytes: await makeDocx(paragraphs) },
    // The standard PDF fonts encode Latin-1 only.
    { filename: 'essay.pdf', bytes: await makePdf([text.normalize('NFC').replace(/[^\x20-\x7E\u00A0-\u00FF\n]/g, '').split('\n').slice(0, 40).map((l) => l.slice(0, 90))]) },
  ];
}

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  await run();
  const timings: number[] = [];
  for (let i = 0; i < EXTRACT_RUNS; i++) {
    const started = performance.now();
    await run();
    timings.push(performance.now() - started);
  }
  return percentile(timings, 50);
}

const round = (n: number, digits = 2) => +n.toFixed(digits);

async function main(): Promise<void> {
  const { corpusPath, cases } = loadBenchCases();
  const roster = batchRoster(cases);
  const rosterRef = { key: 'bench-roster', students: roster };
  const inProcess: MatchOne = async (c) => matchEssay({ text: c.text, filename: c.filename }, roster);
  const pools: Record<string, UntrustedPool> = {
    '1 thread': createUntrustedPool({ threads: 1, heapMb: 256, extractionBudgetMs: 10_000, matchingBudgetMs: 2_000 }),
    '2 threads': createUntrustedPool({ threads: 2, heapMb: 256, extractionBudgetMs: 10_000, matchingBudgetMs: 2_000 }),
  };
  const viaPool = (pool: UntrustedPool): MatchOne => async (c) => {
    const outcome = await pool.match({ text: c.text, filename: c.filename }, rosterRef);
    if (!outcome.ok) throw new Error(`pool task failed: ${outcome.detail}`);
  };
  try {
    const matching: Record<string, { essays_per_second: number; batch_median_ms: number; batch_p95_ms: number }> = {};
    const measure = async (name: string, match: MatchOne, inFlight: number) => {
      const eps = await essaysPerSecond(cases, match, inFlight);
      const batch = await batchTimings(cases, match);
      matching[name] = { essays_per_second: Math.round(eps), batch_median_ms: round(batch.median), batch_p95_ms: round(batch.p95) };
    };
    await measure('in-process', inProcess, 1);
    for (const [name, pool] of Object.entries(pools)) await measure(`pool, ${name}`, viaPool(pool), 8);

    const pool = pools['2 threads']!;
    const extraction: Record<string, { in_process_ms: number; pool_ms: number; ratio: number }> = {};
    for (const file of await typicalFiles(cases)) {
      const local = await medianMs(() => extractEssayText(file, LIMITS));
      const pooled = await medianMs(() => pool.extract(file, LIMITS));
      extraction[file.filename] = { in_process_ms: round(local), pool_ms: round(pooled), ratio: round(pooled / local) };
    }

    const base = matching['in-process']!;
    console.log(`matching (${cases.length} cases, ${roster.length}-student roster for the ${BATCH_ESSAYS}-essay batch):`);
    for (const [name, m] of Object.entries(matching)) {
      console.log(`  ${name.padEnd(18)} ${String(m.essays_per_second).padStart(6)} essays/s (×${round(m.essays_per_second / base.essays_per_second)})   batch median ${m.batch_median_ms} ms (×${round(m.batch_median_ms / base.batch_median_ms)}), p95 ${m.batch_p95_ms} ms`);
    }
    console.log('extraction of one file (median of 40; what an upload spends per file):');
    for (const [name, e] of Object.entries(extraction)) console.log(`  ${name.padEnd(12)} in-process ${e.in_process_ms} ms   pool ${e.pool_ms} ms   (×${e.ratio})`);
    const file = await writeResult('untrusted-pool', { corpus: corpusPath, matching, extraction, machine: machineInfo() });
    console.log(`written: ${file}`);
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.close()));
  }
}

await main();
