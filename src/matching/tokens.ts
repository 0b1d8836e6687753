/**
 * Words of a normalised text with what separates them (issue 13). One left-to-right pass, then one pass
 * that repairs PDF damage: letter-spaced words ("E m m a   L u n d") are joined and a word hyphen-broken
 * across a line ("Lund-⏎qvist") is rejoined. Apostrophes inside a word are dropped ("O'Brien" = "OBrien");
 * a possessive "'s" is taken off and remembered. No regular expressions on the text: linear time.
 */
import { foldKey } from './fold.js';

/** What stands between a word and the one before it. `break` ends any name (colon, pipe, blank line …). */
export type Separator = 'start' | 'space' | 'hyphen' | 'comma' | 'period' | 'newline' | 'break';

export type Casing = 'upper' | 'lower' | 'title' | 'mixed';

export interface Token {
  start: number;
  end: number;
  /** The letters as written, apostrophes dropped, repaired pieces joined. */
  text: string;
  key: string;
  casing: Casing;
  sep: Separator;
  /** Number of spaces in the separator (letter-spaced words use one inside a word, more between words). */
  gap: number;
  line: number;
  possessive: boolean;
  /** First word after a sentence end or at a line start: capitalised for grammar, not because it is a name. */
  sentenceStart: boolean;
}

const LETTER = /^[\p{L}\p{M}]$/u;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;

export function casingOf(word: string): Casing {
  let lowers = 0;
  let uppers = 0;
  let ascii = true;
  for (let i = 0; i < word.length && ascii; i++) {
    const c = word.charCodeAt(i);
    if (c >= 97 && c <= 122) lowers++;
    else if (c >= 65 && c <= 90) uppers++;
    else if (c >= 128) ascii = false;
  }
  if (ascii) {
    if (uppers === 0) return 'lower';
    if (lowers === 0) return word.length > 1 ? 'upper' : 'title';
    const c0 = word.charCodeAt(0);
    return c0 >= 65 && c0 <= 90 && uppers === 1 ? 'title' : 'mixed';
  }
  const upper = word.toUpperCase();
  const lower = word.toLowerCase();
  if (word === lower) return 'lower';
  if (word === upper) return word.length > 1 ? 'upper' : 'title';
  const first = word[0] ?? '';
  return first === first.toUpperCase() && word.slice(1) === word.slice(1).toLowerCase() ? 'title' : 'mixed';
}

const CODE_NEWLINE = 10;
const CODE_SPACE = 32;

function isLetter(code: number): boolean {
  if (code < 0x80) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return code >= 0xc0 && LETTER.test(String.fromCharCode(code));
}

const isWordCode = (code: number): boolean => isLetter(code) || isDigit(code);
const isApostropheCode = (code: number): boolean => code === 39 || code === 0x2019 || code === 0x02bc;
const isHyphenCode = (code: number): boolean => code === 45 || code === 0x2010 || code === 0x2011 || code === 0x2013 || code === 0x2014;

