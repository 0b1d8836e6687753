/**
 * Finds every occurrence of every roster student's name forms in a token list, in one left-to-right pass
 * (issue 13). Each word is looked up once in the roster's table; consecutive words that belong to the same
 * student (joined by a space, hyphen, comma, initial's period or one line break) grow one occurrence.
 * Initials join an occurrence next to a full part ("E. Lund", "Lund E.", "A-K Lund"); a one-letter typo
 * ("Grönvlal") is accepted only beside an exact part of the same student.
 */
import { foldKey } from './fold.js';
import { oneEditApart, type Fit, type Hit, type RosterIndex, type Role } from './rosterIndex.js';
import type { Token } from './tokens.js';

export type Source = 'text' | 'filename' | 'email';

export interface Occurrence {
  student: number;
  source: Source;
  start: number;
  end: number;
  firstToken: number;
  lastToken: number;
  given: Set<number>;
  family: Set<number>;
  givenJoined: boolean;
  familyJoined: boolean;
  middle: boolean;
  particle: boolean;
  schoolId: boolean;
  /** Role of the first name word: given first, family first, or only one kind of part. */
  order: 'given_first' | 'family_first' | 'single';
  comma: boolean;
  initials: number;
  fits: Set<Fit>;
  possessive: boolean;
  allLower: boolean;
  allUpper: boolean;
  words: number;
}

const JOINERS = new Set(['space', 'hyphen', 'comma', 'period', 'newline']);
const FIT_RANK: Readonly<Record<Fit, number>> = { exact: 0, folded: 1, variant: 2, call: 3, fuzzy: 4 };
const MAX_WORDS = 6;
/** Budget: an essay that names students thousands of times is described by its first occurrences. */
export const MAX_OCCURRENCES = 400;
const FUZZY_MIN = 4;
/** Given names of 4 letters have too many real neighbours (Irma/Irja, Emil/Emir) to forgive a typo. */
const FUZZY_GIVEN_MIN = 5;

const isNameRole = (r: Role): boolean => r === 'given' || r === 'family' || r === 'givenJoined' || r === 'familyJoined';
const capitalised = (t: Token): boolean => t.casing === 'title' || t.casing === 'upper';

/** Exact (folded) hits of a word, else those of its possessive stem ("Erikssons" → Eriksson). */
const NO_HITS: { hits: readonly Hit[]; possessive: boolean } = Object.freeze({ hits: Object.freeze([]), possessive: false });

export function lookup(t: Token, index: RosterIndex): { hits: readonly Hit[]; possessive: boolean } {
  const direct = index.words.get(t.key);
  if (direct) return { hits: direct, possessive: t.possessive };
  if (t.key.length > 3 && t.key.endsWith('s') && capitalised(t)) {
    const stem = index.words.get(t.key.slice(0, -1));
    if (stem) return { hits: stem, possessive: true };
  }
  return NO_HITS;
}

/**
 * One-letter typos ("Grönvlal", "Milna"): a capitalised unknown word right beside an exact part of some
 * student is compared with that student's other parts only — never with the whole roster.
 */
function addTypoHits(tokens: readonly Token[], looked: { hits: readonly Hit[]; possessive: boolean }[], index: RosterIndex): void {
  const candidates = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    if ((looked[i]?.hits.length ?? 0) === 0) continue;
    for (const k of [i - 1, i + 1]) if ((looked[k]?.hits.length ?? 1) === 0) candidates.add(k);
  }
  for (const i of candidates) {
    const t = tokens[i] as Token;
    if (t.key.length < 3 || t.key.length > 24 || !capitalised(t)) continue;
    const found: Hit[] = [];
    for (const k of [i - 1, i + 1]) {
      const joiner = tokens[Math.max(i, k)];
      if (!joiner || !JOINERS.has(joiner.sep)) continue;
      for (const h of looked[k]?.hits ?? []) {
        if (!isNameRole(h.role) || found.some((f) => f.student === h.student)) continue;
        const s = index.students[h.student];
        if (!s) continue;
        const parts: [Role, string[]][] = [['given', s.given], ['family', s.family]];
        for (const [role, words] of parts) {
          words.forEach((w, part) => {
            const key = foldKey(w);
            if (key.length >= (role === 'given' ? FUZZY_GIVEN_MIN : FUZZY_MIN) && oneEditApart(t.key, key)) found.push({ student: h.student, role, part, fit: 'fuzzy' });
            // A truncated given name ("Ossi" for Ossian) is a call name, like the ones in the table.
            else if (role === 'given' && t.key.length >= 3 && key.length - t.key.length >= 2 && key.startsWith(t.key)) found.push({ student: h.student, role, part, fit: 'call' });
          });
        }
      }
    }
    if (found.length > 0) looked[i] = { hits: found, possessive: false };
  }
}

