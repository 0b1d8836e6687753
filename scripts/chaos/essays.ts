/**
 * Rosters and essays for the simulated teachers. Each essay is written by one roster student and names
 * them the way real essays do (labelled header, exam.net line, e-mail, file name, sign-off, "my name is")
 * or not at all, so suggestions span confident, weak and none.
 */
export interface Student {
  first: string;
  last: string;
  email: string;
}

export type Style = 'header' | 'swedishHeader' | 'examnet' | 'email' | 'filename' | 'signoff' | 'selfIntro' | 'anonymous';

export interface PlannedEssay {
  filename: string;
  content: string;
  /** Index into the class roster of the student who wrote it. */
  author: number;
  style: Style;
}

const FIRST = ['Alva', 'Elsa', 'Wilma', 'Ebba', 'Saga', 'Agnes', 'Astrid', 'Freja', 'Ines', 'Juni', 'Leia', 'Majken', 'Nova', 'Signe', 'Tyra', 'Vera',
  'Hugo', 'Viggo', 'Arvid', 'Elton', 'Ebbe', 'Folke', 'Gustav', 'Hampus', 'Isak', 'Joel', 'Kasper', 'Loke', 'Melker', 'Nils', 'Otto', 'Sixten'];
const LAST = ['Lindqvist', 'Bergström', 'Holmberg', 'Sandberg', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund', 'Danielsson', 'Lundgren',
  'Håkansson', 'Björk', 'Bengtsson', 'Lindahl', 'Nyberg', 'Fransson', 'Hedlund', 'Strand', 'Blom', 'Åberg', 'Sundberg', 'Mattsson', 'Hermansson'];
const SENTENCES = [
  'Cities should plant more trees because shade lowers the temperature in summer.',
  'The bicycle changed how workers travelled to the factories.',
  'Learning a second language opens doors to other cultures.',
  'A good friend listens more than they speak.',
  'The sea was calm that morning, and the boats left the harbour early.',
  'Reading every evening has made me a more patient person.',
  'Our school garden grew potatoes, beans and far too many weeds.',
  'Music can change the mood of a whole room in a few seconds.',
];
const STYLES: Style[] = ['header', 'swedishHeader', 'examnet', 'email', 'filename', 'signoff', 'selfIntro', 'anonymous'];

const ascii = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** `size` distinct students (distinct given names while they last, so a given name alone is not ambiguous). */
export function makeRoster(size: number, seed: number): Student[] {
  const students: Student[] = [];
  for (let i = 0; students.length < size; i++) {
    const first = FIRST[(i + seed) % FIRST.length]!;
    const last = LAST[(i * 7 + seed * 3 + Math.floor(i / FIRST.length)) % LAST.length]!;
    if (students.some((s) => s.first === first && s.last === last)) continue;
    students.push({ first, last, email: `${ascii(first)}.${ascii(last)}.${seed}@school.example` });
  }
  return students;
}

export function rosterCsv(students: Student[]): string {
  return ['first_name,last_name,email', ...students.map((s) => `${s.first},${s.last},${s.email}`)].join('\n') + '\n';
}

/** `count` essays by distinct authors of the roster (count ≤ roster size), in rotating styles. */
export function makeEssays(roster: Student[], count: number, batchNo: number): PlannedEssay[] {
  return Array.from({ length: count }, (_, j) => {
    const author = (batchNo * 5 + j) % roster.length;
    const style = STYLES[(batchNo + j) % STYLES.length]!;
    return { ...write(roster[author]!, style, batchNo, j), author, style };
  });
}

function write(s: Student, style: Style, batchNo: number, j: number): { filename: string; content: string } {
  const body = `${SENTENCES[(batchNo + j) % SENTENCES.length]} ${SENTENCES[(batchNo * 3 + j + 1) % SENTENCES.length]} (Draft ${batchNo}.${j}.)`;
  const plain = `b${batchNo}-essay-${j + 1}.txt`;
  switch (style) {
    case 'header': return { filename: plain, content: `Name: ${s.first} ${s.last}\n\n${body}` };
    case 'swedishHeader': return { filename: plain, content: `Namn: ${s.first} ${s.last}\nKlass: 9B\n\n${body}` };
    case 'examnet': return { filename: plain, content: `${s.first} ${s.last} 2025-03-04\n\n${body}` };
    case 'email': return { filename: plain, content: `Contact me at ${s.email}\n${body}` };
    case 'filename': return { filename: `${ascii(s.last)}_${ascii(s.first)}.txt`, content: body };
    case 'signoff': return { filename: plain, content: `${body}\n\nBest regards,\n${s.first}` };
    case 'selfIntro': return { filename: plain, content: `My name is ${s.first} and this is my essay. ${body}` };
    case 'anonymous': return { filename: plain, content: body };
  }
}