/** Splits `text` into tokens; at most `maxTokens` (a budget: the rest of a huge text is not read). */
export function tokenize(text: string, maxTokens = 200_000): Token[] {
  const raw: Token[] = [];
  const broken: number[] = [];
  // The separator since the previous word, as counters (no object per word).
  let newlines = 0;
  let spaces = 0;
  let length = 0;
  let hyphen = false;
  let hyphenBeforeNewline = false;
  let comma = false;
  let period = false;
  let other = false;
  let sentenceEnd = false;
  let line = 0;
  let i = 0;
  const n = text.length;
  while (i < n && raw.length < maxTokens) {
    const code = text.charCodeAt(i);
    if (!isWordCode(code)) {
      length++;
      if (code === CODE_NEWLINE) {
        line++;
        newlines++;
        if (hyphen && !comma && !other) hyphenBeforeNewline = true;
      } else if (code === CODE_SPACE) spaces++;
      else if (isHyphenCode(code)) hyphen = true;
      else if (code === 44) comma = true;
      else if (code === 46) {
        period = true;
        sentenceEnd = true;
      } else {
        if (code === 33 || code === 63 || code === 58) sentenceEnd = true;
        other = true;
      }
      i++;
      continue;
    }
    const start = i;
    let letters = '';
    let pieceStart = i;
    let possessive = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isWordCode(c)) {
        i++;
        continue;
      }
      if (!isApostropheCode(c)) break;
      const next = text.charCodeAt(i + 1);
      if (i + 1 < n && isLetter(next)) {
        letters += text.slice(pieceStart, i);
        const after = text.charCodeAt(i + 2);
        if ((next === 115 || next === 83) && !(i + 2 < n && isWordCode(after))) {
          possessive = true;
          i += 2;
          pieceStart = i;
          break;
        }
        i++;
        pieceStart = i;
      } else {
        const last = text.charCodeAt(i - 1);
        if (last === 115 || last === 83) {
          letters += text.slice(pieceStart, i);
          possessive = true;
          i++;
          pieceStart = i;
        }
        break;
      }
    }
    if (pieceStart < i && !possessive) letters += text.slice(pieceStart, i);
    else if (!possessive && letters === '') letters = text.slice(start, i);
    let sep: Separator;
    if (raw.length === 0) sep = 'start';
    else if (other || newlines > 1 || length > 6) sep = 'break';
    else if (comma) sep = 'comma';
    else if (period) sep = 'period';
    else if (hyphen) sep = 'hyphen';
    else if (newlines === 1) sep = 'newline';
    else sep = 'space';
    raw.push({ start, end: i, text: letters, key: foldKey(letters), casing: casingOf(letters), sep, gap: spaces, line, possessive, sentenceStart: raw.length === 0 || sentenceEnd || newlines > 0 });
    if (hyphenBeforeNewline) broken.push(raw.length - 1);
    newlines = 0;
    spaces = 0;
    length = 0;
    hyphen = false;
    hyphenBeforeNewline = false;
    comma = false;
    period = false;
    other = false;
    sentenceEnd = false;
  }
  return repair(raw, new Set(broken));
}

function merged(parts: readonly Token[]): Token {
  const first = parts[0] as Token;
  const last = parts[parts.length - 1] as Token;
  const text = parts.map((t) => t.text).join('');
  return { ...first, end: last.end, text, key: foldKey(text), casing: casingOf(text), possessive: last.possessive };
}

/** Joins letter-spaced words and words hyphen-broken across a line. */
function repair(raw: readonly Token[], hyphenBroken: ReadonlySet<number>): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < raw.length) {
    const t = raw[i] as Token;
    const spaced = letterSpacedRun(raw, i);
    if (spaced > 0) {
      let groupStart = i;
      for (let k = i + 1; k <= i + spaced; k++) {
        const next = raw[k];
        if (k === i + spaced || (next !== undefined && next.gap > 1)) {
          out.push(merged(raw.slice(groupStart, k)));
          groupStart = k;
        }
      }
      i += spaced;
      continue;
    }
    const next = raw[i + 1];
    if (next && hyphenBroken.has(i + 1) && next.casing === 'lower' && t.text.length > 1) {
      out.push(merged([t, next]));
      i += 2;
      continue;
    }
    out.push(t);
    i += 1;
  }
  return out;
}

/** Length of a run of ≥ 3 single letters separated by spaces only, starting at `i` (0 if none). */
function letterSpacedRun(raw: readonly Token[], i: number): number {
  let k = i;
  while (k < raw.length) {
    const t = raw[k] as Token;
    if (t.text.length !== 1 || t.line !== (raw[i] as Token).line) break;
    if (k > i && (t.sep !== 'space' || t.gap > 4)) break;
    k += 1;
  }
  const length = k - i;
  return length >= 3 ? length : 0;
}
