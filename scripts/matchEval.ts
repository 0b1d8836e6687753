/**
 * Evaluates the matching engine (issue 13) on the shared dev corpus and on the held-out seeds of our own
 * generator (scripts/corpus), printing top-1 and false auto-confirms per kind of case:
 *
 *   npm run match:eval                       dev corpus + held-out corpus
 *   npm run match:eval -- --train [--fails K] training seeds instead of held-out (for development; --fails
 *                                            prints the failing cases of kind K, or of all kinds with "all")
 *
 * The held-out seeds are never printed case by case: looking at their failures would be tuning on them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CASES_PER_KIND, HELDOUT_SEEDS, TRAINING_SEEDS, generateMany } from './corpus/generate.js';
import { score, table, type LabelledCase, type Scored } from './corpus/score.js';

const DEV_CORPUS = '../shared/data/matching-dev.json';

function readDev(path: string): LabelledCase[] | null {
  if (!existsSync(path)) return null;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { cases?: LabelledCase[] } | LabelledCase[];
  return Array.isArray(raw) ? raw : (raw.cases ?? []);
}

function printFailures(s: Scored, kind: string): void {
  for (const { c, p } of s.failures.filter((f) => kind === 'all' || f.c.tags[0] === kind)) {
    const expected = c.roster.find((x) => x.student_id === c.expected_student_id);
    const got = c.roster.find((x) => x.student_id === p.student_id);
    console.log(`--- ${c.id} [${c.tags.join(',')}] file=${c.filename ?? ''}`);
    console.log(`    expected ${expected ? `${expected.first_name} ${expected.last_name}` : 'null'}; got ${got ? `${got.first_name} ${got.last_name}` : 'null'} @${p.confidence ?? '-'}`);
    console.log(c.text.slice(0, 240).replace(/\n/g, '⏎'));
    console.log(`    … ${c.text.slice(-160).replace(/\n/g, '⏎')}`);
  }
}

function main(argv: string[]): void {
  const train = argv.includes('--train');
  const failsAt = argv.indexOf('--fails');
  const failsKind = failsAt >= 0 ? (argv[failsAt + 1] ?? 'all') : null;
  const dev = readDev(DEV_CORPUS);
  if (dev) {
    const s = score(dev);
    console.log(table(`dev corpus ${DEV_CORPUS} (${dev.length} cases; kind = tags[0])`, s));
    if (failsKind && argv.includes('--dev')) printFailures(s, failsKind);
  } else {
    console.log(`dev corpus ${DEV_CORPUS} not found: skipped`);
  }
  console.log('');
  const seeds = train ? TRAINING_SEEDS : HELDOUT_SEEDS;
  const own = generateMany(seeds);
  const s = score(own);
  console.log(table(`${train ? 'training' : 'held-out'} corpus, seeds ${seeds.join(', ')} (${own.length} cases, ${CASES_PER_KIND} per kind per seed)`, s));
  if (failsKind && train && !argv.includes('--dev')) printFailures(s, failsKind);
}

main(process.argv.slice(2));
