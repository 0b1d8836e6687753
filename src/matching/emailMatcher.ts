/**
 * Matches an address against the roster: the exact roster address (`email_exact`), or a name spelled in
 * the local part of a personal address ("ylva.sandell99@…", "sandell_ylva@…", "tuvalykke.k@…" →
 * `email_name`). Initials-style school addresses ("ys22071@…") only ever match exactly.
 */
import type { Candidate } from './candidates.js';
import { matchFullName } from './nameMatcher.js';
import { normalizeEmail, squash } from './nameNormalizer.js';
import type { IndexedStudent, RosterIndex } from './rosterIndex.js';
import { CUE_CONFIDENCE, fitPenalty } from './scoring.js';
import type { EmailMention } from './types.js';

/** Letter runs of the local part: "ylva_sandell69" → ["ylva", "sandell"]. */
function localPartTokens(address: string): string[] {
  const local = address.slice(0, address.lastIndexOf('@')).toLowerCase();
  return local.split(/[^a-z]+/).filter((t) => t.length > 0);
}

/** "ylvasandell" / "sandellylva" written as one word. */
function joinedNameMatches(joined: string, student: IndexedStudent): boolean {
  return student.forms.some(
    (f) => joined === f.givenSquash.folded + f.familySquash.folded || joined === f.familySquash.folded + f.givenSquash.folded,
  );
}

const NAME_OPTIONS = { allowTypo: false, penaliseDiacritics: false };
/** Only close readings of a local part count: exact, either order, or one extra middle initial. */
const MAX_LOCAL_PART_PENALTY = 0.1;

/** Fit reasons of the name in the local part, or null when it does not spell this student's name. */
function nameInLocalPart(tokens: string[], student: IndexedStudent): string[] | null {
  if (tokens.length === 1) return joinedNameMatches(tokens[0] ?? '', student) ? [] : null;
  const m = matchFullName(tokens, 'any', undefined, student, NAME_OPTIONS);
  if (!m || m.penalty > MAX_LOCAL_PART_PENALTY) return null;
  return m.reasons.filter((r) => r !== 'name_exact');
}

export function emailCandidates(email: EmailMention, index: RosterIndex): Candidate[] {
  const base = CUE_CONFIDENCE[email.cue];
  const normalized = normalizeEmail(email.address);
  const common = { cue: email.cue, source: 'text' as const, ranges: [email.range] };
  const exact = index.students.flatMap((s, studentIndex) =>
    s.email !== null && s.email === normalized ? [{ ...common, studentIndex, confidence: base, reasons: [email.cue, 'email_exact'] }] : [],
  );
  if (exact.length > 0) return exact;
  const tokens = localPartTokens(email.address);
  if (squash(tokens).folded.length < 4) return [];
  const found: Candidate[] = [];
  index.students.forEach((student, studentIndex) => {
    const fit = nameInLocalPart(tokens, student);
    if (!fit) return;
    const reasons = ['email_name', ...fit];
    found.push({ ...common, studentIndex, confidence: base - fitPenalty(reasons), reasons: [email.cue, ...reasons] });
  });
  return found;
}
