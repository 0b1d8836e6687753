/**
 * Header labels ("Name:", "Namn -", "Student name :", "Förnamn:", "Teacher email:" …). A label decides
 * whose name or address follows: the author's, a given/family name field, an e-mail field, or somebody
 * else's (teacher, recipient, peer reviewer, group member) — the latter must never name the author.
 */
import { foldName } from './nameNormalizer.js';

export type LabelKind = 'author_name' | 'given_name' | 'family_name' | 'email' | 'other_person' | 'metadata' | 'unknown';

export interface LabelLine {
  kind: LabelKind;
  label: string;
  value: string;
  /** Offset of the value inside the line. */
  valueOffset: number;
}

const AUTHOR_NAME_LABELS = new Set([
  'name', 'full name', 'student name', 'students name', 'name of student', 'student', 'pupil', 'author',
  'by', 'written by', 'submitted by', 'from', 'your name', 'my name', 'name and class', 'name class',
  'candidate', 'namn', 'fullstandigt namn', 'elevens namn', 'elevnamn', 'elev', 'forfattare', 'skriven av',
  'skrivet av', 'inlamnad av', 'fran', 'namn och klass', 'namn klass', 'ditt namn', 'mitt namn', 'skribent',
  'writer', 'prepared by', 'essay by', 'text by', 'uppsats av', 'text av', 'namn pa elev', 'pupil name',
  'pupils name', 'student full name', 'elevens fullstandiga namn', 'student och klass', 'student and class',
]);
const GIVEN_NAME_LABELS = new Set(['first name', 'given name', 'forename', 'first names', 'given names', 'fornamn', 'tilltalsnamn']);
const FAMILY_NAME_LABELS = new Set(['last name', 'surname', 'family name', 'efternamn']);
const EMAIL_LABELS = new Set([
  'email', 'e mail', 'mail', 'e post', 'epost', 'mejl', 'email address', 'e mail address', 'e postadress',
  'epostadress', 'mejladress', 'contact', 'kontakt', 'my email', 'my e mail', 'my mail', 'min e post', 'min mejl',
  'student email', 'elevens e post', 'email me', 'e mail me', 'mail me', 'contact me', 'kontakta mig', 'mejla mig',
]);
/** Any of these words in a label means the value belongs to someone other than the author. */
const OTHER_PERSON_WORDS = new Set([
  'teacher', 'larare', 'mentor', 'to', 'till', 'reviewer', 'peer', 'group', 'gruppmedlem', 'grupp', 'partner',
  'member', 'examiner', 'examinator', 'handledare', 'supervisor', 'recipient', 'mottagare', 'cc', 'friend',
  'kompis', 'opponent', 'tutor', 'parent', 'foralder', 'classmate', 'klasskamrat', 'coauthor', 'medforfattare',
  'instructor', 'principal', 'rektor', 'larares', 'teachers',
]);
const METADATA_LABELS = new Set([
  'class', 'klass', 'date', 'datum', 'course', 'kurs', 'prov', 'exam', 'test', 'antal ord', 'word count', 'words',
  'subject', 'amne', 'assignment', 'uppgift', 'title', 'titel', 'tid', 'time', 'school', 'skola', 'grade', 'arskurs',
]);

const LABEL_LINE = /^\s*([\p{L}][\p{L}'’.&/]*(?:[ -][\p{L}'’.&/]+){0,4})(?:\s*[:：]|\s+[-–—]+(?=\s))\s*(.*)$/u;

export function normalizeLabel(label: string): string {
  return foldName(label)
    .replace(/['’]s\b/g, 's')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

export function classifyLabel(normalized: string): LabelKind {
  if (normalized.split(' ').some((word) => OTHER_PERSON_WORDS.has(word))) return 'other_person';
  if (AUTHOR_NAME_LABELS.has(normalized)) return 'author_name';
  if (GIVEN_NAME_LABELS.has(normalized)) return 'given_name';
  if (FAMILY_NAME_LABELS.has(normalized)) return 'family_name';
  if (EMAIL_LABELS.has(normalized)) return 'email';
  if (METADATA_LABELS.has(normalized)) return 'metadata';
  return 'unknown';
}

/** "Label: value" / "Label - value" / "Label : value", or null when the line has no label shape. */
export function parseLabelLine(line: string): LabelLine | null {
  const m = LABEL_LINE.exec(line);
  if (!m) return null;
  const rawLabel = m[1] ?? '';
  const value = m[2] ?? '';
  const label = normalizeLabel(rawLabel);
  return { kind: classifyLabel(label), label, value, valueOffset: line.length - value.length };
}
