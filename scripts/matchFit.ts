/**
 * Fits the matching model (issue 13) and writes src/matching/modelWeights.ts:
 *
 *   npx tsx scripts/matchFit.ts
 *
 * 1. Occurrence model: logistic regression (Newton/IRLS with a small ridge) of "this occurrence's student
 *    is the author" on the occurrence features, over the generator's TRAINING_SEEDS.
 * 2. Student model: logistic regression of "this student is the author" on the student features built
 *    from the fitted occurrence model, same seeds.
 * 3. Decision constants on the CALIBRATION_SEEDS (disjoint from training and held-out): the floor and the
 *    ambiguity ratio that maximise top-1, and the probability that becomes confidence 0.7 — the lowest one
 *    at which the auto-confirmed suggestions are still ≥ 99.8 % right (target ≥ 99.5 %, with margin).
 * The held-out seeds are never read here. The dev corpus is not used for fitting either.
 */
import { writeFileSync } from 'node:fs';
import { analyse } from '../src/matching/analyse.js';
import { OCCURRENCE_FEATURES } from '../src/matching/features.js';
import { STUDENT_FEATURES, studentEvidence, type StudentEvidence } from '../src/matching/model.js';
import { buildRosterIndex } from '../src/matching/rosterIndex.js';
import { CALIBRATION_SEEDS, TRAINING_SEEDS, generateMany } from './corpus/generate.js';
import type { GeneratedCase } from './corpus/kinds.js';

type Weights = Record<string, number>;

const RIDGE = 0.5;
const TARGET_PRECISION = 0.998;

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pivot;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

/**
 * Sign constraints that keep the model monotone and readable: a weaker form of the name never scores
 * higher than the exact form, and a stronger cue never scores lower (a teacher would reason the same way).
 */
const AT_MOST_ZERO = new Set(['middle_name', 'diacritics_folded', 'typo', 'call_name', 'spelling_variant', 'initials', 'reversed_order', 'unknown_name_beside', 'other_persons_label', 'shared_with_others', 'field_disagrees', 'quoted', 'reported_speech']);
const AT_LEAST_ZERO = new Set(['all_parts', 'label', 'email_exact', 'field_agrees', 'full_with_strong_cue', 'byline', 'self_intro']);

/** Ridge logistic regression by Newton's method, projected onto the sign constraints; column 0 is the bias. */
function fitLogistic(x: number[][], y: number[], iterations = 25, names: readonly string[] = []): number[] {
  const d = (x[0]?.length ?? 0);
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = x[i]!;
      let z = 0;
      for (let k = 0; k < d; k++) z += w[k]! * row[k]!;
      const p = 1 / (1 + Math.exp(-z));
      const g = p - y[i]!;
      const h = Math.max(p * (1 - p), 1e-6);
      for (let k = 0; k < d; k++) {
        if (row[k] === 0) continue;
        grad[k]! += g * row[k]!;
        for (let l = 0; l < d; l++) if (row[l] !== 0) hess[k]![l]! += h * row[k]! * row[l]!;
      }
    }
    for (let k = 1; k < d; k++) {
      grad[k]! += RIDGE * w[k]!;
      hess[k]![k]! += RIDGE;
    }
    hess[0]![0]! += 1e-6;
    const step = solve(hess, grad);
    w = w.map((v, k) => {
      const next = v - step[k]!;
      const name = names[k - 1] ?? '';
      if (AT_MOST_ZERO.has(name)) return Math.min(0, next);
      if (AT_LEAST_ZERO.has(name)) return Math.max(0, next);
      return next;
    });
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return w;
}

const toWeights = (names: readonly string[], w: number[]): Weights => Object.fromEntries([['bias', w[0]!], ...names.map((n, i) => [n, w[i + 1]!])]);

interface Prepared {
  c: GeneratedCase;
  scored: ReturnType<typeof analyse>['scored'];
  ids: string[];
  stated: boolean;
}

function prepare(cases: readonly GeneratedCase[]): Prepared[] {
  return cases.map((c) => {
    const index = buildRosterIndex(c.roster);
    const a = analyse(c.text, c.filename ?? '', index);
    const stated = a.claim !== null;
    return { c, scored: a.scored, ids: c.roster.map((s) => s.student_id), stated };
  });
}

function fitOccurrences(data: readonly Prepared[]): Weights {
  const x: number[][] = [];
  const y: number[] = [];
  for (const d of data) {
    for (const s of d.scored) {
      x.push([1, ...OCCURRENCE_FEATURES.map((f) => s.features[f])]);
      y.push(d.ids[s.occ.student] === d.c.expected_student_id ? 1 : 0);
    }
  }
  console.log(`occurrence model: ${x.length} occurrences, ${y.filter((v) => v === 1).length} of the author`);
  return toWeights(OCCURRENCE_FEATURES, fitLogistic(x, y, 40, OCCURRENCE_FEATURES));
}

