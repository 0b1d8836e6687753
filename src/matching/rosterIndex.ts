/**
 * Every form a roster student's name takes in the wild (issue 13), as a lookup table from folded word to
 * (student, which part, how the word relates to the part). Built once per roster (cached per roster array)
 * and small: ~10 keys per student plus one-deletion neighbours for typo tolerance (symmetric delete).
 */
import { callNamesOf, spellingsOf } from './callNames.js';
import { foldKey, transliterationKey } from './fold.js';
import type { RosterStudent } from './types.js';

export type Role = 'given' | 'family' | 'middle' | 'particle' | 'givenJoined' | 'familyJoined' | 'schoolId';
/** How the written word relates to the roster part. */
export type Fit = 'exact' | 'folded' | 'call' | 'variant' | 'fuzzy';

export interface Hit {
  student: number;
  role: Role;
  part: number;
  fit: Fit;
  /** The roster word, lower case: a folded hit written with the same diacritics is exact after all. */
  written?: string;
}

export interface IndexedStudent {
  student: RosterStudent;
  displayName: string;
  given: string[];
  family: string[];
  /** Indexes into `family` of the particles (van, der, af, de la …): optional when written. */
  particles: Set<number>;
  middles: string[];
  givenInitials: string[];
  familyInitial: string;
  email: string | null;
  emailLocal: string | null;
  /** E-mail local parts this student plausibly uses (digits and separators removed); built on first use. */
  derivedLocals(): Set<string>;
  /** Given+family written together (file names like "emmalund.docx"). */
  joinedFull: string[];
}

export interface RosterIndex {
  students: IndexedStudent[];
  words: Map<string, Hit[]>;
  emails: Map<string, number[]>;
  /** Built on first use: most essays contain no address. */
  derivedLocals(): Map<string, number[]>;
}

const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'la', 'le', 'del', 'della', 'di', 'da', 'du', 'dos', 'das', 'af', 'al', 'el', 'ter', 'ten', 'bin', 'ibn', 'bint', 'zu', 'of']);

const parts = (value: string | null | undefined): string[] => (value ?? '').split(/[\s\-\u2010-\u2014]+/u).filter((p) => p.length > 0);

function push<K>(map: Map<K, Hit[]>, key: K, hit: Hit): void {
  const list = map.get(key);
  if (!list) map.set(key, [hit]);
  else if (!list.some((h) => h.student === hit.student && h.role === hit.role && h.part === hit.part && h.fit === hit.fit)) list.push(hit);
}

function pushId(map: Map<string, number[]>, key: string, student: number): void {
  if (key.length < 2) return;
  const list = map.get(key);
  if (!list) map.set(key, [student]);
  else if (!list.includes(student)) list.push(student);
}

