/**
 * How a written given-name part or family-name part relates to a roster name form. Each relation is a
 * reason code whose penalty is in scoring.ts (FIT_PENALTY), so weaker relations always score lower.
 */
import { squash } from './nameNormalizer.js';
import { isKnownShortForm, isTruncatedForm } from './nicknames.js';
import type { NameForm } from './rosterIndex.js';
import type { FitReason } from './scoring.js';
import { comparePart } from './tokenCompare.js';

export type PartRelation =
  | 'exact'
  | 'folded'
  | 'typo'
  | 'call_name'
  | 'nickname'
  | 'short_form'
  | 'partial_surname'
  | 'last_initial';

/** Reason code of a part relation; an exact or diacritics-folded part needs none of its own. */
export function relationReason(relation: PartRelation): FitReason | null {
  if (relation === 'exact' || relation === 'folded') return null;
  return relation === 'typo' ? 'name_fuzzy' : relation;
}

/** True when `written` (folded, squashed) equals a contiguous proper part of `tokens` (folded). */
function isProperSubRun(written: string, tokens: readonly string[]): boolean {
  if (tokens.length < 2) return false;
  for (let start = 0; start < tokens.length; start++) {
    for (let end = start + 1; end <= tokens.length; end++) {
      if (end - start === tokens.length) continue;
      if (tokens.slice(start, end).join('') === written) return true;
    }
  }
  return false;
}

export function matchGivenPart(written: readonly string[], form: NameForm, allowTypo: boolean): PartRelation | null {
  const w = squash(written);
  const direct = comparePart(w, form.givenSquash, false);
  if (direct) return direct;
  if (isProperSubRun(w.folded, form.givenFolded)) return 'call_name';
  const firstGiven = form.givenFolded[0] ?? '';
  if (written.length === 1) {
    if (isKnownShortForm(w.folded, form.givenSquash.folded) || isKnownShortForm(w.folded, firstGiven)) return 'nickname';
  }
  if (allowTypo && comparePart(w, form.givenSquash, true) === 'typo') return 'typo';
  if (isTruncatedForm(w.folded, form.givenSquash.folded) || isTruncatedForm(w.folded, firstGiven)) return 'short_form';
  return null;
}

export function matchFamilyPart(written: readonly string[], form: NameForm, allowTypo: boolean): PartRelation | null {
  const w = squash(written);
  const direct = comparePart(w, form.familySquash, false);
  if (direct) return direct;
  if (isProperSubRun(w.folded, form.familyFolded)) return 'partial_surname';
  if (written.length === 1 && w.folded.length === 1 && (form.familyFolded[0] ?? '').startsWith(w.folded)) {
    return 'last_initial';
  }
  if (allowTypo && comparePart(w, form.familySquash, true) === 'typo') return 'typo';
  return null;
}

/**
 * A written given name with no family name ("Tuva-Lykke", "Ylva") compared with the whole given name or,
 * for a double given name, its first part ("Ylva" for "Ylva Irma").
 */
export function matchGivenOnly(written: readonly string[], form: NameForm): 'exact' | 'folded' | null {
  const w = squash(written);
  const whole = comparePart(w, form.givenSquash, false);
  if (whole === 'exact' || whole === 'folded') return whole;
  const firstToken = form.given[0];
  if (firstToken === undefined || form.given.length < 2 || written.length !== 1) return null;
  const first = comparePart(w, squash([firstToken]), false);
  return first === 'exact' || first === 'folded' ? first : null;
}
