/**
 * Runs the matching engine over a labelled corpus and writes predictions for
 * ../shared/eval/score-matching.mjs:
 *
 *   npm run --silent match:corpus -- <corpus.json> <predictions.json>
 *
 * Output: {"<case id>": {"student_id": <id or null>, "confidence": 0..1}}. The prediction is the top
 * suggestion when the engine reports a match (no_match_reason null); when it reports a reason
 * (ambiguous, not in roster, no name, error) it abstains with student_id null, because that is what a
 * teacher would see: candidates to choose from, not an author.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { matchEssay } from '../src/matching/index.js';
import { toPrediction, type Prediction } from './corpus/score.js';

const rosterStudentSchema = z.object({
  student_id: z.string().min(1),
  first_name: z.string(),
  last_name: z.string(),
  full_legal_name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});

const caseSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  filename: z.string().nullable().optional(),
  roster: z.array(rosterStudentSchema),
});


function fail(message: string): never {
  console.error(`match:corpus: ${message}`);
  process.exit(2);
}

function readCorpus(path: string): z.infer<typeof caseSchema>[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    fail(`cannot read corpus ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const isWrapped = !Array.isArray(raw) && typeof raw === 'object' && raw !== null && 'cases' in raw;
  const list: unknown = isWrapped ? (raw as { cases: unknown }).cases : raw;
  if (!Array.isArray(list)) fail(`corpus ${path} must be an array of cases or an object with a "cases" array`);
  const parsed = z.array(caseSchema).safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = [isWrapped ? 'cases' : '', ...(issue?.path ?? [])].filter((p) => p !== '').join('.');
    fail(`corpus ${path} is malformed at ${where || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const cases = parsed.data;
  if (cases.length === 0) fail(`corpus ${path} has no cases`);
  const ids = new Set<string>();
  for (const c of cases) {
    if (ids.has(c.id)) fail(`corpus ${path} has duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  return cases;
}

function main(argv: string[]): void {
  const [corpusPath, outPath] = argv;
  if (!corpusPath || !outPath || argv.length !== 2) {
    console.error('usage: npm run --silent match:corpus -- <corpus.json> <predictions.json>');
    process.exit(1);
  }
  const predictions: Record<string, Prediction> = {};
  for (const c of readCorpus(corpusPath)) {
    predictions[c.id] = toPrediction(matchEssay({ text: c.text, filename: c.filename ?? null }, c.roster));
  }
  try {
    writeFileSync(outPath, `${JSON.stringify(predictions, null, 2)}\n`);
  } catch (err) {
    fail(`cannot write ${outPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

main(process.argv.slice(2));
