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
  if (!list) {
    map.set(key, [hit]);
    return;
  }
  for (const h of list) if (h.student === hit.student && h.role === hit.role && h.part === hit.part && h.fit === hit.fit) return;
  list.push(hit);
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

/** A name form of one student, independent of the student's place in a roster. */
interface Form {
  key: string;
  role: Role;
  part: number;
  fit: Fit;
  written?: string;
}

function nameForms(forms: Form[], role: Role, part: number, word: string): void {
  const key = foldKey(word);
  if (key.length === 0) return;
  const lower = word.toLowerCase().normalize('NFC');
  forms.push({ key, role, part, fit: lower === key ? 'exact' : 'folded', written: lower });
  const translit = key === lower ? key : transliterationKey(word);
  if (translit !== key) forms.push({ key: translit, role, part, fit: 'folded' });
}

function givenAlternatives(forms: Form[], part: number, word: string): void {
  const lower = word.toLowerCase().normalize('NFC');
  for (const call of callNamesOf(lower)) forms.push({ key: foldKey(call), role: 'given', part, fit: 'call' });
  for (const spelling of spellingsOf(lower)) forms.push({ key: foldKey(spelling), role: 'given', part, fit: 'variant' });
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

type Prepared = Omit<IndexedStudent, 'student' | 'displayName'> & { forms: Form[] };

/**
 * Everything about one student's name that does not depend on the roster it sits in, memoised by the
 * name fields: a batch's roster arrives in every worker task, and students recur across a school's classes.
 */
const PREPARED_LIMIT = 20_000;
type Level<T> = Map<string, T>;
let prepared: Level<Level<Level<Level<Prepared>>>> = new Map();
let preparedCount = 0;

/** Nested maps keyed by the fields themselves: no key string is built, and the fields' hashes are reused. */
function memoGet(s: RosterStudent): Prepared | undefined {
  return prepared.get(s.first_name)?.get(s.last_name)?.get(s.full_legal_name ?? '')?.get(s.email ?? '');
}

function memoSet(s: RosterStudent, p: Prepared): void {
  if (++preparedCount > PREPARED_LIMIT) {
    prepared = new Map();
    preparedCount = 1;
  }
  let a = prepared.get(s.first_name);
  if (!a) prepared.set(s.first_name, (a = new Map()));
  let b = a.get(s.last_name);
  if (!b) a.set(s.last_name, (b = new Map()));
  let c = b.get(s.full_legal_name ?? '');
  if (!c) b.set(s.full_legal_name ?? '', (c = new Map()));
  c.set(s.email ?? '', p);
}

function prepare(s: RosterStudent): Prepared {
  const hit = memoGet(s);
  if (hit) return hit;
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
  const forms: Form[] = [];
  given.forEach((p, k) => {
    nameForms(forms, 'given', k, p);
    givenAlternatives(forms, k, p);
  });
  if (given.length > 1) {
    nameForms(forms, 'givenJoined', 0, given.join(''));
    givenAlternatives(forms, 0, given.join(' '));
  }
  family.forEach((p, k) => nameForms(forms, particles.has(k) ? 'particle' : 'family', k, p));
  if (family.length > 1) {
    nameForms(forms, 'familyJoined', 0, family.join(''));
    const main = family.filter((_, k) => !particles.has(k));
    if (main.length !== family.length && main.length > 1) nameForms(forms, 'familyJoined', 0, main.join(''));
  }
  middles.forEach((p, k) => nameForms(forms, 'middle', k, p));
  if (emailLocal && /\d/.test(emailLocal) && /^[a-z0-9]+$/.test(emailLocal) && emailLocal.length >= 4) {
    forms.push({ key: emailLocal, role: 'schoolId', part: 0, fit: 'exact' });
  }
  let derived: Set<string> | null = null;
  const entry: Prepared = {
    given,
    family,
    particles,
    middles,
    givenInitials: given.map((p) => foldKey(p)[0] ?? ''),
    familyInitial: foldKey(family.find((_, k) => !particles.has(k)) ?? '')[0] ?? '',
    email,
    emailLocal,
    derivedLocals: () => (derived ??= derivedLocalsOf(given, family.filter((_, k) => !particles.has(k)), emailLocal)),
    joinedFull: g.length + f.length >= 7 ? [g + f, f + g] : [],
    forms,
  };
  memoSet(s, entry);
  return entry;
}

function indexStudent(index: RosterIndex, s: RosterStudent, i: number): void {
  const p = prepare(s);
  index.students.push({
    student: s, displayName: `${s.first_name} ${s.last_name}`.trim(), given: p.given, family: p.family, particles: p.particles, middles: p.middles,
    givenInitials: p.givenInitials, familyInitial: p.familyInitial, email: p.email, emailLocal: p.emailLocal, derivedLocals: p.derivedLocals,
    joinedFull: p.joinedFull,
  });
  for (const form of p.forms) push(index.words, form.key, { student: i, role: form.role, part: form.part, fit: form.fit, written: form.written });
  if (p.email) pushId(index.emails, p.email, i);
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
  for (let i = 0; i < roster.length; i++) indexStudent(index, roster[i] as RosterStudent, i);
  return index;
}

interface CacheEntry {
  /** The five fields of every student when indexed, to detect a roster changed in place. */
  fields: unknown[];
  index: RosterIndex;
}

/**
 * Cached per roster array (a matcher matches a whole batch against one roster); the students' fields are
 * compared before reuse, so a roster changed in place is re-indexed, never served stale. A pool worker keeps
 * one array per roster content key (src/untrusted/worker.ts), so its tasks hit this cache too; a fresh array
 * (a changed roster, a caller that copies it) is indexed from the per-student memo above.
 */
const cache = new WeakMap<readonly RosterStudent[], CacheEntry>();

function fieldsOf(roster: readonly RosterStudent[]): unknown[] {
  const out: unknown[] = [];
  for (const s of roster) out.push(s, s.student_id, s.first_name, s.last_name, s.full_legal_name, s.email);
  return out;
}

function sameFields(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function rosterIndexFor(roster: readonly RosterStudent[]): RosterIndex {
  const cached = cache.get(roster);
  const fields = fieldsOf(roster);
  if (cached && sameFields(cached.fields, fields)) return cached.index;
  const index = buildRosterIndex(roster);
  cache.set(roster, { fields, index });
  return index;
}
