/**
 * Cuts the name out of a short piece of text that is expected to hold one ("Idris Kask, 9A",
 * "Sandell, Ylva", "Mr Ragnar Hedin", "Ylva Sandell (NA22B)"): class codes, dates, numbers,
 * brackets and honorifics are dropped, and a comma followed by a name means "Family, Given".
 */
import { foldName, locateNameTokens, type LocatedToken } from './nameNormalizer.js';
import { isFunctionWord } from './nameRun.js';

export interface NameSpan {
  tokens: LocatedToken[];
  order: 'given_first' | 'family_first';
}

const MAX_NAME_TOKENS = 5;
const MAX_TOKEN_LENGTH = 30;
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'herr', 'fru', 'froken']);
/** Anything after these characters (or after a following "Label:") is not part of the name. */
const HARD_STOP = /[([{|;<>"“”]|\s\/\s|\t|\s\p{L}+\s?:/u;
/** Words that introduce a class code rather than continue a name ("Ylva Sandell Klass 9B"). */
const TRAILING_METADATA = new Set(['class', 'klass', 'grade', 'year', 'arskurs', 'ak', 'group', 'grupp', 'section']);
const HAS_DIGIT = /\d/;

/** End of the name part: before the first hard stop or the first word with a digit or an '@'. */
function nameEnd(value: string): number {
  const stop = HARD_STOP.exec(value);
  let end = stop ? stop.index : value.length;
  const digitWord = /\S*[\d@]\S*/.exec(value.slice(0, end));
  if (digitWord) end = digitWord.index;
  return end;
}

/** Drops a leading honorific ("Mr") and trailing class-code words ("Klass"). */
function withoutNoise(tokens: LocatedToken[]): LocatedToken[] {
  let kept = tokens;
  const first = kept[0];
  if (first && kept.length > 1 && HONORIFICS.has(foldName(first.text))) kept = kept.slice(1);
  while (kept.length > 1 && TRAILING_METADATA.has(foldName(kept[kept.length - 1]?.text ?? ''))) kept = kept.slice(0, -1);
  return kept;
}

/** 1–5 plausible name words; a value with "the", "and", "och" … is a phrase, not a name. */
function acceptable(tokens: LocatedToken[]): boolean {
  if (tokens.length < 1 || tokens.length > MAX_NAME_TOKENS) return false;
  return tokens.every((t) => t.text.length <= MAX_TOKEN_LENGTH && (t.text.length === 1 || !isFunctionWord(t.text)));
}

/** `offset` is where `value` starts in the text, so token offsets point into the text. */
export function extractName(value: string, offset: number): NameSpan | null {
  const end = nameEnd(value);
  const part = value.slice(0, end);
  const comma = part.indexOf(',');
  if (comma >= 0) {
    const before = withoutNoise(locateNameTokens(part.slice(0, comma), offset));
    const afterText = part.slice(comma + 1);
    const after = locateNameTokens(afterText, offset + comma + 1);
    // "Sandell, Ylva" (a name after the comma) versus "Ylva Sandell, 9A" (the cut already removed "9A").
    if (after.length > 0 && before.length <= 3 && !HAS_DIGIT.test(afterText)) {
      const tokens = [...before, ...after];
      return acceptable(tokens) && before.length > 0 ? { tokens, order: 'family_first' } : null;
    }
    return acceptable(before) ? { tokens: before, order: 'given_first' } : null;
  }
  const tokens = withoutNoise(locateNameTokens(part, offset));
  return acceptable(tokens) ? { tokens, order: 'given_first' } : null;
}
