/** match_reasons (issue 13): the features that decided, strongest first, then how the name was written. */
import type { OccurrenceFeature } from './features.js';
import type { StudentEvidence } from './model.js';
import { OCCURRENCE_WEIGHTS } from './modelWeights.js';

const FORM_NOTES: readonly OccurrenceFeature[] = [
  'label', 'byline', 'self_intro', 'signoff', 'table_cell', 'running_header', 'first_line', 'field_agrees',
  'full_name', 'given_name_only', 'family_name_only', 'reversed_order', 'family_comma_given', 'initials', 'call_name', 'spelling_variant',
  'typo', 'diacritics_folded', 'middle_name', 'school_id', 'email_exact', 'email_local_part', 'file_name',
];
const MAX_DECIDING = 4;
/** Occurrences this close to the best are shown as evidence and named in the reasons. */
export const EVIDENCE_LOGIT_SPAN = 4;

export function reasonsFor(e: StudentEvidence, ambiguous: boolean): string[] {
  const best = e.occurrences[0]?.scored.features;
  if (!best) return ambiguous ? ['ambiguous'] : [];
  const contributions = (Object.keys(best) as OccurrenceFeature[])
    .filter((f) => best[f] !== 0 && !f.includes('_with_') && !f.includes('_in_'))
    .map((f) => ({ f, c: (OCCURRENCE_WEIGHTS[f] ?? 0) * best[f] }))
    .filter((x) => x.c > 0.25)
    .sort((a, b) => b.c - a.c)
    .slice(0, MAX_DECIDING)
    .map((x) => x.f as string);
  // Notes come from every occurrence shown as evidence (the header line, the address, the file name …).
  const top = e.occurrences[0]?.logit ?? 0;
  const shown = e.occurrences.filter((o) => o.logit >= top - EVIDENCE_LOGIT_SPAN).slice(0, 4);
  const notes = FORM_NOTES.filter((f) => shown.some((o) => o.scored.features[f] !== 0));
  const reasons = [...new Set([...contributions, ...notes])];
  if (e.vector.support >= 0.5) reasons.push('corroborated');
  if (ambiguous) reasons.push('ambiguous');
  return reasons;
}
