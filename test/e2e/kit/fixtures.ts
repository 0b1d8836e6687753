/**
 * A class roster and essays that name its students in the ways teachers meet: labelled headers, exam.net
 * lines, e-mail addresses, file names, sign-offs. Confidences (from the matching engine's calibration):
 * the strong cues score ≥ 0.7, a given name alone, an initial or a typo stay below.
 */
import type { EssayFile, RosterStudent } from './flows.js';

export const PEOPLE = [
  ['Anna', 'Lindqvist'], ['Erik', 'Berg'], ['Tove', 'Lindahl'], ['Johan', 'Svensson'], ['Maja', 'Ekström'],
  ['Oskar', 'Nyberg'], ['Sara', 'Holm'], ['Liam', 'Forsberg'], ['Ella', 'Sjöberg'], ['Noah', 'Karlsson'],
] as const;

const email = (first: string, last: string) => `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '') + '@school.example';

/** The roster CSV of the first `count` people. */
export function rosterCsv(count: number = PEOPLE.length): string {
  const rows = PEOPLE.slice(0, count).map(([first, last]) => `${first},${last},${email(first, last)}`);
  return ['first_name,last_name,email', ...rows].join('\n') + '\n';
}

const TOPICS = ['why cities should plant more trees', 'the history of the bicycle', 'a summer by the sea', 'learning a second language', 'what makes a good friend'];
const body = (i: number) => `This essay is about ${TOPICS[i % TOPICS.length]}. It has a beginning, a middle and an end (${i}).`;

/** One essay per person, each naming its author with a strong cue (confidence ≥ 0.7). */
export function confidentEssays(count: number = PEOPLE.length): EssayFile[] {
  return PEOPLE.slice(0, count).map(([first, last], i) => {
    const texts = [
      `Name: ${first} ${last}\n\n${body(i)}`,
      `${first} ${last} 2025-03-04\n\n${body(i)}`,
      `Contact me at ${email(first, last)}\n${body(i)}`,
    ];
    return { name: `essay-${i + 1}.txt`, content: texts[i % texts.length]! };
  });
}

/** Mixed confidences for the timeout: which essays should keep their suggestion (≥ 0.7) and which go to UNKNOWN. */
export function mixedEssays(): { files: EssayFile[]; kept: string[]; toUnknown: string[] } {
  const files = [
    { name: 'header.txt', content: `Name: Anna Lindqvist\n\n${body(0)}` }, // 0.95
    { name: 'examnet.txt', content: `Erik Berg 2025-03-04\n\n${body(1)}` }, // 0.93
    { name: 'lindahl_tove.txt', content: body(2) }, // file name only: 0.77
    { name: 'signoff.txt', content: `${body(3)}\n\nBest regards,\nJohan` }, // given name alone: 0.58
    { name: 'typo.txt', content: `Name: Sara Holn\n\n${body(4)}` }, // one-letter typo: 0.65
    { name: 'anonymous.txt', content: `${body(5)} Nobody signed it.` }, // no name: no suggestion
  ];
  return { files, kept: ['header.txt', 'examnet.txt', 'lindahl_tove.txt'], toUnknown: ['signoff.txt', 'typo.txt', 'anonymous.txt'] };
}

export function studentNamed(roster: RosterStudent[], first: string): RosterStudent {
  const found = roster.find((s) => s.first_name === first);
  if (!found) throw new Error(`no ${first} in the roster`);
  return found;
}

/** Bytes no extractor can read, under names that promise a document. */
export const UNREADABLE: EssayFile[] = [
  { name: 'broken.docx', content: Buffer.from('PK\u0003\u0004 this is not really a zip archive at all', 'latin1') },
  { name: 'broken.pdf', content: Buffer.from('%PDF-1.7\n%garbage without any objects or trailer\n', 'latin1') },
];
