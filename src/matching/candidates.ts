/**
 * Turns mentions (names and addresses found by the cues) into scored candidates: one per
 * (mention, student) pair that matches. Confidence = cue confidence − fit penalty (scoring.ts).
 */
import { emailCandidates } from './emailMatcher.js';
import { matchGivenOnly } from './namePartMatch.js';
import { matchFullName } from './nameMatcher.js';
import { foldName, squash } from './nameNormalizer.js';
import type { IndexedStudent, RosterIndex } from './rosterIndex.js';
import { CUE_CONFIDENCE, fitPenalty } from './scoring.js';
import type { Cue, EmailMention, NameMention, Range } from './types.js';

export interface Candidate {
  studentIndex: number;
  cue: Cue;
  confidence: number;
  reasons: string[];
  source: 'text' | 'filename';
  ranges: Range[];
}

function candidate(mention: NameMention, studentIndex: number, penalty: number, reasons: string[]): Candidate {
  return {
    studentIndex,
    cue: mention.cue,
    confidence: CUE_CONFIDENCE[mention.cue] - penalty,
    reasons: [mention.cue, ...reasons],
    source: mention.source,
    ranges: mention.ranges,
  };
}

/** Cheap pre-filter: some name token of the student occurs inside the written name. */
function mayMatch(student: IndexedStudent, writtenFolded: string): boolean {
  return student.foldedTokens.some((t) => writtenFolded.includes(t));
}

/** A given name alone: a candidate for every student carrying it; "unique" only if there is one. */
function firstNameOnly(mention: NameMention, index: RosterIndex): Candidate[] {
  const hits: Array<{ studentIndex: number; folded: boolean }> = [];
  index.students.forEach((student, studentIndex) => {
    const fits = student.forms.map((form) => matchGivenOnly(mention.tokens, form));
    if (fits.includes('exact')) hits.push({ studentIndex, folded: false });
    else if (fits.includes('folded')) hits.push({ studentIndex, folded: true });
  });
  const reason = hits.length === 1 ? 'first_name_only_unique' : 'first_name_only_shared';
  return hits.map((hit) => {
    const reasons = hit.folded ? [reason, 'diacritics_folded'] : [reason];
    return candidate(mention, hit.studentIndex, fitPenalty(reasons), reasons);
  });
}

/** Full-name readings; if none fits, the whole mention as a given name alone ("Tuva-Lykke", "Ylva Irma"). */
function nameCandidates(mention: NameMention, index: RosterIndex): Candidate[] {
  const givenOnly = mention.order === 'fixed' && mention.givenCount === mention.tokens.length;
  if (mention.tokens.length === 1 || givenOnly) return mention.cue === 'filename' ? [] : firstNameOnly(mention, index);
  const full = fullNameCandidates(mention, index);
  return full.length > 0 || mention.cue === 'filename' ? full : firstNameOnly(mention, index);
}

function fullNameCandidates(mention: NameMention, index: RosterIndex): Candidate[] {
  const writtenFolded = foldName(squash(mention.tokens).lower);
  const options = { allowTypo: mention.cue !== 'filename', penaliseDiacritics: true };
  const found: Candidate[] = [];
  index.students.forEach((student, studentIndex) => {
    if (!mayMatch(student, writtenFolded)) return;
    const m = matchFullName(mention.tokens, mention.order, mention.givenCount, student, options);
    if (m) found.push(candidate(mention, studentIndex, m.penalty, m.reasons));
  });
  return found;
}

export interface CandidateSet {
  candidates: Candidate[];
  /** Mentions that state the author's name outright but match nobody in the roster. */
  unmatchedClaims: NameMention[];
}

export function collectCandidates(names: NameMention[], emails: EmailMention[], index: RosterIndex): CandidateSet {
  const candidates: Candidate[] = [];
  const unmatchedClaims: NameMention[] = [];
  for (const mention of names) {
    const found = nameCandidates(mention, index);
    if (found.length === 0 && mention.explicitClaim) unmatchedClaims.push(mention);
    candidates.push(...found);
  }
  for (const email of emails) candidates.push(...emailCandidates(email, index));
  return { candidates, unmatchedClaims };
}
