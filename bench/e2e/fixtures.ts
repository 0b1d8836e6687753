/**
 * Rosters and essays for the benchmark: a class of 35 and 30 essays of ordinary length that name their
 * authors the ways teachers meet (labelled header, exam.net line, e-mail), so the matcher does real work.
 */
const FIRST = ['Anna', 'Erik', 'Tove', 'Johan', 'Maja', 'Oskar', 'Sara', 'Liam', 'Ella', 'Noah', 'Alva', 'Hugo', 'Elsa', 'Lucas', 'Wilma', 'Adam', 'Saga', 'Elias', 'Ebba', 'Viktor', 'Alice', 'Axel', 'Olivia', 'Leo', 'Freja', 'Isak', 'Linnea', 'Melvin', 'Stella', 'Albin', 'Astrid', 'Theo', 'Vera', 'Nils', 'Agnes', 'Edvin', 'Clara', 'Arvid', 'Signe', 'Malte'];
const LAST = ['Lindqvist', 'Berg', 'Lindahl', 'Svensson', 'Ekström', 'Nyberg', 'Holm', 'Forsberg', 'Sjöberg', 'Karlsson', 'Andersson', 'Johansson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Lundgren', 'Lundberg', 'Mattsson', 'Magnusson', 'Lindström', 'Axelsson', 'Hedlund', 'Sandberg', 'Björk', 'Wallin', 'Engström', 'Danielsson', 'Håkansson', 'Fransson', 'Lund', 'Nordin', 'Strand'];

export interface Person {
  first: string;
  last: string;
  email: string;
}

const ascii = (text: string) => text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');

const PAIRS = FIRST.length * LAST.length;

/**
 * `count` distinct people (distinct full names, so no import row is rejected as a duplicate): every
 * first × last pair once, then again with double-barrelled surnames.
 */
export function people(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => {
    const pair = i % PAIRS;
    const round = Math.floor(i / PAIRS);
    const first = FIRST[pair % FIRST.length]!;
    const base = LAST[(pair + Math.floor(pair / FIRST.length)) % LAST.length]!;
    const last = round === 0 ? base : `${base}-${LAST[(round * 7 + 3) % LAST.length]!}`;
    return { first, last, email: `${ascii(first)}.${ascii(last)}.${i}@school.example` };
  });
}

export function rosterCsv(roster: Person[]): string {
  return ['first_name,last_name,email', ...roster.map((p) => `${p.first},${p.last},${p.email}`)].join('\n') + '\n';
}

const PARAGRAPH =
  'Cities grow, and with them the need for shade, clean air and places to rest. Planting trees along streets and in ' +
  'school yards is one of the cheapest ways to cool a neighbourhood in summer, and the roots hold water when it rains. ' +
  'Critics say that trees cost money to maintain and that leaves block the gutters in autumn, but the benefits last ' +
  'for generations, while the costs are small and predictable. ';

/** One essay per person, about 2 KB each, each naming its author with a strong cue. */
export function essaysFor(authors: Person[]): { name: string; content: string }[] {
  return authors.map((p, i) => {
    const body = `${PARAGRAPH.repeat(5)}(${i})`;
    const heads = [`Name: ${p.first} ${p.last}\n\n`, `${p.first} ${p.last} 2025-03-04\n\n`, `Contact me at ${p.email}\n`];
    return { name: `essay-${i + 1}.txt`, content: `${heads[i % heads.length]}${body}` };
  });
}
