/**
 * Engine output → the E9 `EssayMatchResult` contract (flow-spec §2 E9, fixed for G18): the real file
 * name, ≤ 3 suggestions with `extraction_metadata`, evidence, and a result-level `extraction_metadata`
 * whose `match_status` keeps the reference's vocabulary for reference consumers.
 */
import { essayMatchResultSchema, describeIssues, MAX_SUGGESTIONS, type EssayMatchResult, type MatchingEssayRefV1 } from '../contracts/index.js';
import { AUTO_CONFIRM_THRESHOLD, type MatchResult } from '../matching/index.js';

/** Reference cut-off for HIGH_CONFIDENCE (flow-spec §2 E9); below it a suggestion needs a teacher's eye. */
const HIGH_CONFIDENCE = 0.9;

type MatchStatus = 'HIGH_CONFIDENCE' | 'NEEDS_REVIEW' | 'NO_MATCH' | 'ERROR';

/**
 * The reference sent NO_MATCH for anything under 0.7 even when it listed suggestions; here every essay
 * with a suggestion the teacher should look at is NEEDS_REVIEW, and `no_match_reason` says the rest.
 */
function matchStatusOf(result: MatchResult): MatchStatus {
  if (result.no_match_reason === 'error') return 'ERROR';
  const top = result.suggestions[0];
  if (!top) return 'NO_MATCH';
  return result.no_match_reason === null && top.confidence_score >= HIGH_CONFIDENCE ? 'HIGH_CONFIDENCE' : 'NEEDS_REVIEW';
}

export function toEssayResult(essay: MatchingEssayRefV1, result: MatchResult): EssayMatchResult {
  const suggestions = result.suggestions.slice(0, MAX_SUGGESTIONS).map((s, i) => ({
    ...s,
    // The timeout keeps only ≥ 0.7 (ARCHITECTURE §1); saying so per suggestion spares consumers the constant.
    extraction_metadata: { rank: i + 1, auto_confirmable: s.confidence_score >= AUTO_CONFIRM_THRESHOLD },
  }));
  return {
    essay_id: essay.essay_id,
    text_storage_id: essay.text_storage_id,
    filename: essay.filename,
    suggestions,
    no_match_reason: result.no_match_reason,
    ...(result.no_match_detail !== undefined && { no_match_detail: result.no_match_detail }),
    evidence: result.evidence,
    extraction_metadata: { match_status: matchStatusOf(result), confidence_scores: suggestions.map((s) => s.confidence_score) },
  };
}

/** An essay that could not be processed (missing text, engine failure): `error` with the reason. */
export function errorResult(essay: MatchingEssayRefV1, detail: string): EssayMatchResult {
  return toEssayResult(essay, { suggestions: [], no_match_reason: 'error', evidence: [], no_match_detail: detail });
}

/** Unknown class or empty roster: nobody can be the author (issue 5 item 4); the reason is in `detail`. */
export function notInRosterResult(essay: MatchingEssayRefV1, detail: string): EssayMatchResult {
  return toEssayResult(essay, { suggestions: [], no_match_reason: 'not_in_roster', evidence: [], no_match_detail: detail });
}

/**
 * Last line of per-essay isolation: a result that breaks the contract (an engine bug, odd roster data)
 * becomes an `error` for that essay instead of failing the whole request's E9 validation.
 */
export function checkedResult(essay: MatchingEssayRefV1, result: EssayMatchResult): EssayMatchResult {
  const parsed = essayMatchResultSchema.safeParse(result);
  return parsed.success ? result : errorResult(essay, `result broke the E9 contract: ${describeIssues('result', parsed.error.issues)}`);
}
