/**
 * The parts of E9 BatchAuthorMatchesSuggestedV1 (flow-spec §2 E9, ARCHITECTURE §7), with the reference's
 * contract drift fixed (flow-spec §10 G18) and our precise no-match reporting.
 */
import { z } from 'zod';
import { confidence, count, idString, jsonObject } from './common.js';

/** ARCHITECTURE §7: at most three suggestions, best first. */
export const MAX_SUGGESTIONS = 3;

export const studentMatchSuggestionSchema = z.object({
  student_id: idString,
  student_name: z.string().min(1),
  student_email: z.string().nullable(),
  confidence_score: confidence,
  match_reasons: z.array(z.string().min(1)),
  extraction_metadata: jsonObject,
});
export type StudentMatchSuggestion = z.infer<typeof studentMatchSuggestionSchema>;

/** Where a name was found: a character range [start, end) in the essay text or in the file name. */
export const matchEvidenceSchema = z
  .object({
    source: z.enum(['text', 'filename']),
    start: count,
    end: count,
    snippet: z.string(),
  })
  .superRefine((e, ctx) => {
    if (e.end < e.start) ctx.addIssue({ code: 'custom', path: ['end'], message: `${e.end} is before start ${e.start}` });
  });
export type MatchEvidence = z.infer<typeof matchEvidenceSchema>;

/**
 * Replaces the reference's free text ("No matches found" / "Processing error: …"), which made
 * no name, empty roster, not-in-roster and ambiguity indistinguishable (matching-spec §4).
 * Details go to the optional `no_match_detail`.
 */
export const NO_MATCH_REASONS = ['no_name_found', 'not_in_roster', 'ambiguous', 'error'] as const;
export const noMatchReasonSchema = z.enum(NO_MATCH_REASONS);
export type NoMatchReason = z.infer<typeof noMatchReasonSchema>;

export const essayMatchResultSchema = z
  .object({
    essay_id: idString,
    text_storage_id: idString,
    /** G18: the real uploaded file name (the reference always sent ""). */
    filename: z.string().min(1),
    suggestions: z.array(studentMatchSuggestionSchema).max(MAX_SUGGESTIONS),
    no_match_reason: noMatchReasonSchema.nullable(),
    no_match_detail: z.string().nullable().optional(),
    evidence: z.array(matchEvidenceSchema).optional(),
    extraction_metadata: jsonObject,
  })
  .superRefine((r, ctx) => {
    // Consumers store the first suggestion, so the order is part of the contract.
    r.suggestions.forEach((s, i) => {
      const previous = r.suggestions[i - 1];
      if (previous && s.confidence_score > previous.confidence_score) {
        ctx.addIssue({
          code: 'custom',
          path: ['suggestions', i, 'confidence_score'],
          message: `suggestions must be best-first (${s.confidence_score} > ${previous.confidence_score})`,
        });
      }
      if (r.suggestions.findIndex((o) => o.student_id === s.student_id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['suggestions', i, 'student_id'], message: `student "${s.student_id}" suggested twice` });
      }
    });
    // An essay without any suggestion must say why; null means "matched".
    if (r.suggestions.length === 0 && r.no_match_reason === null) {
      ctx.addIssue({ code: 'custom', path: ['no_match_reason'], message: 'required when suggestions is empty' });
    }
  });
export type EssayMatchResult = z.infer<typeof essayMatchResultSchema>;

/**
 * `processing_summary` (G18: the reference's keys differed from its own docs). Every essay of
 * `match_results` is counted in exactly one bucket, so matched + unmatched + ambiguous + failed = total_essays:
 * - `matched`: `no_match_reason` is null (at least one suggestion);
 * - `ambiguous`: `no_match_reason` = "ambiguous" (candidates may be listed, none is preferred);
 * - `failed`: `no_match_reason` = "error" (the essay could not be processed);
 * - `unmatched`: `no_match_reason` = "no_name_found" or "not_in_roster".
 */
export const processingSummarySchema = z.object({
  total_essays: count,
  matched: count,
  unmatched: count,
  ambiguous: count,
  failed: count,
});
export type ProcessingSummary = z.infer<typeof processingSummarySchema>;

type SummaryBucket = Exclude<keyof ProcessingSummary, 'total_essays'>;

function bucketOf(reason: NoMatchReason | null): SummaryBucket {
  if (reason === null) return 'matched';
  if (reason === 'ambiguous') return 'ambiguous';
  if (reason === 'error') return 'failed';
  return 'unmatched';
}

/** The one correct `processing_summary` for a list of results; producers should use it. */
export function summarizeMatchResults(results: readonly Pick<EssayMatchResult, 'no_match_reason'>[]): ProcessingSummary {
  const summary: ProcessingSummary = { total_essays: results.length, matched: 0, unmatched: 0, ambiguous: 0, failed: 0 };
  for (const r of results) summary[bucketOf(r.no_match_reason)] += 1;
  return summary;
}
