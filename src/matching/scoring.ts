/**
 * The calibration table. A candidate's confidence = how much we trust the cue that named the author
 * (CUE_CONFIDENCE, the first match reason) minus the FIT_PENALTY of every other reason it lists, so a
 * score can be recomputed from its match_reasons. It is monotone: a stronger cue or a closer fit never
 * scores lower. 0.7 is the auto-confirm line: every fit an outsider could produce by chance (a typo, a
 * nickname that is a name in its own right, a truncation, an initial, a given name alone, a reversed
 * order the writer did not signal) costs more than 0.25, so it stays below 0.7 even under the best cue.
 * Corroboration and the caps in decide.ts are added on top and named by their own reasons.
 */
import type { Cue } from './types.js';

export const AUTO_CONFIRM_THRESHOLD = 0.7;

export const CUE_CONFIDENCE: Record<Cue, number> = {
  header_label: 0.95, // "Name: …", "Namn: …", "Student name: …"
  split_fields: 0.95, // "Förnamn: …" + "Efternamn: …"
  examnet_header: 0.93, // exam.net first line with a date, or a name line above exam.net fields
  self_intro: 0.9, // "My name is …", "Jag heter …"
  signoff: 0.88, // "Mvh Ylva", "/ Ylva", "Best regards,\nYlva Sandell"
  first_line: 0.85, // a bare name-like first line (could be a title, but titles rarely match a roster name)
  filename: 0.82, // "Ylva_Sandell_essay.docx"
  email_label: 0.92, // "E-post: …", "Kontakt: …"
  email_self: 0.9, // "… mail me at …"
  email_header: 0.88, // an unlabelled address in the header block
  email_body: 0.35, // an address in running text: usually someone else's (a classmate's, the teacher's)
};

export type FitReason =
  | 'diacritics_folded'
  | 'name_extra_middle'
  | 'call_name'
  | 'partial_surname'
  | 'nickname'
  | 'last_initial'
  | 'name_fuzzy'
  | 'short_form'
  | 'any_order_reversed'
  | 'name_reversed'
  | 'comma_ignored'
  | 'first_name_only_unique'
  | 'first_name_only_shared'
  | 'email_name';

export const FIT_PENALTY: Record<FitReason, number> = {
  diacritics_folded: 0.03, // "Ostlund" for "Östlund": the writer skipped the diacritics
  name_extra_middle: 0.1, // "Nadja Elvira Frisk" for "Nadja Frisk"
  call_name: 0.1, // "Edla Brandt" for "Solveig Edla Brandt"
  email_name: 0.1, // the name spelled in an address ("nadja_frisk04@…"), not the roster address itself
  partial_surname: 0.15, // "Dagny Hallin" for "Dagny Rask Hallin"
  any_order_reversed: 0.05, // family name first where no order is conventional (file names, addresses)
  name_reversed: 0.27, // "Frisk Nadja" written plainly: an outsider may really be called so
  comma_ignored: 0.27, // "Frisk, Nadja" read as written although the comma says family name first
  nickname: 0.27, // a listed short form ("Jocke" ↔ "Joakim"); many are names in their own right
  last_initial: 0.3, // "Nadja F."
  name_fuzzy: 0.3, // one-letter typo
  short_form: 0.3, // a truncation ("Ossi" for "Ossian")
  first_name_only_unique: 0.3, // a given name alone, unique in the class: an outsider may share it
  first_name_only_shared: 0.3, // the same, shared by several students: they tie and become ambiguous
};

/** A written name whose fit penalties add up to more than this is not a match at all. */
export const MAX_FIT_PENALTY = 0.35;

export function fitPenalty(reasons: readonly string[]): number {
  return reasons.reduce((sum, r) => sum + (r in FIT_PENALTY ? FIT_PENALTY[r as FitReason] : 0), 0);
}

/** Candidates closer than this to the best one make the essay ambiguous. */
export const AMBIGUITY_MARGIN = 0.1;
/** Ambiguous candidates are capped here so none is ever auto-confirmed. */
export const AMBIGUOUS_CAP = 0.6;
/** When a second student would be auto-confirmed on its own evidence, the best one is capped here. */
export const CONTESTED_CAP = 0.65;
/** When the essay clearly names an author we cannot find, other cues are capped below auto-confirm. */
export const CONFLICT_CAP = 0.6;
/** Below this, a candidate is listed for the teacher but not treated as a match. */
export const USABLE_CONFIDENCE = 0.5;
/** Below this, a candidate is not even listed. */
export const LISTING_FLOOR = 0.3;
/** Corroboration from a second, different cue closes this share of the remaining gap (× its confidence). */
export const CORROBORATION_WEIGHT = 0.4;
export const MAX_CONFIDENCE = 0.98;

export function roundConfidence(x: number): number {
  return Math.round(Math.min(Math.max(x, 0), 1) * 1000) / 1000;
}
