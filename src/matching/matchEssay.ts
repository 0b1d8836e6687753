/**
 * The matching engine (ARCHITECTURE §7, issue 13): essay text + file name + class roster → up to three
 * suggested authors, best first, with calibrated confidence (≥ 0.7 is auto-confirmed after 24 h), a
 * precise no-match reason, and evidence ranges in the original text or file name for highlighting.
 * Roster-driven: every student's name forms are searched in one linear pass; a small logistic model
 * (modelWeights.ts) scores what was found. Pure and synchronous; never throws.
 */
import { analyse, type Analysis, type Range } from './analyse.js';
import { decide, type Ranked } from './decide.js';
import { studentEvidence, type StudentEvidence } from './model.js';
import { EVIDENCE_LOGIT_SPAN, reasonsFor } from './reasons.js';
import { rosterIndexFor, type RosterIndex } from './rosterIndex.js';
import type { EssayInput, MatchEvidence, MatchResult, MatchSuggestion, RosterStudent } from './types.js';

const MAX_EVIDENCE = 4;

function toEvidence(range: Range, a: Analysis, essay: EssayInput): MatchEvidence {
  const map = range.source === 'text' ? a.text : a.filename;
  const original = range.source === 'text' ? essay.text : (essay.filename ?? '');
  const start = map.toOriginalStart(range.start);
  const end = Math.max(start, map.toOriginalEnd(range.end));
  return { source: range.source, start, end, snippet: original.slice(start, end) };
}

function evidenceOf(e: StudentEvidence, a: Analysis, essay: EssayInput): MatchEvidence[] {
  const best = e.occurrences[0]?.logit ?? 0;
  const ranges: Range[] = e.occurrences
    .filter((o) => o.logit >= best - EVIDENCE_LOGIT_SPAN)
    .slice(0, MAX_EVIDENCE)
    .map((o) => ({ source: o.scored.occ.source === 'filename' ? 'filename' : 'text', start: o.scored.occ.start, end: o.scored.occ.end }));
  ranges.sort((x, y) => (x.source === y.source ? x.start - y.start : x.source === 'text' ? -1 : 1));
  const seen = new Set<string>();
  return ranges.map((r) => toEvidence(r, a, essay)).filter((ev) => {
    const k = `${ev.source}:${ev.start}:${ev.end}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function toSuggestion(r: Ranked, index: RosterIndex): MatchSuggestion | null {
  const entry = index.students[r.evidence.student];
  if (!entry) return null;
  return {
    student_id: entry.student.student_id,
    student_name: entry.displayName,
    student_email: entry.student.email ?? null,
    confidence_score: r.confidence,
    match_reasons: [
      ...reasonsFor(r.evidence, r.ambiguous),
      ...(r.conflicting ? ['conflicting_author_name'] : []),
      ...(r.contested ? ['contested_by_other_cue'] : []),
    ],
  };
}

/** The essay says whose it is: a label value or name line, or a name under an author cue that matched weakly. */
function nameWasStated(a: Analysis): boolean {
  if (a.claim) return true;
  return a.scored.some((s) => s.features.label + s.features.byline + s.features.self_intro + s.features.signoff > 0 || s.features.unknown_name_beside > 0);
}

function match(essay: EssayInput, roster: readonly RosterStudent[]): MatchResult {
  const index = rosterIndexFor(roster);
  const a = analyse(essay.text, essay.filename ?? '', index);
  const evidence = studentEvidence(a.scored);
  const claim = a.claim;
  // A stated author name that no student's occurrence touches: a suggestion found elsewhere conflicts with it.
  const claimMatchesNobody = claim !== null && !a.scored.some((s) => s.occ.source === 'text' && s.occ.start < claim.end && claim.start < s.occ.end);
  const decision = decide({ evidence, index, nameStated: nameWasStated(a), claimMatchesNobody });
  const suggestions = decision.ranked.map((r) => toSuggestion(r, index)).filter((s): s is MatchSuggestion => s !== null);
  const top = decision.ranked[0];
  const usable = decision.noMatchReason === null || decision.noMatchReason === 'ambiguous';
  const shown = usable && top ? evidenceOf(top.evidence, a, essay) : a.claim ? [toEvidence(a.claim, a, essay)] : [];
  return { suggestions, no_match_reason: decision.noMatchReason, evidence: shown };
}

/** Never throws: a failure becomes `no_match_reason: 'error'` with the message in `no_match_detail`. */
export function matchEssay(essay: EssayInput, roster: readonly RosterStudent[]): MatchResult {
  try {
    if (typeof essay?.text !== 'string') throw new TypeError('essay text must be a string');
    if (essay.filename !== null && essay.filename !== undefined && typeof essay.filename !== 'string') throw new TypeError('filename must be a string or null');
    if (!Array.isArray(roster)) throw new TypeError('roster must be an array');
    // Keep the caller's array when every record is usable, so the roster index cache (per array) is hit.
    const usable = (s: RosterStudent): boolean => s !== null && typeof s === 'object' && typeof s.student_id === 'string' && s.student_id.length > 0 && typeof s.first_name === 'string' && typeof s.last_name === 'string';
    return match(essay, roster.every(usable) ? roster : roster.filter(usable));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { suggestions: [], no_match_reason: 'error', evidence: [], no_match_detail: detail };
  }
}
