/**
 * From student probabilities to what the teacher sees (issue 13):
 * - calibrated confidence: the probability is mapped piecewise-linearly so that DECISION.autoConfirmAt
 *   lands on 0.7, the line the 24 h timeout auto-confirms (chosen on calibration seeds for ≥ 99.5 %
 *   precision; see scripts/matchFit.ts);
 * - `ambiguous`: a second student within DECISION.ambiguityRatio of the best — every such student is
 *   suggested, all below AMBIGUOUS_CAP, so no timeout can pick one;
 * - below DECISION.floor nobody is the author: `not_in_roster` when the essay states a name (or the roster
 *   is empty), else `no_name_found`.
 * Ties are ordered by name and id, never by roster order.
 */
import type { StudentEvidence } from './model.js';
import { DECISION } from './modelWeights.js';
import type { RosterIndex } from './rosterIndex.js';
import type { NoMatchReason } from './types.js';

export const AUTO_CONFIRM_THRESHOLD = 0.7;
export const MAX_SUGGESTIONS = 3;
export const AMBIGUOUS_CAP = 0.6;
/** Cap for a best reading whose very words also name another student. */
export const CONTESTED_CAP = 0.65;
/** Students below this probability are not listed at all. */
export const LISTING_FLOOR = 0.1;

export function calibrated(p: number, knot: number = DECISION.autoConfirmAt): number {
  const c = p < knot ? (0.69 * p) / knot : AUTO_CONFIRM_THRESHOLD + (0.29 * (p - knot)) / Math.max(1e-9, 1 - knot);
  return Math.round(Math.min(0.99, Math.max(0, c)) * 1000) / 1000;
}

export interface Ranked {
  evidence: StudentEvidence;
  confidence: number;
  ambiguous: boolean;
}

export interface Decision {
  ranked: Ranked[];
  noMatchReason: NoMatchReason | null;
}

export interface DecisionInput {
  evidence: StudentEvidence[];
  index: RosterIndex;
  nameStated: boolean;
}

export function decide({ evidence, index, nameStated }: DecisionInput): Decision {
  if (index.students.length === 0) return { ranked: [], noMatchReason: 'not_in_roster' };
  const key = (e: StudentEvidence): string => `${index.students[e.student]?.displayName.toLowerCase() ?? ''}\u0000${index.students[e.student]?.student.student_id ?? ''}`;
  const listed = evidence.filter((e) => e.probability >= LISTING_FLOOR).sort((a, b) => b.probability - a.probability || (key(a) < key(b) ? -1 : 1));
  const top = listed[0];
  if (!top || top.probability < DECISION.floor) {
    return {
      ranked: listed.slice(0, MAX_SUGGESTIONS).map((e) => ({ evidence: e, confidence: Math.min(calibrated(e.probability), 0.5), ambiguous: false })),
      noMatchReason: nameStated ? 'not_in_roster' : 'no_name_found',
    };
  }
  const contenders = listed.filter((e) => e.probability >= top.probability * DECISION.ambiguityRatio);
  if (contenders.length > 1) {
    return {
      ranked: contenders.slice(0, MAX_SUGGESTIONS).map((e) => ({ evidence: e, confidence: Math.min(calibrated(e.probability), AMBIGUOUS_CAP), ambiguous: true })),
      noMatchReason: 'ambiguous',
    };
  }
  // The same written words also read as another student's name ("Vu Anh" with both Anh Vu and Vu Anh in the
  // class): the order convention decides the suggestion, but not strongly enough for an auto-confirm.
  const contested = (e: StudentEvidence): number => (e === top && (e.sameWordsRival || e.vector.rival_same_words > 0) ? CONTESTED_CAP : 1);
  return {
    ranked: listed.slice(0, MAX_SUGGESTIONS).map((e) => ({ evidence: e, confidence: Math.min(calibrated(e.probability), contested(e)), ambiguous: false })),
    noMatchReason: null,
  };
}
