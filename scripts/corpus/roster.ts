/** Class rosters for the second matching corpus: 20–35 students with the traps real classes have. */
import { fullName, personKey, randomPerson, type Person } from './names.js';
import type { Random } from './random.js';
import { emailLocal } from './forms.js';

export interface RosterRow {
  student_id: string;
  first_name: string;
  last_name: string;
  email?: string | null;
}

export interface Class {
  people: Person[];
  rows: RosterRow[];
  domain: string;
  emailStyle: number;
}

const DOMAINS = ['elev.lillby.se', 'skola.norrvik.se', 'stud.hagagymnasiet.se', 'edu.ekby.se', 'students.riverside.sch.uk'];

/** `required` people are placed first (shuffled in), the rest drawn at random without duplicate full names. */
export function buildClass(r: Random, required: readonly Person[], idPrefix: string, allowDuplicateOf?: Person): Class {
  const size = 20 + r.int(16);
  const people: Person[] = [...required];
  const seen = new Set(required.map(personKey));
  while (people.length < size) {
    const p = randomPerson(r);
    if (seen.has(personKey(p))) continue;
    seen.add(personKey(p));
    people.push(p);
  }
  if (allowDuplicateOf) people.push(allowDuplicateOf);
  const shuffled = r.shuffle(people);
  const domain = r.pick(DOMAINS);
  const emailStyle = r.int(4);
  const rows = shuffled.map((p, i) => ({
    student_id: `${idPrefix}-s${String(i + 1).padStart(2, '0')}`,
    first_name: p.given.join(p.givenJoin),
    last_name: p.family.join(p.familyJoin),
    email: r.chance(0.9) ? `${emailLocal(p, emailStyle)}${rowsSuffix(i, p, allowDuplicateOf)}@${domain}` : null,
  }));
  return { people: shuffled, rows, domain, emailStyle };
}

function rowsSuffix(i: number, p: Person, dup?: Person): string {
  return dup && fullName(dup) === fullName(p) ? String(i) : '';
}

export function idOf(c: Class, p: Person): string {
  const i = c.people.indexOf(p);
  if (i < 0) throw new Error(`${fullName(p)} is not in the class`);
  return c.rows[i]!.student_id;
}

export function emailOf(c: Class, p: Person): string | null {
  return c.rows[c.people.indexOf(p)]?.email ?? null;
}
