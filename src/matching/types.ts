/**
 * Public and internal types of the matching engine (ARCHITECTURE §7). The public shapes are structurally
 * compatible with src/contracts/matchResults.ts; they are restated here because src/matching may not
 * import from outside its folder.
 */

/** One student of the class roster. */
export interface RosterStudent {
  student_id: string;
  first_name: string;
  last_name: string;
  full_legal_name?: string | null;
  email?: string | null;
}

export interface EssayInput {
  text: string;
  filename: string | null;
}

export type NoMatchReason = 'no_name_found' | 'not_in_roster' | 'ambiguous' | 'error';

/** Where an author cue was found: [start, end) in UTF-16 units of the *original* text or filename. */
export interface MatchEvidence {
  source: 'text' | 'filename';
  start: number;
  end: number;
  snippet: string;
}

export interface MatchSuggestion {
  student_id: string;
  student_name: string;
  student_email: string | null;
  confidence_score: number;
  match_reasons: string[];
}

export interface MatchResult {
  suggestions: MatchSuggestion[];
  no_match_reason: NoMatchReason | null;
  evidence: MatchEvidence[];
  /** Only with `no_match_reason: 'error'`: what went wrong. */
  no_match_detail?: string;
}