interface Run {
  occ: Occurrence;
  used: Set<string>;
  hasNamePart: boolean;
  onlyFuzzy: boolean;
}

function newRun(student: number, source: Source, i: number, t: Token): Run {
  return {
    occ: {
      student, source, start: t.start, end: t.end, firstToken: i, lastToken: i, given: new Set(), family: new Set(), givenJoined: false, familyJoined: false,
      middle: false, particle: false, schoolId: false, order: 'single', comma: false, initials: 0, fits: new Set(), possessive: false,
      allLower: true, allUpper: true, words: 0,
    },
    used: new Set(),
    hasNamePart: false,
    onlyFuzzy: true,
  };
}

function addWord(run: Run, i: number, t: Token, hit: Hit, possessive: boolean): void {
  const o = run.occ;
  if (o.words > 0 && (t.sep === 'comma')) o.comma = true;
  o.end = t.end;
  o.lastToken = i;
  o.words += 1;
  o.possessive = possessive;
  if (t.casing !== 'lower') o.allLower = false;
  if (t.casing !== 'upper') o.allUpper = false;
  o.fits.add(hit.fit === 'folded' && hit.written !== undefined && t.text.toLowerCase().normalize('NFC') === hit.written ? 'exact' : hit.fit);
  run.used.add(`${hit.role}:${hit.part}`);
  if (hit.fit !== 'fuzzy') run.onlyFuzzy = false;
  if (isNameRole(hit.role) || hit.role === 'schoolId') run.hasNamePart = true;
  const firstNamePart = o.given.size === 0 && o.family.size === 0 && !o.givenJoined && !o.familyJoined;
  switch (hit.role) {
    case 'given': o.given.add(hit.part); break;
    case 'family': o.family.add(hit.part); break;
    case 'givenJoined': o.givenJoined = true; break;
    case 'familyJoined': o.familyJoined = true; break;
    case 'middle': o.middle = true; break;
    case 'particle': o.particle = true; break;
    case 'schoolId': o.schoolId = true; break;
  }
  if (firstNamePart && isNameRole(hit.role) && o.initials === 0) o.order = hit.role === 'given' || hit.role === 'givenJoined' ? 'given_first' : 'family_first';
}

function addInitial(run: Run, i: number, t: Token): void {
  const o = run.occ;
  o.initials += 1;
  o.words += 1;
  if (i < o.firstToken) {
    o.firstToken = i;
    o.start = t.start;
    if (o.order === 'family_first' || o.order === 'single') o.order = 'given_first';
  } else {
    o.lastToken = i;
    o.end = t.end;
  }
}

/** The letter of an initial ("E", "E.") or null. */
const initialOf = (t: Token): string | null => (t.text.length === 1 && t.key >= 'a' && t.key <= 'z' && t.casing !== 'lower' ? t.key : null);

function bestHitPerStudent(hits: readonly Hit[], runs: Map<number, Run>, i: number): Map<number, Hit> {
  const best = new Map<number, Hit>();
  for (const h of hits) {
    const run = runs.get(h.student);
    const continuing = run !== undefined && run.occ.lastToken === i - 1;
    if (continuing && run.used.has(`${h.role}:${h.part}`)) continue;
    const current = best.get(h.student);
    if (!current || FIT_RANK[h.fit] < FIT_RANK[current.fit] || (FIT_RANK[h.fit] === FIT_RANK[current.fit] && isNameRole(h.role) && !isNameRole(current.role))) best.set(h.student, h);
  }
  return best;
}

export interface ScanOptions {
  source: Source;
  /** Words of the essay's prose lines that are lower case are ordinary words ("love", "per"), not names. */
  isProse?: (t: Token) => boolean;
}

