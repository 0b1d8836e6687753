/**
 * Aggregation per student. A student's score is their best candidate's confidence, raised a little by
 * each further candidate from a *different* cue (the header name and the file name agreeing is real
 * corroboration; the same header line read twice is not). Reasons keep the best candidate's reasons
 * first, then the cues that corroborated it.
 */
import type { Candidate } from './candidates.js';
import { CORROBORATION_WEIGHT, MAX_CONFIDENCE } from './scoring.js';
import type { Cue } from './types.js';

export interface StudentScore {
  studentIndex: number;
  confidence: number;
  reasons: string[];
  /** The candidates that produced the score, best first (for evidence). */
  support: Candidate[];
}

function byConfidence(a: Candidate, b: Candidate): number {
  return b.confidence - a.confidence;
}

/** The key reason of a corroborating candidate: its cue plus how it matched ("filename" + "name_exact"). */
function corroborationReasons(c: Candidate): string[] {
  return c.reasons.slice(0, 2);
}

function scoreStudent(studentIndex: number, candidates: Candidate[]): StudentScore {
  const sorted = [...candidates].sort(byConfidence);
  const [best, ...rest] = sorted;
  if (!best) return { studentIndex, confidence: 0, reasons: [], support: [] };
  const seenCues = new Set<Cue>([best.cue]);
  const support = [best];
  const reasons = [...best.reasons];
  let confidence = best.confidence;
  for (const c of rest) {
    if (seenCues.has(c.cue) || c.confidence <= 0) continue;
    seenCues.add(c.cue);
    support.push(c);
    confidence += (1 - confidence) * CORROBORATION_WEIGHT * c.confidence;
    for (const r of corroborationReasons(c)) if (!reasons.includes(r)) reasons.push(r);
  }
  return { studentIndex, confidence: Math.min(confidence, MAX_CONFIDENCE), reasons, support };
}

export function scoreStudents(candidates: readonly Candidate[]): StudentScore[] {
  const byStudent = new Map<number, Candidate[]>();
  for (const c of candidates) {
    const list = byStudent.get(c.studentIndex) ?? [];
    list.push(c);
    byStudent.set(c.studentIndex, list);
  }
  return [...byStudent.entries()].map(([studentIndex, list]) => scoreStudent(studentIndex, list));
}
