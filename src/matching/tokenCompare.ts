/**
 * Comparison of one written name part with one roster name part, both squashed (see nameNormalizer).
 * A one-letter typo is accepted only where it is unlikely to turn one real name into another: a
 * substitution needs a part of at least 5 letters ("Irma"/"Irja" stay different people), an insertion,
 * deletion or swap of neighbours at least 4.
 */
import { distance } from 'fastest-levenshtein';
import type { Squashed } from './nameNormalizer.js';

export type PartComparison = 'exact' | 'folded' | 'typo';

const MIN_LENGTH_FOR_SUBSTITUTION = 5;
const MIN_LENGTH_FOR_OTHER_TYPO = 4;

export function comparePart(written: Squashed, roster: Squashed, allowTypo: boolean): PartComparison | null {
  if (written.lower.length === 0 || roster.lower.length === 0) return null;
  if (written.lower === roster.lower) return 'exact';
  if (written.folded === roster.folded) return 'folded';
  if (allowTypo && isPlausibleTypo(written.folded, roster.folded)) return 'typo';
  return null;
}

/** One edit (Levenshtein) or one swap of neighbouring letters, within the length limits above. */
export function isPlausibleTypo(written: string, roster: string): boolean {
  if (Math.abs(written.length - roster.length) > 1) return false;
  if (written.length === roster.length) {
    if (isAdjacentSwap(written, roster)) return roster.length >= MIN_LENGTH_FOR_OTHER_TYPO;
    return roster.length >= MIN_LENGTH_FOR_SUBSTITUTION && distance(written, roster) === 1;
  }
  return Math.min(written.length, roster.length) >= MIN_LENGTH_FOR_OTHER_TYPO && distance(written, roster) === 1;
}

function isAdjacentSwap(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  if (i >= a.length - 1) return false;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}