function fitStudents(data: readonly Prepared[], occ: Weights): Weights {
  const x: number[][] = [];
  const y: number[] = [];
  for (const d of data) {
    for (const e of studentEvidence(d.scored, occ, { bias: 0 })) {
      x.push([1, ...STUDENT_FEATURES.map((f) => e.vector[f])]);
      y.push(d.ids[e.student] === d.c.expected_student_id ? 1 : 0);
    }
  }
  console.log(`student model: ${x.length} candidate students, ${y.filter((v) => v === 1).length} authors`);
  return toWeights(STUDENT_FEATURES, fitLogistic(x, y));
}

interface Outcome {
  top: StudentEvidence | undefined;
  second: StudentEvidence | undefined;
  expected: string | null;
  ids: string[];
}

function chooseDecision(data: readonly Prepared[], occ: Weights, stu: Weights): { floor: number; ambiguityRatio: number; autoConfirmAt: number } {
  const outcomes: Outcome[] = data.map((d) => {
    const ev = studentEvidence(d.scored, occ, stu);
    return { top: ev[0], second: ev[1], expected: d.c.expected_student_id, ids: d.ids };
  });
  let best = { floor: 0.3, ambiguityRatio: 0.6, correct: -1 };
  for (let floor = 0.05; floor <= 0.8; floor += 0.025) {
    for (let ratio = 0.5; ratio <= 0.95; ratio += 0.05) {
      let correct = 0;
      for (const o of outcomes) {
        const abstain = !o.top || o.top.probability < floor || (o.second !== undefined && o.second.probability >= o.top.probability * ratio);
        const predicted = abstain || !o.top ? null : (o.ids[o.top.student] ?? null);
        if (predicted === o.expected) correct++;
      }
      if (correct > best.correct) best = { floor, ambiguityRatio: ratio, correct };
    }
  }
  const decided = outcomes
    .filter((o) => o.top && o.top.probability >= best.floor && !(o.second && o.second.probability >= o.top.probability * best.ambiguityRatio))
    .map((o) => ({ p: o.top!.probability, right: o.ids[o.top!.student] === o.expected }))
    .sort((a, b) => b.p - a.p);
  let autoConfirmAt = 0.999;
  let right = 0;
  for (let i = 0; i < decided.length; i++) {
    if (decided[i]!.right) right++;
    const next = decided[i + 1];
    if (right / (i + 1) >= TARGET_PRECISION && (!next || next.p < decided[i]!.p)) autoConfirmAt = decided[i]!.p;
  }
  const wrongAbove = decided.filter((d) => d.p >= autoConfirmAt && !d.right).length;
  console.log(`calibration: ${outcomes.length} cases, top-1 ${(100 * best.correct / outcomes.length).toFixed(1)} % at floor ${best.floor.toFixed(3)}, ambiguity ratio ${best.ambiguityRatio.toFixed(2)}; ` +
    `0.7 ↔ p ${autoConfirmAt.toFixed(4)} (${decided.filter((d) => d.p >= autoConfirmAt).length} auto-confirmable, ${wrongAbove} wrong)`);
  return { floor: +best.floor.toFixed(3), ambiguityRatio: +best.ambiguityRatio.toFixed(2), autoConfirmAt: +Math.max(0.5, autoConfirmAt).toFixed(4) };
}

const fmt = (w: Weights): string => `{\n${Object.entries(w).map(([k, v]) => `  ${k}: ${v.toFixed(3)},`).join('\n')}\n}`;

function main(): void {
  const training = prepare(generateMany(TRAINING_SEEDS));
  const occ = fitOccurrences(training);
  const stu = fitStudents(training, occ);
  const decision = chooseDecision(prepare(generateMany(CALIBRATION_SEEDS)), occ, stu);
  const file = `/**
 * Coefficients of the matching model (issue 13), written by scripts/matchFit.ts — do not edit by hand;
 * change the features or the generator and re-run \`npx tsx scripts/matchFit.ts\`.
 * Fitted on the generator's training seeds ${TRAINING_SEEDS.join(', ')}; decision constants chosen on the
 * calibration seeds ${CALIBRATION_SEEDS.join(', ')}. Held-out seeds and the dev corpus are never used here.
 * A positive weight means "more likely the author". See features.ts and model.ts for the meaning.
 */

/** Occurrence model: logit of "this occurrence names the author". */
export const OCCURRENCE_WEIGHTS: Readonly<Record<string, number>> = ${fmt(occ)};

/** Student model: logit of "this student is the author". */
export const STUDENT_WEIGHTS: Readonly<Record<string, number>> = ${fmt(stu)};

/** floor: below it nobody is suggested as the author; ambiguityRatio: a rival at ≥ this share of the best
 * probability makes it ambiguous; autoConfirmAt: the probability mapped to confidence 0.7. */
export const DECISION = ${JSON.stringify(decision).replace(/"(\w+)":/g, '$1: ')} as const;
`;
  writeFileSync(new URL('../src/matching/modelWeights.ts', import.meta.url), file);
  console.log('written: src/matching/modelWeights.ts');
}

main();
