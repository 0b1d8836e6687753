/**
 * Scoring with the semantics of ../shared/eval/score-matching.mjs (threshold 0.7): a prediction is the top
 * suggestion when the engine reports a match, an abstention otherwise (as scripts/matchCorpus.ts writes it);
 * top-1 counts correct students and correct abstentions; a false auto-confirm is a wrong student at ≥ 0.7.
 */
import { matchEssay, type MatchResult, type RosterStudent } from '../../src/matching/index.js';

export interface LabelledCase {
  id: string;
  text: string;
  filename?: string | null;
  roster: RosterStudent[];
  expected_student_id: string | null;
  tags: string[];
}

export interface Prediction {
  student_id: string | null;
  confidence: number | null;
}

export interface Tally {
  n: number;
  correct: number;
  falseAuto: number;
  ambiguousN: number;
  ambiguousSafe: number;
  positives: number;
  correctPositives: number;
}

const THRESHOLD = 0.7;

export function toPrediction(result: MatchResult): Prediction {
  const top = result.suggestions[0];
  if (result.no_match_reason !== null || !top) return { student_id: null, confidence: null };
  return { student_id: top.student_id, confidence: top.confidence_score };
}

function predict(c: LabelledCase): Prediction {
  return toPrediction(matchEssay({ text: c.text, filename: c.filename ?? null }, c.roster));
}

const empty = (): Tally => ({ n: 0, correct: 0, falseAuto: 0, ambiguousN: 0, ambiguousSafe: 0, positives: 0, correctPositives: 0 });

export function add(t: Tally, c: LabelledCase, p: Prediction): void {
  const conf = p.confidence ?? 0;
  const right = p.student_id !== null && p.student_id === c.expected_student_id;
  t.n++;
  if (right || (p.student_id === null && c.expected_student_id === null)) t.correct++;
  if (p.student_id !== null) t.positives++;
  if (right) t.correctPositives++;
  if (p.student_id !== null && !right && conf >= THRESHOLD) t.falseAuto++;
  if (c.tags.includes('ambiguous')) {
    t.ambiguousN++;
    if (p.student_id === null || conf < THRESHOLD) t.ambiguousSafe++;
  }
}

export interface Scored {
  overall: Tally;
  byKind: Map<string, Tally>;
  failures: { c: LabelledCase; p: Prediction }[];
}

export function score(cases: readonly LabelledCase[], predictOne: (c: LabelledCase) => Prediction = predict): Scored {
  const overall = empty();
  const byKind = new Map<string, Tally>();
  const failures: Scored['failures'] = [];
  for (const c of cases) {
    const p = predictOne(c);
    const kind = c.tags[0] ?? '(none)';
    if (!byKind.has(kind)) byKind.set(kind, empty());
    add(overall, c, p);
    add(byKind.get(kind)!, c, p);
    const right = p.student_id === c.expected_student_id;
    if (!right) failures.push({ c, p });
  }
  return { overall, byKind, failures };
}

const pct = (a: number, b: number): string => (b === 0 ? '    -' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

export function table(title: string, s: Scored): string {
  const lines = [title, `${'kind'.padEnd(22)} ${'n'.padStart(5)}  ${'top-1'.padStart(6)}  ${'FAC#'.padStart(4)}  ambiguous<0.7`];
  const row = (name: string, t: Tally): string =>
    `${name.padEnd(22)} ${String(t.n).padStart(5)}  ${pct(t.correct, t.n)}  ${String(t.falseAuto).padStart(4)}  ${t.ambiguousN ? `${t.ambiguousSafe}/${t.ambiguousN}` : '-'}`;
  for (const [kind, t] of [...s.byKind.entries()].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(row(kind, t));
  lines.push(row('ALL', s.overall));
  lines.push(`top-1 ${pct(s.overall.correct, s.overall.n)}   false auto-confirm ${pct(s.overall.falseAuto, s.overall.n)} (${s.overall.falseAuto})   precision ${pct(s.overall.correctPositives, s.overall.positives)}   ambiguous held below 0.7: ${s.overall.ambiguousSafe}/${s.overall.ambiguousN}`);
  return lines.join('\n');
}
