/**
 * What surrounds an occurrence (issue 13): the words before it on its line (a label, a byline, "my name
 * is", a greeting, a teacher's label), the line before it (a sign-off), what follows it (a citation, a
 * reported speaker), and the table column it sits in. Only bounded slices of one line are read, so the
 * cost per occurrence is constant whatever the line length (issue 10).
 */
import { foldKey } from './fold.js';
import type { Layout, LineInfo } from './layout.js';

const WINDOW = 48;
const LINE_PEEK = 160;

export const AUTHOR_LABELS = [
  'name', 'namn', 'full name', 'student name', 'students name', 'name of student', 'student', 'elev', 'elevens namn', 'elevnamn',
  'author', 'forfattare', 'namn och klass', 'name and class', 'namn klass', 'name class', 'skribent', 'writer', 'pupil', 'candidate',
  'elev id', 'student id', 'elevid', 'studentid', 'e post', 'epost', 'e mail', 'email', 'mail', 'kontakt', 'contact', 'from', 'fran',
  'fornamn', 'efternamn', 'tilltalsnamn', 'given name', 'first name', 'family name', 'last name', 'surname', 'forename', 'mitt namn',
  'email me', 'mail me', 'e mail me', 'mejla mig', 'maila mig', 'contact me', 'kontakta mig', 'my email', 'min e post', 'min mail',
];
const GIVEN_FIELDS = ['fornamn', 'tilltalsnamn', 'given name', 'first name', 'forename'];
const FAMILY_FIELDS = ['efternamn', 'family name', 'last name', 'surname'];
const OTHER_LABELS = [
  'teacher', 'larare', 'lararen', 'mentor', 'handledare', 'examinator', 'examiner', 'reviewer', 'peer reviewer', 'kamratrespons',
  'respons fran', 'feedback from', 'kommentar fran', 'comment from', 'teachers comment', 'lararens kommentar', 'bedomd av',
  'graded by', 'rattad av', 'till', 'to', 'mottagare', 'recipient', 'group members', 'group member', 'member', 'members', 'gruppmedlemmar',
  'gruppmedlem', 'medlem', 'medlemmar', 'grupp', 'group', 'partner', 'lab partner', 'labbpartner', 'opponent', 'opponering',
  'intervju med', 'interview with', 'mr', 'mrs', 'ms', 'miss', 'fru', 'herr', 'teacher name', 'larare namn', 'kurs', 'course', 'skola', 'school',
];
/** Words that make a label someone else's ("Teacher email", "Lärarens e-post", "Peer reviewer"). */
const OTHER_PERSON_WORDS = ['teacher', 'teachers', 'larare', 'lararen', 'lararens', 'mentor', 'mentors', 'handledare', 'examinator', 'examiner', 'reviewer', 'kamrat', 'peer', 'group', 'grupp', 'gruppmedlem', 'recipient', 'mottagare', 'opponent', 'partner'];
const BYLINES = [
  'by', 'av', 'skriven av', 'written by', 'an essay by', 'a text by', 'essay by', 'text av', 'en text av', 'en uppsats av',
  'uppsats av', 'kronika av', 'submitted by', 'inlamnad av', 'forfattad av', 'text', 'a story by', 'en novell av',
];
const SELF_INTROS = ['my name is', 'i am', 'im', 'i m', 'jag heter', 'mitt namn ar', 'jag ar', 'call me', 'kalla mig', 'namnet ar', 'heter', 'this is', 'det har ar'];
const GREETINGS = ['hej', 'hi', 'hello', 'dear', 'kara', 'bra jobbat', 'well done', 'good job', 'great job', 'nice work', 'bra', 'fint', 'snyggt', 'tack', 'thanks', 'great work', 'good work', 'grattis', 'hejsan'];
const SIGNOFFS = new Set([
  'mvh', 'med vanliga halsningar', 'vanliga halsningar', 'halsningar', 'halsning', 'regards', 'best regards', 'kind regards', 'sincerely',
  'yours sincerely', 'best wishes', 'cheers', 'thanks', 'thank you', 'tack', 'tack for mig', 'thank you for reading', 'thanks for reading',
  'tack for att du laste', 'hej da', 'bye', 'love', 'kram', 'allt gott', 'all the best', 'yours', 'warm regards', 'best',
]);
const SPEAKER_BEFORE = ['according to', 'enligt', 'said', 'says', 'sa', 'sager', 'skriver', 'writes', 'wrote', 'skrev', 'like', 'som'];
const SOCIAL_BEFORE = [
  'friend', 'my friend', 'friends', 'kompis', 'min kompis', 'kompisen', 'van', 'min van', 'brother', 'sister', 'bror', 'syster',
  'mamma', 'pappa', 'cousin', 'kusin', 'with', 'med', 'and', 'och', 'classmate', 'klasskompis', 'interviewed', 'intervjuade',
  'asked', 'fragade', 'told', 'berattade for', 'helped', 'hjalpte', 'team', 'together with', 'tillsammans med',
];
const SPEAKER_AFTER = ['said', 'says', 'sa', 'sager', 'skriver', 'writes', 'wrote', 'skrev', 'thinks', 'tycker', 'et al', 'and i', 'och jag', 'and me', 'och mig'];
const COMMENT_MARKERS = ['kommentar', 'comment', 'feedback', 'omdome', 'respons', 'betyg', 'grade', 'bedomning'];

