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
import { sigmoid, type StudentEvidence } from './model.js';
import { DECISION, OCCURRENCE_WEIGHTS } from './modelWeights.js';
import type { RosterIndex } from './rosterIndex.js';
import type { NoMatchReason } from './types.js';

export const AUTO_CONFIRM_THRESHOLD = 0.7;
export const MAX_SUGGESTIONS = 3;
export const AMBIGUOUS_CAP = 0.6;
/** Cap for a best reading whose very words also name another student. */
export const CONTESTED_CAP = 0.65;
/** A runner-up this likely on its own evidence contests the best suggestion. */
export const CONTEST_PROBABILITY = 0.5;
export const WEAK_FORM_CAP = 0.69;
/** A stated author name that matches nobody caps a suggestion found elsewhere (e.g. only in the file name). */
export const CONFLICT_CAP = 0.6;
/** Near-ties below this probability are just noise, not ambiguity. */
export const AMBIGUITY_FLOOR = 0.12;
/** Occurrence logits this close count as a tie. */
export const TIE_LOGIT = 0.5;
/** A runner-up whose best occurrence is this much weaker contests the suggestion instead of tying with it. */
export const AMBIGUITY_LOGIT_GAP = 1.5;
/** Students below this probability are not listed at all. */
export const LISTING_FLOOR = 0.1;
/** Without a usable author, only candidates this likely are shown to the teacher. */
export const NO_MATCH_LISTING = 0.25;

export function calibrated(p: number, knot: number = DECISION.autoConfirmAt): number {
  const c = p < knot ? (0.69 * p) / knot : AUTO_CONFIRM_THRESHOLD + (0.29 * (p - knot)) / Math.max(1e-9, 1 - knot);
  return Math.round(Math.min(0.99, Math.max(0, c)) * 1000) / 1000;
}

export interface Ranked {
  evidence: StudentEvidence;
  confidence: number;
  ambiguous: boolean;
  conflicting?: boolean;
  contested?: boolean;
}

export interface Decision {
  ranked: Ranked[];
  noMatchReason: NoMatchReason | null;
}

export interface DecisionInput {
  evidence: StudentEvidence[];
  index: RosterIndex;
  nameStated: boolean;
  /** The essay states an author name (a label value, a name line) that no student's occurrence touches. */
  claimMatchesNobody: boolean;
}

/**
 * A form an outsider could produce by chance — a typo, a call name, another spelling, initials, one name
 * part, an order without a signal — never auto-confirms on its own: only when a second place agrees.
 */
const WEAK_FORMS = ['typo', 'call_name', 'spelling_variant', 'initials', 'given_name_only', 'family_name_only', 'reversed_order'] as const;
function weakFormCap(e: StudentEvidence): number {
  const best = e.occurrences[0]?.scored.features;
  if (!best || e.vector.support >= 0.5) return 1;
  return WEAK_FORMS.some((f) => best[f] > 0) ? WEAK_FORM_CAP : 1;
}

/** Every near-tied student is listed, all below AMBIGUOUS_CAP, so no timeout can pick one. */
function ambiguous(near: readonly StudentEvidence[]): Decision {
  return {
    ranked: near.slice(0, MAX_SUGGESTIONS).map((e) => ({ evidence: e, confidence: Math.min(calibrated(e.probability), AMBIGUOUS_CAP), ambiguous: true })),
    noMatchReason: 'ambiguous',
  };
}

export function decide({ evidence, index, nameStated, claimMatchesNobody }: DecisionInput): Decision {
  const conflictCap = claimMatchesNobody ? CONFLICT_CAP : 1;
  if (index.students.length === 0) return { ranked: [], noMatchReason: 'not_in_roster' };
  const key = (e: StudentEvidence): string => `${index.students[e.student]?.displayName.toLowerCase() ?? ''}\u0000${index.students[e.student]?.student.student_id ?? ''}`;
  const byProbabilityThenName = (a: StudentEvidence, b: StudentEvidence): number => b.probability - a.probability || (key(a) < key(b) ? -1 : 1);
  const listed = evidence.filter((e) => e.probability >= LISTING_FLOOR).sort(byProbabilityThenName);
  const top = listed[0];
  // A near-tie of the strongest occurrences (a shared given name, two identical names) is ambiguous even when
  // the student model, seeing the rival, gives each of them a low probability.
  // Strength of the best occurrence before the penalty for sharing its words with another student.
  const strength = (e: StudentEvidence): number => e.vector.best - (OCCURRENCE_WEIGHTS.shared_with_others ?? 0) * (e.occurrences[0]?.scored.features.shared_with_others ?? 0);
  const strongest = Math.max(-Infinity, ...evidence.map(strength));
  const tied = evidence.filter((e) => strength(e) >= strongest - TIE_LOGIT).sort(byProbabilityThenName);
  if (tied.length > 1 && sigmoid(strongest) >= AMBIGUITY_FLOOR) return ambiguous(tied);
  if (!top) return { ranked: [], noMatchReason: nameStated ? 'not_in_roster' : 'no_name_found' };
  // Otherwise a runner-up close in probability *and* in the strength of its best occurrence; one clearly
  // stronger occurrence (a labelled name against a file name) is contested instead, not ambiguous. Near-ties
  // below AMBIGUITY_FLOOR are noise, unless the best is above the floor (a suggestion would be made).
  const near = listed.filter((e) => e.probability >= top.probability * DECISION.ambiguityRatio && e.vector.best >= top.vector.best - AMBIGUITY_LOGIT_GAP);
  if (near.length > 1 && (top.probability >= AMBIGUITY_FLOOR || top.probability >= DECISION.floor)) return ambiguous(near);
  if (top.probability < DECISION.floor) {
    return {
      ranked: listed.filter((e) => e.probability >= NO_MATCH_LISTING).slice(0, MAX_SUGGESTIONS).map((e) => ({ evidence: e, confidence: Math.min(calibrated(e.probability), 0.5), ambiguous: false })),
      noMatchReason: nameStated ? 'not_in_roster' : 'no_name_found',
    };
  }
  // The same written words also read as another student's name ("Vu Anh" with both Anh Vu and Vu Anh in the
  // class): the order convention decides the suggestion, but not strongly enough for an auto-confirm.
  // …and a second student that is itself likely (the header names one, the file name another).
  const second = listed[1];
  const contestedByOther = second !== undefined && second.probability >= CONTEST_PROBABILITY;
  const contested = (e: StudentEvidence): number => (e === top && (e.sameWordsRival || contestedByOther) ? CONTESTED_CAP : 1);
  return {
    ranked: listed.filter((e) => e === top || e.probability >= NO_MATCH_LISTING).slice(0, MAX_SUGGESTIONS).map((e) => ({
      evidence: e,
      confidence: Math.min(calibrated(e.probability), contested(e), weakFormCap(e), conflictCap),
      ambiguous: false,
      conflicting: conflictCap < 1,
      contested: e === top && contested(e) < 1,
    })),
    noMatchReason: null,
  };
}