/** True when `a` and `b` differ by one insertion, deletion, substitution or swap of neighbours. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const lettersOnly = (s: string): string => foldKey(s).replace(/[^a-z]/g, '');

function addNameKeys(index: RosterIndex, student: number, role: Role, part: number, word: string): void {
  const key = foldKey(word);
  if (key.length === 0) return;
  const lower = word.toLowerCase().normalize('NFC');
  push(index.words, key, { student, role, part, fit: lower === key ? 'exact' : 'folded', written: lower });
  const translit = key === lower ? key : transliterationKey(word);
  if (translit !== key) push(index.words, translit, { student, role, part, fit: 'folded' });
}

function addGivenAlternatives(index: RosterIndex, student: number, part: number, word: string): void {
  const lower = word.toLowerCase().normalize('NFC');
  for (const call of callNamesOf(lower)) push(index.words, foldKey(call), { student, role: 'given', part, fit: 'call' });
  for (const spelling of spellingsOf(lower)) push(index.words, foldKey(spelling), { student, role: 'given', part, fit: 'variant' });
}

function derivedLocalsOf(given: string[], family: string[], emailLocal: string | null): Set<string> {
  const g = lettersOnly(given.join(''));
  const g1 = lettersOnly(given[0] ?? '');
  const f = lettersOnly(family.join(''));
  const fMain = lettersOnly(family[family.length - 1] ?? '');
  const out = new Set<string>();
  for (const gg of new Set([g, g1])) {
    for (const ff of new Set([f, fMain])) {
      if (!gg || !ff) continue;
      out.add(gg + ff).add(ff + gg).add(gg[0] + ff).add(gg + ff[0]).add(gg.slice(0, 3) + ff.slice(0, 3)).add(gg.slice(0, 2) + ff.slice(0, 2));
      out.add((gg[0] ?? '') + (ff[0] ?? ''));
    }
  }
  if (emailLocal) out.add(emailLocal.replace(/[^a-z]/g, ''));
  out.delete('');
  return out;
}

function indexStudent(index: RosterIndex, s: RosterStudent, i: number): void {
  const given = parts(s.first_name);
  const family = parts(s.last_name);
  const known = new Set([...given, ...family].map(foldKey));
  const middles = parts(s.full_legal_name).filter((p) => !known.has(foldKey(p)));
  const particles = new Set<number>();
  family.forEach((p, k) => {
    if (k < family.length - 1 && PARTICLES.has(foldKey(p))) particles.add(k);
  });
  const email = typeof s.email === 'string' && s.email.includes('@') ? s.email.trim().toLowerCase() : null;
  const emailLocal = email ? (email.split('@')[0] ?? null) : null;
  const g = lettersOnly(given.join(''));
  const f = lettersOnly(family.join(''));
  const entry: IndexedStudent = {
    student: s,
    displayName: `${s.first_name} ${s.last_name}`.trim(),
    given,
    family,
    particles,
    middles,
    givenInitials: given.map((p) => foldKey(p)[0] ?? ''),
    familyInitial: foldKey(family.find((_, k) => !particles.has(k)) ?? '')[0] ?? '',
    email,
    emailLocal,
    derivedLocals: () => derivedLocalsOf(given, family.filter((_, k) => !particles.has(k)), emailLocal),
    joinedFull: g.length + f.length >= 7 ? [g + f, f + g] : [],
  };
  index.students.push(entry);
  given.forEach((p, k) => {
    addNameKeys(index, i, 'given', k, p);
    addGivenAlternatives(index, i, k, p);
  });
  if (given.length > 1) {
    addNameKeys(index, i, 'givenJoined', 0, given.join(''));
    addGivenAlternatives(index, i, 0, given.join(' '));
  }
  family.forEach((p, k) => addNameKeys(index, i, particles.has(k) ? 'particle' : 'family', k, p));
  if (family.length > 1) {
    addNameKeys(index, i, 'familyJoined', 0, family.join(''));
    const main = family.filter((_, k) => !particles.has(k));
    if (main.length !== family.length && main.length > 1) addNameKeys(index, i, 'familyJoined', 0, main.join(''));
  }
  middles.forEach((p, k) => addNameKeys(index, i, 'middle', k, p));
  if (email) pushId(index.emails, email, i);
  if (emailLocal && /\d/.test(emailLocal) && /^[a-z0-9]+$/.test(emailLocal) && emailLocal.length >= 4) {
    push(index.words, emailLocal, { student: i, role: 'schoolId', part: 0, fit: 'exact' });
  }
}

export function buildRosterIndex(roster: readonly RosterStudent[]): RosterIndex {
  let derived: Map<string, number[]> | null = null;
  const index: RosterIndex = {
    students: [],
    words: new Map(),
    emails: new Map(),
    derivedLocals: () => {
      if (!derived) {
        derived = new Map();
        for (const [i, s] of index.students.entries()) for (const d of s.derivedLocals()) pushId(derived, d, i);
      }
      return derived;
    },
  };
  roster.forEach((s, i) => indexStudent(index, s, i));
  return index;
}

interface CacheEntry {
  snapshot: string;
  index: RosterIndex;
}

/**
 * Cached by roster *content*, not array identity: in the worker pool every task receives a fresh copy of
 * the batch's roster, and a whole batch shares one roster. Bounded (oldest entry evicted); an edited roster
 * has a different key, so it is never served stale.
 */
const CACHE_ENTRIES = 64;
const cache = new Map<string, CacheEntry>();

export function rosterIndexFor(roster: readonly RosterStudent[]): RosterIndex {
  const snapshot = roster.map((s) => `${s?.student_id}\u0000${s?.first_name}\u0000${s?.last_name}\u0000${s?.full_legal_name ?? ''}\u0000${s?.email ?? ''}`).join('\u0001');
  const cached = cache.get(snapshot);
  if (cached) return cached.index;
  const index = buildRosterIndex(roster);
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(snapshot, { snapshot, index });
  return index;
}