export function scan(tokens: readonly Token[], index: RosterIndex, options: ScanOptions): Occurrence[] {
  const found: Occurrence[] = [];
  const open = new Map<number, Run>();
  const finish = (run: Run): void => {
    if (!run.hasNamePart || run.onlyFuzzy || found.length >= MAX_OCCURRENCES) return;
    const o = run.occ;
    if (o.words === 1 && o.allLower && options.isProse?.(tokens[o.firstToken] as Token)) return;
    found.push(o);
  };
  let lastEnd = -2;
  const looked = tokens.map((t) => lookup(t, index));
  addTypoHits(tokens, looked, index);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const joinable = JOINERS.has(t.sep);
    const { hits, possessive } = looked[i] ?? NO_HITS;
    if (hits.length === 0 && !(lastEnd === i - 1 && (capitalised(t) || initialOf(t) !== null))) continue;
    const touched = new Set<number>();
    for (const [student, hit] of hits.length > 0 ? bestHitPerStudent(hits, open, i) : []) {
      let run = open.get(student);
      const extend = run !== undefined && run.occ.lastToken === i - 1 && joinable && run.occ.words < MAX_WORDS && !run.occ.possessive;
      if (!extend || !run) {
        if (run) finish(run);
        if (hit.fit === 'fuzzy' && !nextJoinsStudent(tokens, i, index, student)) continue;
        run = newRun(student, options.source, i, t);
        open.set(student, run);
        prependInitials(run, tokens, i, index, hit);
      }
      addWord(run, i, t, hit, possessive);
      touched.add(student);
    }
    if (touched.size === 0 && lastEnd === i - 1 && capitalised(t) && t.key.length > 1 && JOINERS.has(t.sep)) addUnknownMiddle(open, tokens, i, index);
    const letter = initialOf(t);
    if (letter && joinable && lastEnd === i - 1) {
      for (const [student, run] of open) {
        if (touched.has(student) || run.occ.lastToken !== i - 1 || run.occ.words >= MAX_WORDS) continue;
        if (initialFits(run, letter, index, student)) addInitial(run, i, t);
      }
    }
    for (const run of open.values()) if (run.occ.lastToken === i) lastEnd = i;
  }
  for (const run of open.values()) finish(run);
  return found;
}

/**
 * "Love Signe Eriksson" for roster "Love Eriksson": one capitalised word the roster does not know, between
 * a given name and the same student's family name, is taken as an extra middle name.
 */
function addUnknownMiddle(open: Map<number, Run>, tokens: readonly Token[], i: number, index: RosterIndex): void {
  const next = tokens[i + 1];
  if (!next || next.sep !== 'space') return;
  const nextHits = index.words.get(next.key) ?? [];
  for (const [student, run] of open) {
    const o = run.occ;
    if (o.lastToken !== i - 1 || o.family.size > 0 || o.familyJoined || (o.given.size === 0 && !o.givenJoined)) continue;
    if (!nextHits.some((h) => h.student === student && (h.role === 'family' || h.role === 'familyJoined' || h.role === 'particle'))) continue;
    o.lastToken = i;
    o.end = (tokens[i] as Token).end;
    o.words += 1;
    o.middle = true;
  }
}

/** A typo word starts an occurrence only if the next word is an exact part of the same student. */
function nextJoinsStudent(tokens: readonly Token[], i: number, index: RosterIndex, student: number): boolean {
  const next = tokens[i + 1];
  if (!next || !JOINERS.has(next.sep)) return false;
  return (index.words.get(next.key) ?? []).some((h) => h.student === student && isNameRole(h.role));
}

function initialFits(run: Run, letter: string, index: RosterIndex, student: number): boolean {
  const s = index.students[student];
  if (!s) return false;
  const o = run.occ;
  if (o.family.size === 0 && !o.familyJoined && s.familyInitial === letter) return true;
  return s.givenInitials.some((g, k) => g === letter && !o.given.has(k) && !o.givenJoined);
}

/** "E. Lund", "A-K Lund": initials of the given names written before the family name. */
function prependInitials(run: Run, tokens: readonly Token[], i: number, index: RosterIndex, hit: Hit): void {
  if (hit.role !== 'family' && hit.role !== 'familyJoined') return;
  const s = index.students[hit.student];
  if (!s) return;
  let k = i;
  let matched = 0;
  while (k - 1 >= 0 && matched < s.givenInitials.length) {
    const prev = tokens[k - 1] as Token;
    const here = tokens[k] as Token;
    const letter = initialOf(prev);
    if (!letter || !JOINERS.has(here.sep) || here.sep === 'comma') break;
    const expected = s.givenInitials[s.givenInitials.length - 1 - matched];
    if (letter !== expected && !(matched === 0 && s.givenInitials[0] === letter)) break;
    addInitial(run, k - 1, prev);
    matched += 1;
    k -= 1;
  }
}
