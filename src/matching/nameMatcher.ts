/**
 * Matches one written name (a mention's tokens) against one roster student. Every way of reading the
 * tokens as given / middle / family name is tried, in the written order and reversed; each reading
 * yields reason codes, its penalty is the sum of their FIT_PENALTY (scoring.ts), and the reading with the
 * smallest penalty wins. Readings above MAX_FIT_PENALTY are not matches at all.
 */
import { matchFamilyPart, matchGivenPart, relationReason } from './namePartMatch.js';
import type { IndexedStudent, NameForm } from './rosterIndex.js';
import { fitPenalty, MAX_FIT_PENALTY } from './scoring.js';
import type { NameOrder } from './types.js';

export interface NameMatch {
  penalty: number;
  reasons: string[];
}

const MAX_MIDDLE_TOKENS = 2;

/** Reason for reading the tokens against the written order, by the writer's convention (none if as usual). */
const REVERSED_REASON: Record<NameOrder, string | null> = {
  given_first: 'name_reversed',
  family_first: 'last_first',
  fixed: null,
  any: 'any_order_reversed',
};
/** Reason for reading the tokens as written although the writer signalled the opposite order. */
const AS_WRITTEN_REASON: Record<NameOrder, string | null> = {
  given_first: null,
  family_first: 'comma_ignored',
  fixed: null,
  any: null,
};

interface Reading {
  given: string[];
  middle: string[];
  family: string[];
  reversed: boolean;
}

export interface MatchOptions {
  allowTypo: boolean;
  /** E-mail local parts are ASCII by nature, so a folded match there is no weaker. */
  penaliseDiacritics: boolean;
}

function* readings(tokens: readonly string[], order: NameOrder, givenCount?: number): Generator<Reading> {
  const n = tokens.length;
  if (order === 'fixed' && givenCount !== undefined) {
    yield { given: tokens.slice(0, givenCount), middle: [], family: tokens.slice(givenCount), reversed: false };
    return;
  }
  for (let g = 1; g < n; g++) {
    for (let f = 1; f <= n - g; f++) {
      const middle = tokens.slice(g, n - f);
      if (middle.length > MAX_MIDDLE_TOKENS) continue;
      yield { given: tokens.slice(0, g), middle, family: tokens.slice(n - f), reversed: false };
      yield { family: tokens.slice(0, f), given: tokens.slice(f, f + g), middle: tokens.slice(f + g), reversed: true };
    }
  }
}

/** Reasons for the order a reading assumes (reversed or not), given the writer's convention. */
function orderReasons(r: Reading, order: NameOrder): string[] {
  const reason = r.reversed ? REVERSED_REASON[order] : AS_WRITTEN_REASON[order];
  return reason ? [reason] : [];
}

function scoreReading(r: Reading, form: NameForm, order: NameOrder, options: MatchOptions): NameMatch | null {
  if (r.given.length === 0 || r.family.length === 0) return null;
  const given = matchGivenPart(r.given, form, options.allowTypo);
  const family = given ? matchFamilyPart(r.family, form, options.allowTypo) : null;
  if (!given || !family || (given === 'typo' && family === 'typo')) return null;
  // An extra word where the missing surname part should be ("Tuva Rsk Hedin" for "Tuva Rask Hedin")
  // contradicts the roster rather than adding a middle name.
  if (family === 'partial_surname' && r.middle.length > 0) return null;
  const fit: string[] = [relationReason(given), relationReason(family)].filter((x): x is NonNullable<typeof x> => x !== null);
  if (r.middle.length > 0) fit.push('name_extra_middle');
  const reasons = fit.length > 0 ? fit : ['name_exact'];
  reasons.push(...orderReasons(r, order));
  if ((given === 'folded' || family === 'folded') && options.penaliseDiacritics) reasons.push('diacritics_folded');
  if (fit.length === 0 && form.given.length + form.family.length !== r.given.length + r.family.length) {
    reasons.push('separator_variant');
  }
  const penalty = fitPenalty(reasons);
  return penalty <= MAX_FIT_PENALTY + 1e-9 ? { penalty, reasons } : null;
}

/** Best reading of `tokens` (≥ 2 tokens) as this student's name, or null. */
export function matchFullName(
  tokens: readonly string[],
  order: NameOrder,
  givenCount: number | undefined,
  student: IndexedStudent,
  options: MatchOptions,
): NameMatch | null {
  let best: NameMatch | null = null;
  for (const form of student.forms) {
    for (const reading of readings(tokens, order, givenCount)) {
      const m = scoreReading(reading, form, order, options);
      if (m && (!best || m.penalty < best.penalty)) best = m;
    }
  }
  return best;
}
