/**
 * Reads one essay against one roster (issue 13): normalise, tokenise, lay out, find every student's name
 * forms in the text, the file name and the e-mail addresses, and describe each occurrence by features.
 * Used by the engine and, unchanged, by the offline fitting script (scripts/matchFit.ts).
 */
import { AUTHOR_LABELS, simplify } from './context.js';
import { combineSplitFields, emailFeatures, fileFeatures, markShared, textFeatures, type FeatureInput, type Scored } from './features.js';
import { foldKey } from './fold.js';
import { layoutOf, type Layout } from './layout.js';
import { normalizeText, type NormalizedText } from './normalize.js';
import type { RosterIndex } from './rosterIndex.js';
import { scan, type Occurrence } from './scan.js';
import { findEmails, splitJoined, type EmailSpan } from './sources.js';
import { tokenize, type Token } from './tokens.js';

/** Budget: text beyond this is not read (an essay is ~5–50 KB; the worker pool bounds time as well). */
export const MAX_TEXT_CHARS = 2_000_000;
const CLAIM_LINES = 15;
const CLAIM_PEEK = 120;

export interface Range {
  source: 'text' | 'filename';
  start: number;
  end: number;
}

export interface Analysis {
  text: NormalizedText;
  filename: NormalizedText;
  scored: Scored[];
  /** A name the essay states as its author's (label value or name line), whether or not it matched. */
  claim: Range | null;
}

