/**
 * Final decision: order the students, detect ambiguity and conflicts, and say why there is no match.
 *
 * - `ambiguous`: a second student scores within AMBIGUITY_MARGIN of the best (a given name two students
 *   share, two identical names, header and sign-off naming different students …). Every such contender is
 *   listed, capped at AMBIGUOUS_CAP (< 0.7), so the 24 h timeout can never pick one of them.
 * - `contested`: the best student is clearly ahead, but another one would be auto-confirmed on other
 *   evidence (e.g. the header names one student and the file name another). The best one is still
 *   suggested, scaled below CONTESTED_CAP (< 0.7) so a teacher has to look.
 * - A name the essay states outright ("Name: …", "My name is …", an exam.net dated header) that matches
 *   nobody caps all other candidates at CONFLICT_CAP: the essay says its author is someone else.
 * - `not_in_roster`: no usable candidate (≥ USABLE_CONFIDENCE) although a name was stated, or the roster
 *   is empty; `no_name_found`: no usable candidate and no stated name.
 * Ties are broken by name and id, never by roster order.
 */
import type { RosterIndex } from './rosterIndex.js';
import type { StudentScore } from './combine.js';
import {
  AMBIGUITY_MARGIN,
  AMBIGUOUS_CAP,
  AUTO_CONFIRM_THRESHOLD,
  CONFLICT_CAP,
  CONTESTED_CAP,
  LISTING_FLOOR,
  USABLE_CONFIDENCE,
} from './scoring.js';
import type { NoMatchReason } from './types.js';

export const MAX_SUGGESTIONS = 3;

export interface Decision {
  ranked: StudentScore[];
  noMatchReason: NoMatchReason | null;
}

function ranking(index: RosterIndex): (a: StudentScore, b: StudentScore) => number {
  const key = (s: StudentScore): string => {
    const student = index.students[s.studentIndex];
    return `${student?.displayName.toLowerCase() ?? ''}\u0000${student?.student.student_id ?? ''}`;
  };
  return (a, b) => b.confidence - a.confidence || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
}

/**
 * Scales every score so the best one is at most `cap`: the order and the relative strength are kept,
 * and `reason` explains the lowered confidence.
 */
function scaledBelow(scores: StudentScore[], cap: number, reason: string, affected: (s: StudentScore) => boolean): StudentScore[] {
  const best = scores[0]?.confidence ?? 0;
  const factor = best > cap ? cap / best : 1;
  return scores.map((s) => ({
    ...s,
    confidence: s.confidence * factor,
    reasons: affected(s) && !s.reasons.includes(reason) ? [...s.reasons, reason] : s.reasons,
  }));
}

const EPSILON = 1e-9;

/** Both students owe their score to the same written name: its closer fit already decided between them. */
function sameBestMention(a: StudentScore, b: StudentScore): boolean {
  const x = a.support[0];
  const y = b.support[0];
  return x !== undefined && y !== undefined && x.cue === y.cue && x.ranges[0]?.start === y.ranges[0]?.start;
}

export interface DecisionInput {
  scores: StudentScore[];
  index: RosterIndex;
  /** The essay stated an author name that matches nobody. */
  conflictingClaim: boolean;
  /** The essay states a name or address at all (decides not_in_roster versus no_name_found). */
  nameStated: boolean;
}

export function decide({ scores, index, conflictingClaim, nameStated }: DecisionInput): Decision {
  if (index.students.length === 0) return { ranked: [], noMatchReason: 'not_in_roster' };
  const order = ranking(index);
  let ranked = scores.filter((s) => s.confidence >= LISTING_FLOOR).sort(order);
  const top = ranked[0];
  if (!top || top.confidence < USABLE_CONFIDENCE) {
    return { ranked: ranked.slice(0, MAX_SUGGESTIONS), noMatchReason: nameStated ? 'not_in_roster' : 'no_name_found' };
  }
  const contenders = ranked.filter((s) => s.confidence > top.confidence - AMBIGUITY_MARGIN + EPSILON);
  const ambiguous = contenders.length > 1;
  const second = ranked[1];
  const contested = !ambiguous && second !== undefined && second.confidence >= AUTO_CONFIRM_THRESHOLD && !sameBestMention(top, second);
  if (ambiguous) ranked = scaledBelow(ranked, AMBIGUOUS_CAP, 'ambiguous', (s) => contenders.includes(s));
  if (contested) ranked = scaledBelow(ranked, CONTESTED_CAP, 'contested_by_other_cue', (s) => s === top);
  if (conflictingClaim) ranked = scaledBelow(ranked, CONFLICT_CAP, 'conflicting_author_name', () => true);
  ranked = ranked.slice(0, MAX_SUGGESTIONS);
  return { ranked, noMatchReason: ambiguous ? 'ambiguous' : null };
}
