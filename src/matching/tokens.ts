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

function isLetterCode(code: number, ch: string): boolean {
  if (code < 0x80) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return code >= 0xc0 && LETTER.test(ch);
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isApostrophe = (ch: string): boolean => ch === "'" || ch === '\u2019' || ch === '\u02bc';
const isHyphen = (ch: string): boolean => ch === '-' || ch === '\u2010' || ch === '\u2011' || ch === '\u2013' || ch === '\u2014';

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

interface Gap {
  newlines: number;
  spaces: number;
  hyphen: boolean;
  hyphenBeforeNewline: boolean;
  comma: boolean;
  period: boolean;
  other: boolean;
  sentenceEnd: boolean;
  length: number;
}

const freshGap = (): Gap => ({ newlines: 0, spaces: 0, hyphen: false, hyphenBeforeNewline: false, comma: false, period: false, other: false, sentenceEnd: false, length: 0 });

function separatorOf(g: Gap, first: boolean): Separator {
  if (first) return 'start';
  if (g.other || g.newlines > 1 || g.length > 6) return 'break';
  if (g.comma) return 'comma';
  if (g.period) return 'period';
  if (g.hyphen) return 'hyphen';
  if (g.newlines === 1) return 'newline';
  return 'space';
}

function observeGapChar(g: Gap, ch: string): void {
  g.length += 1;
  if (ch === '\n') {
    g.newlines += 1;
    if (g.hyphen && !g.comma && !g.other) g.hyphenBeforeNewline = true;
  } else if (ch === ' ') g.spaces += 1;
  else if (isHyphen(ch)) g.hyphen = true;
  else if (ch === ',') g.comma = true;
  else if (ch === '.') {
    g.period = true;
    g.sentenceEnd = true;
  } else {
    if (ch === '!' || ch === '?' || ch === ':') g.sentenceEnd = true;
    g.other = true;
  }
}

/** Splits `text` into tokens; at most `maxTokens` (a budget: the rest of a huge text is not read). */
export function tokenize(text: string, maxTokens = 200_000): Token[] {
  const raw: Token[] = [];
  let gap = freshGap();
  let line = 0;
  let i = 0;
  const n = text.length;
  while (i < n && raw.length < maxTokens) {
    const ch = text[i] ?? '';
    const code = text.charCodeAt(i);
    if (!isLetterCode(code, ch) && !isDigit(code)) {
      if (ch === '\n') line += 1;
      observeGapChar(gap, ch);
      i += 1;
      continue;
    }
    const start = i;
    let letters = '';
    let pieceStart = i;
    let possessive = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      const h = text[i] ?? '';
      if (isLetterCode(c, h) || isDigit(c)) {
        i += 1;
        continue;
      }
      letters += text.slice(pieceStart, i);
      pieceStart = i;
      if (isApostrophe(h) && i + 1 < n && isLetterCode(text.charCodeAt(i + 1), text[i + 1] ?? '')) {
        const after = text.charCodeAt(i + 2);
        if ((text[i + 1] === 's' || text[i + 1] === 'S') && !(i + 2 < n && (isLetterCode(after, text[i + 2] ?? '') || isDigit(after)))) {
          possessive = true;
          i += 2;
          pieceStart = i;
          break;
        }
        i += 1;
        pieceStart = i;
      } else if (isApostrophe(h) && (letters.endsWith('s') || letters.endsWith('S'))) {
        possessive = true;
        i += 1;
        pieceStart = i;
        break;
      } else break;
    }
    if (pieceStart < i && !possessive) letters += text.slice(pieceStart, i);
    raw.push({
      start, end: i, text: letters, key: foldKey(letters), casing: casingOf(letters), sep: separatorOf(gap, raw.length === 0), gap: gap.spaces,
      line, possessive, sentenceStart: raw.length === 0 || gap.sentenceEnd || gap.newlines > 0,
    });
    if (gap.hyphenBeforeNewline) hyphenBroken.add(raw.length - 1);
    gap = freshGap();
  }
  const tokens = repair(raw);
  hyphenBroken.clear();
  return tokens;
}

/** Indexes of tokens preceded by "-⏎" (filled while tokenising; module-level to avoid a closure per call). */
const hyphenBroken = new Set<number>();

function merged(parts: readonly Token[]): Token {
  const first = parts[0] as Token;
  const last = parts[parts.length - 1] as Token;
  const text = parts.map((t) => t.text).join('');
  return { ...first, end: last.end, text, key: foldKey(text), casing: casingOf(text), possessive: last.possessive };
}

/** Joins letter-spaced words and words hyphen-broken across a line. */
function repair(raw: readonly Token[]): Token[] {
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