function lineAt(layout: Layout, offset: number): number {
  let lo = 0;
  let hi = layout.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((layout.lines[mid]?.start ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function emailOccurrence(student: number, span: EmailSpan): Occurrence {
  return {
    student, source: 'email', start: span.start, end: span.end, firstToken: -1, lastToken: -1, given: new Set(), family: new Set(),
    givenJoined: false, familyJoined: false, middle: false, particle: false, schoolId: false, order: 'single', comma: false, initials: 0,
    fits: new Set(['exact']), possessive: false, allLower: true, allUpper: false, words: 1,
  };
}

const GMAIL = new Set(['gmail.com', 'googlemail.com']);
const dotless = (address: string): string => {
  const [local = '', domain = ''] = address.split('@');
  return `${local.replace(/\./g, '')}@${domain === 'googlemail.com' ? 'gmail.com' : domain}`;
};

/** Gmail ignores dots in the local part: "b.o.ferm@gmail.com" and "boferm@gmail.com" are one address. */
function gmailMatches(address: string, index: RosterIndex): number[] {
  if (!GMAIL.has(address.split('@')[1] ?? '')) return [];
  const wanted = dotless(address);
  const out: number[] = [];
  index.students.forEach((s, i) => {
    if (s.email && GMAIL.has(s.email.split('@')[1] ?? '') && dotless(s.email) === wanted) out.push(i);
  });
  return out;
}

function scoreEmails(input: FeatureInput, emails: readonly EmailSpan[]): Scored[] {
  const out: Scored[] = [];
  for (const span of emails) {
    const line = lineAt(input.layout, span.start);
    const exact = input.index.emails.get(span.address) ?? gmailMatches(span.address, input.index);
    for (const student of exact) out.push(emailFeatures(input, emailOccurrence(student, span), true, line));
    const found = new Set(exact);
    const letters = span.local.replace(/[^a-z]/g, '');
    for (const student of letters.length >= 4 ? (input.index.derivedLocals().get(letters) ?? []) : []) {
      if (found.has(student)) continue;
      found.add(student);
      out.push(emailFeatures(input, emailOccurrence(student, span), false, line));
    }
    const words = splitJoined(span.local, false).filter((t) => t.text.length > 1);
    for (const o of scan(words, input.index, { source: 'email' })) {
      // Only a whole name in an address counts: "elin.mattsson@…" is not evidence for another Mattsson.
      const whole = (o.given.size > 0 || o.givenJoined) && (o.family.size > 0 || o.familyJoined) && o.words === words.length;
      if (found.has(o.student) || !whole) continue;
      found.add(o.student);
      const occ = { ...o, start: span.start, end: span.end };
      const s = emailFeatures(input, occ, false, line);
      out.push(s);
    }
  }
  return out;
}

function scoreFilename(filename: string, index: RosterIndex): Scored[] {
  const words = splitJoined(filename, true);
  const found = scan(words, index, { source: 'filename' });
  const out = found.map((o) => fileFeatures(o, index));
  const seen = new Set(found.filter((o) => o.given.size + o.family.size >= 2).map((o) => o.student));
  const letters = foldKey(filename).replace(/[^a-z]/g, '');
  index.students.forEach((s, student) => {
    if (seen.has(student) || !s.joinedFull.some((j) => letters.includes(j))) return;
    const o: Occurrence = {
      student, source: 'filename', start: words[0]?.start ?? 0, end: words[words.length - 1]?.end ?? filename.length, firstToken: 0, lastToken: 0,
      given: new Set(s.given.map((_, k) => k)), family: new Set(s.family.map((_, k) => k).filter((k) => !s.particles.has(k))), givenJoined: false,
      familyJoined: false, middle: false, particle: false, schoolId: false, order: 'given_first', comma: false, initials: 0, fits: new Set(['folded']),
      possessive: false, allLower: false, allUpper: false, words: 2,
    };
    out.push(fileFeatures(o, index));
  });
  return out;
}

/** "Namn: …", "Name - …", "| Namn | … |" in the head, or a first line of 2–4 capitalised words. */
function findClaim(text: string, layout: Layout, tokens: readonly Token[]): Range | null {
  let seen = 0;
  for (const l of layout.lines) {
    if (l.fromTop < 0) continue;
    if (++seen > CLAIM_LINES) break;
    const head = text.slice(l.start, Math.min(l.end, l.start + CLAIM_PEEK));
    const cut = firstSeparator(head);
    if (cut <= 0 || cut > 30) continue;
    if (!AUTHOR_LABELS.includes(simplify(head.slice(0, cut)))) continue;
    let start = cut + 1;
    while (start < head.length && (head[start] === ' ' || head[start] === '|')) start++;
    let end = head.length;
    while (end > start && (head[end - 1] === ' ' || head[end - 1] === '|')) end--;
    if (end > start && /\p{Lu}/u.test(head.slice(start, end))) return { source: 'text', start: l.start + start, end: l.start + end };
  }
  const firstLine = layout.lines.findIndex((l) => l.fromTop === 0);
  const words: Token[] = [];
  for (const t of tokens) {
    if (t.line > firstLine || words.length > 6) break;
    if (t.line === firstLine && !/\d/.test(t.text)) words.push(t);
  }
  if (words.length >= 2 && words.length <= 4 && words.every((t) => t.casing === 'title' || t.casing === 'upper') && (layout.lines[firstLine]?.length ?? 99) <= 40) {
    return { source: 'text', start: words[0]?.start ?? 0, end: words[words.length - 1]?.end ?? 0 };
  }
  return null;
}

function firstSeparator(head: string): number {
  for (let i = 0; i < head.length && i <= 31; i++) {
    const ch = head[i];
    if (ch === ':' || ch === '|' || ch === '–' || (ch === '-' && head[i - 1] === ' ' && head[i + 1] === ' ')) return i === 0 && ch === '|' ? nextPipe(head) : i;
  }
  return -1;
}

function nextPipe(head: string): number {
  const k = head.indexOf('|', 1);
  return k > 0 ? k : -1;
}

function outside(tokens: Token[], emails: readonly EmailSpan[]): Token[] {
  let k = 0;
  return tokens.filter((t) => {
    while (k < emails.length && (emails[k] as EmailSpan).end <= t.start) k++;
    const e = emails[k];
    return !(e && t.start >= e.start && t.start < e.end);
  });
}

export function analyse(rawText: string, rawFilename: string, index: RosterIndex): Analysis {
  const text = normalizeText(rawText.length > MAX_TEXT_CHARS ? rawText.slice(0, MAX_TEXT_CHARS) : rawText);
  const filename = normalizeText(rawFilename.slice(0, 255));
  const layout = layoutOf(text.text);
  const emails = findEmails(text.text);
  // Words inside an address are read by the address rules, not as names in the text.
  const tokens = emails.length === 0 ? tokenize(text.text) : outside(tokenize(text.text), emails);
  const input: FeatureInput = { text: text.text, layout, tokens, index };
  const isProse = (t: Token): boolean => layout.lines[t.line]?.prose === true;
  const scored: Scored[] = scan(tokens, index, { source: 'text', isProse }).map((o) => textFeatures(input, o));
  scored.push(...scoreFilename(filename.text, index));
  scored.push(...scoreEmails(input, emails));
  markShared(scored);
  combineSplitFields(scored);
  return { text, filename, scored, claim: findClaim(text.text, layout, tokens) };
}
