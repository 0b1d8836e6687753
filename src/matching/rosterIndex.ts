/**
 * Roster preparation: every student's name forms tokenised and squashed once per roster, plus the
 * given-name counts that decide whether a first name alone is unique in the class.
 */
import { foldName, nameTokens, normalizeEmail, squash, type Squashed } from './nameNormalizer.js';
import type { RosterStudent } from './types.js';

/** One way of writing the student's name: given tokens then family tokens. */
export interface NameForm {
  given: string[];
  family: string[];
  givenSquash: Squashed;
  familySquash: Squashed;
  /** Folded single given tokens, for call names ("Irma" for "Ylva Irma"). */
  givenFolded: string[];
  familyFolded: string[];
}

export interface IndexedStudent {
  student: RosterStudent;
  displayName: string;
  forms: NameForm[];
  email: string | null;
  /** Folded name tokens of all forms (≥ 2 letters), for cheap pre-filtering. */
  foldedTokens: string[];
}

export interface RosterIndex {
  students: IndexedStudent[];
  /** Folded given name (squashed, and each single given token) → how many students carry it. */
  givenNameCounts: Map<string, number>;
}

function makeForm(given: string[], family: string[]): NameForm {
  return {
    given,
    family,
    givenSquash: squash(given),
    familySquash: squash(family),
    givenFolded: given.map((t) => squash([t]).folded),
    familyFolded: family.map((t) => squash([t]).folded),
  };
}

/** The legal name usually ends with the family name; otherwise its last token is taken as family. */
function legalNameForm(legal: string, family: string[]): NameForm | null {
  const tokens = nameTokens(legal);
  if (tokens.length < 2) return null;
  const tail = tokens.slice(tokens.length - family.length).map(foldName).join(' ');
  if (family.length > 0 && family.length < tokens.length && tail === family.map(foldName).join(' ')) {
    return makeForm(tokens.slice(0, tokens.length - family.length), family);
  }
  return makeForm(tokens.slice(0, -1), tokens.slice(-1));
}

function indexStudent(student: RosterStudent): IndexedStudent {
  const given = nameTokens(student.first_name);
  const family = nameTokens(student.last_name);
  const forms = [makeForm(given, family)];
  const legal = student.full_legal_name ? legalNameForm(student.full_legal_name, family) : null;
  if (legal && legal.givenSquash.folded !== forms[0]?.givenSquash.folded) forms.push(legal);
  const displayName = `${student.first_name.trim()} ${student.last_name.trim()}`.normalize('NFC');
  const email = student.email ? normalizeEmail(student.email) : null;
  const foldedTokens = new Set(forms.flatMap((f) => [...f.givenFolded, ...f.familyFolded]).filter((t) => t.length >= 2));
  return { student, displayName, forms, email, foldedTokens: [...foldedTokens] };
}

function countGivenNames(students: IndexedStudent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of students) {
    const keys = new Set<string>();
    for (const form of s.forms) {
      keys.add(form.givenSquash.folded);
      for (const token of form.givenFolded) keys.add(token);
    }
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function buildRosterIndex(roster: readonly RosterStudent[]): RosterIndex {
  const students = roster.filter(isUsableStudent).map(indexStudent);
  return { students, givenNameCounts: countGivenNames(students) };
}

function isUsableStudent(s: RosterStudent): boolean {
  return (
    typeof s?.student_id === 'string' &&
    s.student_id.length > 0 &&
    typeof s.first_name === 'string' &&
    typeof s.last_name === 'string' &&
    nameTokens(s.first_name).length + nameTokens(s.last_name).length > 0
  );
}
