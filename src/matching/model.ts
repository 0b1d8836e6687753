/**
 * The scoring model (issue 13): two small logistic regressions whose coefficients are in modelWeights.ts,
 * fitted offline by scripts/matchFit.ts on the generator's training seeds (never on held-out data).
 *
 * 1. Occurrence: logit = bias + Σ weight(feature) × value — how much this one occurrence says "author".
 * 2. Student: P(author) = σ(bias + w·[best occurrence logit, support from another place, number of
 *    occurrences, the strongest rival's best, a rival on the very same words]).
 */
import type { FeatureVector, OccurrenceFeature, Scored } from './features.js';
import { OCCURRENCE_WEIGHTS, STUDENT_WEIGHTS } from './modelWeights.js';

export const STUDENT_FEATURES = ['best', 'support', 'occurrences', 'rival', 'rival_same_words', 'support_same_form'] as const;
export type StudentFeature = (typeof STUDENT_FEATURES)[number];
export type StudentVector = Record<StudentFeature, number>;

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function occurrenceLogit(v: FeatureVector, weights: Readonly<Record<string, number>> = OCCURRENCE_WEIGHTS): number {
  let z = weights.bias ?? 0;
  for (const key in v) {
    const value = v[key as OccurrenceFeature];
    if (value !== 0) z += (weights[key] ?? 0) * value;
  }
  return z;
}

export interface StudentEvidence {
  student: number;
  /** Occurrences of this student, strongest first. */
  occurrences: { scored: Scored; logit: number }[];
  vector: StudentVector;
  probability: number;
  /** Another student's full name is read from the very words of this student's best occurrence. */
  sameWordsRival: boolean;
}

const placeOf = (s: Scored): string => (s.occ.source === 'text' ? `text:${s.line}` : s.occ.source);
const overlaps = (a: Scored, b: Scored): boolean => a.occ.source === b.occ.source && a.occ.start < b.occ.end && b.occ.start < a.occ.end;

/** Groups occurrences by student and computes the student-level vector and probability. */
export function studentEvidence(
  scored: readonly Scored[],
  occWeights: Readonly<Record<string, number>> = OCCURRENCE_WEIGHTS,
  studentWeights: Readonly<Record<string, number>> = STUDENT_WEIGHTS,
): StudentEvidence[] {
  const byStudent = new Map<number, { scored: Scored; logit: number }[]>();
  for (const s of scored) {
    const list = byStudent.get(s.occ.student) ?? [];
    list.push({ scored: s, logit: occurrenceLogit(s.features, occWeights) });
    byStudent.set(s.occ.student, list);
  }
  const out: StudentEvidence[] = [];
  for (const [student, list] of byStudent) {
    list.sort((a, b) => b.logit - a.logit);
    out.push({ student, occurrences: list, vector: {} as StudentVector, probability: 0, sameWordsRival: false });
  }
  for (const e of out) {
    const best = e.occurrences[0] as { scored: Scored; logit: number };
    const other = e.occurrences.find((o) => placeOf(o.scored) !== placeOf(best.scored));
    let rival = -8;
    let rivalSame = 0;
    for (const r of out) {
      if (r === e) continue;
      rival = Math.max(rival, r.occurrences[0]?.logit ?? -8);
      if (r.occurrences.some((o) => overlaps(o.scored, best.scored) && o.logit >= best.logit - 1)) rivalSame = 1;
      // Another complete reading of the very same words ("Vu Anh": Anh Vu or Vu Anh) unless a comma or
      // separate fields fixed the order.
      const f = best.scored.features;
      if (f.all_parts > 0 && f.family_comma_given === 0 && r.occurrences.some((o) => overlaps(o.scored, best.scored) && o.scored.features.all_parts > 0)) e.sameWordsRival = true;
    }
    e.vector = {
      best: best.logit,
      support: other ? sigmoid(other.logit) : 0,
      occurrences: Math.log1p(e.occurrences.length),
      rival: sigmoid(rival),
      rival_same_words: rivalSame,
      support_same_form: other && other.scored.features.full_name === best.scored.features.full_name ? sigmoid(other.logit) : 0,
    };
    let z = studentWeights.bias ?? 0;
    for (const f of Object.keys(e.vector) as StudentFeature[]) z += (studentWeights[f] ?? 0) * e.vector[f];
    e.probability = sigmoid(z);
  }
  return out.sort((a, b) => b.probability - a.probability);
}
