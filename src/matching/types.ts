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

/** Where in the essay a name was claimed as the author's; the cue decides how much we trust the claim. */
export type NameCue =
  | 'header_label'
  | 'split_fields'
  | 'examnet_header'
  | 'first_line'
  | 'self_intro'
  | 'signoff'
  | 'filename';

/** Where an e-mail address sits; an address in running text is usually someone else's. */
export type EmailCue = 'email_label' | 'email_self' | 'email_header' | 'email_body';

export type Cue = NameCue | EmailCue;

/**
 * How the written order relates to given/family name:
 * - `given_first`: written "Given Family"; the reverse reading is allowed but penalised;
 * - `family_first`: a comma says "Family, Given";
 * - `fixed`: separate fields say exactly which tokens are given and family (`givenCount`);
 * - `any`: no convention (file names, e-mail local parts).
 */
export type NameOrder = 'given_first' | 'family_first' | 'fixed' | 'any';

export interface Range {
  start: number;
  end: number;
}

/** A name claimed as the author's by some cue, tokenised; ranges are in normalised-text (or filename) units. */
export interface NameMention {
  cue: NameCue;
  source: 'text' | 'filename';
  tokens: string[];
  order: NameOrder;
  givenCount?: number;
  ranges: Range[];
  /** True when the text plainly states this is the author's name, so a miss means "not in roster". */
  explicitClaim: boolean;
}

export interface EmailMention {
  cue: EmailCue;
  address: string;
  range: Range;
}