export interface Context {
  labelAuthor: boolean;
  labelOther: boolean;
  fieldGiven: boolean;
  fieldFamily: boolean;
  byline: boolean;
  selfIntro: boolean;
  greeting: boolean;
  signoff: boolean;
  speaker: boolean;
  social: boolean;
  quoted: boolean;
  commentLine: boolean;
  tableCell: boolean;
  /** Characters on the line other than the occurrence and its label. */
  lineRest: number;
}

/** `phrase` ends `s` at a word boundary. */
function endsWithWord(s: string, phrase: string): boolean {
  if (!s.endsWith(phrase)) return false;
  const before = s.length - phrase.length - 1;
  return before < 0 || !isWordChar(s[before] ?? ' ');
}

function startsWithWord(s: string, phrase: string): boolean {
  if (!s.startsWith(phrase)) return false;
  return !isWordChar(s[phrase.length] ?? ' ');
}

const isWordChar = (ch: string): boolean => (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');

/** Folded, punctuation turned into spaces, single-spaced: "Namn och klass:" → "namn och klass". */
export function simplify(raw: string): string {
  const folded = foldKey(raw);
  let out = '';
  let space = true;
  for (const ch of folded) {
    if (isWordChar(ch)) {
      out += ch;
      space = false;
    } else if (!space) {
      out += ' ';
      space = true;
    }
  }
  return out.trimEnd();
}

const TRAILING_SEPARATORS = new Set([':', '-', '–', '—', '|', '>', '=', '*', '(', '"', '“', '”', '«', '\t', ' ', '.', '/']);

function lineOf(layout: Layout, line: number): LineInfo | undefined {
  return layout.lines[line];
}

function previousNonBlank(layout: Layout, line: number): LineInfo | undefined {
  for (let k = line - 1; k >= 0 && k >= line - 3; k--) {
    const l = layout.lines[k];
    if (l && l.fromTop >= 0) return l;
  }
  return undefined;
}

function tableColumnLabel(text: string, layout: Layout, line: number, start: number): string {
  const info = lineOf(layout, line);
  if (!info?.tableRow) return '';
  let column = 0;
  for (let i = info.start; i < start && i - info.start < LINE_PEEK; i++) if (text[i] === '|') column++;
  for (let k = line - 1; k >= 0 && k >= line - 3; k--) {
    const row = layout.lines[k];
    if (!row?.tableRow) return '';
    const cells = text.slice(row.start, Math.min(row.end, row.start + LINE_PEEK)).split('|');
    const cell = simplify(cells[column] ?? '');
    if (cell.length > 0 && !/^[-: ]*$/.test(cells[column] ?? '')) return cell;
  }
  return '';
}

export function contextOf(text: string, layout: Layout, line: number, start: number, end: number): Context {
  const info = lineOf(layout, line);
  const lineStart = info?.start ?? 0;
  const lineEnd = info?.end ?? text.length;
  const rawBefore = text.slice(Math.max(lineStart, start - WINDOW), start);
  let cut = rawBefore.length;
  while (cut > 0 && TRAILING_SEPARATORS.has(rawBefore[cut - 1] ?? '')) cut--;
  const hadSeparator = cut < rawBefore.length && /[:|\-–—=>]/.test(rawBefore.slice(cut));
  const before = simplify(rawBefore.slice(0, cut));
  const after = simplify(text.slice(end, Math.min(lineEnd, end + 24)));
  const column = tableColumnLabel(text, layout, line, start);
  const label = (list: readonly string[]): boolean => list.some((w) => endsWithWord(before, w)) || list.includes(column);
  // "Teacher email:", "Lärarens namn:": a word naming someone else anywhere in the label makes it theirs.
  const words = ` ${before} ${column} `;
  const someoneElse = OTHER_PERSON_WORDS.some((w) => words.includes(` ${w} `));
  const isAuthorLabel = (hadSeparator || column !== '' || before.length <= 14) && label(AUTHOR_LABELS) && !someoneElse;
  const prev = previousNonBlank(layout, line);
  const prevText = prev ? simplify(text.slice(prev.start, Math.min(prev.end, prev.start + 60))) : '';
  const lineHead = simplify(text.slice(lineStart, Math.min(lineEnd, lineStart + LINE_PEEK)));
  const labelLength = rawBefore.length;
  return {
    labelAuthor: isAuthorLabel,
    labelOther: label(OTHER_LABELS) || (someoneElse && (hadSeparator || column !== '')),
    fieldGiven: label(GIVEN_FIELDS),
    fieldFamily: label(FAMILY_FIELDS),
    byline: before.length <= 30 && BYLINES.some((w) => endsWithWord(before, w)),
    selfIntro: SELF_INTROS.some((w) => endsWithWord(before, w)),
    greeting: GREETINGS.some((w) => endsWithWord(before, w)),
    signoff: (before === '' && SIGNOFFS.has(prevText)) || SIGNOFFS.has(before) || (before === '' && /[/]\s*$/.test(rawBefore)),
    speaker: SPEAKER_BEFORE.some((w) => endsWithWord(before, w)) || SPEAKER_AFTER.some((w) => startsWithWord(after, w)) || /^\s*\(\s*\d/.test(text.slice(end, end + 6)),
    social: SOCIAL_BEFORE.some((w) => endsWithWord(before, w)),
    quoted: /["“”«»]$/.test(rawBefore),
    commentLine: COMMENT_MARKERS.some((w) => lineHead.includes(w)),
    tableCell: info?.tableRow === true,
    lineRest: Math.max(0, (info?.length ?? 0) - (end - start) - (start - lineStart <= WINDOW ? labelLength : 0)),
  };
}
