/**
 * The matching engine: essay text + file name + class roster → up to three suggested authors, best
 * first, with calibrated confidence (≥ 0.7 is auto-confirmed after 24 h, so a wrong student there is the
 * worst outcome), a precise no-match reason, and evidence ranges for highlighting. Pure and synchronous.
 */
import { collectCandidates } from './candidates.js';
import { scoreStudents, type StudentScore } from './combine.js';
import { decide } from './decide.js';
import { findEmailMentions } from './emailCue.js';
import { evidenceFor, type EvidenceSources } from './evidence.js';
import { findFilenameMentions } from './filenameCue.js';
import { findFirstLineMention } from './firstLineCue.js';
import { findHeaderMentions } from './headerCue.js';
import { splitLines } from './lines.js';
import { rosterIndexFor } from './rosterCache.js';
import type { RosterIndex } from './rosterIndex.js';
import { roundConfidence } from './scoring.js';
import { findSelfIntroMentions } from './selfIntroCue.js';
import { findSignoffMention } from './signoffCue.js';
import { normalizeText } from './textNormalizer.js';
import type { EmailMention, EssayInput, MatchResult, MatchSuggestion, NameMention, RosterStudent } from './types.js';

function findMentions(text: string, filename: string): { names: NameMention[]; emails: EmailMention[] } {
  const lines = splitLines(text);
  const names: NameMention[] = [...findHeaderMentions(lines)];
  const firstLine = findFirstLineMention(lines);
  if (firstLine) names.push(firstLine);
  names.push(...findSelfIntroMentions(text));
  const signoff = findSignoffMention(lines);
  if (signoff) names.push(signoff);
  names.push(...findFilenameMentions(filename));
  return { names, emails: findEmailMentions(text, lines) };
}

function toSuggestion(score: StudentScore, index: RosterIndex): MatchSuggestion | null {
  const entry = index.students[score.studentIndex];
  if (!entry) return null;
  return {
    student_id: entry.student.student_id,
    student_name: entry.displayName,
    student_email: entry.student.email ?? null,
    confidence_score: roundConfidence(score.confidence),
    match_reasons: score.reasons,
  };
}

function nameWasStated(names: readonly NameMention[], emails: readonly EmailMention[]): boolean {
  return names.some((n) => n.explicitClaim || n.cue === 'signoff') || emails.some((e) => e.cue === 'email_label' || e.cue === 'email_self');
}

function match(essay: EssayInput, roster: readonly RosterStudent[]): MatchResult {
  const text = normalizeText(essay.text);
  const filename = normalizeText(essay.filename ?? '');
  const index = rosterIndexFor(roster);
  const { names, emails } = findMentions(text.text, filename.text);
  const { candidates, unmatchedClaims } = collectCandidates(names, emails, index);
  const decision = decide({
    scores: scoreStudents(candidates),
    index,
    conflictingClaim: unmatchedClaims.length > 0,
    nameStated: nameWasStated(names, emails),
  });
  const sources: EvidenceSources = { text, originalText: essay.text, filename, originalFilename: essay.filename ?? '' };
  const top = decision.ranked[0];
  // A usable suggestion shows what supports it; otherwise show the stated name that matched nobody.
  const usable = decision.noMatchReason === null || decision.noMatchReason === 'ambiguous';
  const evidence = evidenceFor(usable && top ? top.support : unmatchedClaims, sources);
  const suggestions = decision.ranked.map((s) => toSuggestion(s, index)).filter((s): s is MatchSuggestion => s !== null);
  return { suggestions, no_match_reason: decision.noMatchReason, evidence };
}

/** Never throws: a failure becomes `no_match_reason: 'error'` with the message in `no_match_detail`. */
export function matchEssay(essay: EssayInput, roster: readonly RosterStudent[]): MatchResult {
  try {
    if (typeof essay?.text !== 'string') throw new TypeError('essay text must be a string');
    if (!Array.isArray(roster)) throw new TypeError('roster must be an array');
    return match(essay, roster);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { suggestions: [], no_match_reason: 'error', evidence: [], no_match_detail: detail };
  }
}
