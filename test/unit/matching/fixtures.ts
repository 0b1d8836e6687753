/**
 * Hand-made roster and essay builders for the matching tests. Every name and sentence here is invented
 * for the tests; none comes from a corpus.
 */
import { matchEssay, type MatchResult, type MatchSuggestion, type RosterStudent } from '../../../src/matching/index.js';

export function student(id: string, first: string, last: string, email?: string, legal?: string): RosterStudent {
  return { student_id: id, first_name: first, last_name: last, ...(email ? { email } : {}), ...(legal ? { full_legal_name: legal } : {}) };
}

/** A class with deliberately awkward names: a reversed pair, shared given names, double names, diacritics. */
export const ROSTER: RosterStudent[] = [
  student('s-ylva', 'Ylva', 'Sandell', 'ylva.sandell@skola.example.se'),
  student('s-bertil', 'Bertil', 'Otto', 'bo21001@skola.example.se'),
  student('s-otto', 'Otto', 'Bertil', 'ob21002@skola.example.se'),
  student('s-tuva', 'Tuva-Lykke', 'Kvist', 'tuvalykke.kvist@skola.example.se'),
  student('s-idris', 'Idris', 'Kask', 'idrkas77@skola.example.se'),
  student('s-ragnar', 'Ragnar', 'Östlund', 'ragnar.ostlund@skola.example.se'),
  student('s-joakim', 'Joakim', 'Hedin', 'joakim.hedin@skola.example.se'),
  student('s-dagny', 'Dagny', 'Rask Hallin', 'dagny.rask.hallin@skola.example.se'),
  student('s-solveig', 'Solveig Edla', 'Brandt', 'sb20011@skola.example.se'),
  student('s-hjalmar', 'Hjalmar', 'Grönvall', 'hjalmar.gronvall@skola.example.se'),
  student('s-irma-w', 'Irma', 'Wiklöf', 'irma.wiklof@skola.example.se'),
  student('s-irma-s', 'Irma', 'Sundin', 'irma.sundin@skola.example.se'),
  student('s-zeynep', 'Zeynep', 'Ekdahl'),
  student('s-folke', 'Folke', 'Strömqvist-Lagerkvist', 'folke.stromqvist-lagerkvist@skola.example.se'),
  student('s-eskil', 'Eskil', 'Westin', 'ew22041@skola.example.se'),
  student('s-minna', 'Minna', 'Carlén', 'minna.carlen@skola.example.se'),
  student('s-torsten', 'Torsten', 'Åkerlund', 'torsten.akerlund@skola.example.se'),
  student('s-nadja', 'Nadja', 'Frisk', 'nadja.frisk@skola.example.se'),
  student('s-kerstin', 'Kerstin', 'Almqvist', 'kerstin.almqvist@skola.example.se'),
  student('s-greger', 'Greger', 'Holmér', 'greger.holmer@skola.example.se'),
  student('s-magnus', 'Magnus', 'Engdahl', 'magnus.engdahl@skola.example.se'),
  student('s-cecilia', 'Cecilia', 'Tallberg', 'cecilia.tallberg@skola.example.se'),
];

/** Invented essay body: long enough to look like an essay, with no names in it. */
export const BODY = [
  'Rivers carry salt slowly toward the delta, and the herons wait on the mudflats for the tide to turn.',
  'Our group measured the water every Thursday morning and wrote the numbers into a shared notebook.',
  'It surprised me how much the colour of the water changed after a single night of heavy rain.',
].join(' ');

export function essay(...parts: string[]): string {
  return parts.join('\n');
}

export function run(text: string, filename: string | null = 'document.docx', roster: RosterStudent[] = ROSTER): MatchResult {
  return matchEssay({ text, filename }, roster);
}

export function top(result: MatchResult): MatchSuggestion {
  const first = result.suggestions[0];
  if (!first) throw new Error(`expected a suggestion, got none (no_match_reason ${result.no_match_reason})`);
  return first;
}

export function confidenceOf(result: MatchResult, studentId: string): number {
  return result.suggestions.find((s) => s.student_id === studentId)?.confidence_score ?? 0;
}

/** Deterministic PRNG (mulberry32) for the property tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
