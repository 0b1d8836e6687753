import { randomUUID } from 'node:crypto';
import type { RosterEntry, RosterRow } from './rosterCsv.js';

// Decides, row by row, what an import does. Pure: the service feeds it what the database holds.

export interface KnownStudent {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  inClass: boolean;
}

export type ImportDecision =
  | { kind: 'create'; line: number; entry: RosterEntry; studentId: string }
  | { kind: 'present'; line: number; entry: RosterEntry; studentId: string; enrol: boolean; reason: string }
  | { kind: 'reject'; line: number; raw: Partial<RosterEntry>; reason: string };

export const nameKey = (first: string, last: string) => `${first}\u0000${last}`.normalize('NFC').toLocaleLowerCase('sv');

interface Seen {
  line: number;
  studentId: string;
  nameKey: string;
}

/** Existing students by lower-cased e-mail, class members by name; earlier rows of the same file win. */
export function planRosterImport(
  rows: readonly RosterRow[],
  known: { byEmail: ReadonlyMap<string, KnownStudent>; membersByName: ReadonlyMap<string, KnownStudent> },
): ImportDecision[] {
  const seenEmails = new Map<string, Seen>();
  const seenNames = new Map<string, Seen>();
  return rows.map((row): ImportDecision => {
    if (!row.ok) return { kind: 'reject', line: row.line, raw: row.raw, reason: row.reason };
    const entry = row.entry;
    const key = nameKey(entry.first_name, entry.last_name);
    const decision = entry.email
      ? decideByEmail(row.line, entry, key, seenEmails.get(entry.email.toLowerCase()), known.byEmail.get(entry.email.toLowerCase()))
      : decideByName(row.line, entry, seenNames.get(key), known.membersByName.get(key));
    if (decision.kind !== 'reject') {
      const seen = { line: row.line, studentId: decision.studentId, nameKey: key };
      if (entry.email && !seenEmails.has(entry.email.toLowerCase())) seenEmails.set(entry.email.toLowerCase(), seen);
      if (!seenNames.has(key)) seenNames.set(key, seen);
    }
    return decision;
  });
}

function decideByEmail(line: number, entry: RosterEntry, key: string, earlier: Seen | undefined, existing: KnownStudent | undefined): ImportDecision {
  if (earlier) {
    return earlier.nameKey === key
      ? { kind: 'present', line, entry, studentId: earlier.studentId, enrol: false, reason: `same student as line ${earlier.line}` }
      : { kind: 'reject', line, raw: entry, reason: `the e-mail is already used on line ${earlier.line} for another name` };
  }
  if (!existing) return { kind: 'create', line, entry, studentId: randomUUID() };
  if (nameKey(existing.first_name, existing.last_name) !== key) {
    return { kind: 'reject', line, raw: entry, reason: `the e-mail belongs to your student ${existing.first_name} ${existing.last_name}` };
  }
  return existing.inClass
    ? { kind: 'present', line, entry, studentId: existing.id, enrol: false, reason: 'already in this class' }
    : { kind: 'present', line, entry, studentId: existing.id, enrol: true, reason: 'existing student, added to this class' };
}

function decideByName(line: number, entry: RosterEntry, earlier: Seen | undefined, member: KnownStudent | undefined): ImportDecision {
  if (member) return { kind: 'present', line, entry, studentId: member.id, enrol: false, reason: 'already in this class' };
  if (earlier) return { kind: 'present', line, entry, studentId: earlier.studentId, enrol: false, reason: `same student as line ${earlier.line}` };
  return { kind: 'create', line, entry, studentId: randomUUID() };
}
