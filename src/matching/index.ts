/** Public surface of the matching engine (ARCHITECTURE §7). */
export { matchEssay } from './matchEssay.js';
export { AUTO_CONFIRM_THRESHOLD, MAX_SUGGESTIONS } from './decide.js';
export type { EssayInput, MatchEvidence, MatchResult, MatchSuggestion, NoMatchReason, RosterStudent } from './types.js';
