/**
 * Coefficients of the matching model (issue 13), written by scripts/matchFit.ts — do not edit by hand;
 * change the features or the generator and re-run `npx tsx scripts/matchFit.ts`.
 * Fitted on the generator's training seeds 101, 102, 103, 104; decision constants chosen on the
 * calibration seeds 201, 202. Held-out seeds and the dev corpus are never used here.
 * A positive weight means "more likely the author". See features.ts and model.ts for the meaning.
 */

/** Occurrence model: logit of "this occurrence names the author". */
export const OCCURRENCE_WEIGHTS: Readonly<Record<string, number>> = {
  bias: 0.066,
  full_name: -0.420,
  all_parts: -0.187,
  reversed_order: -4.204,
  family_comma_given: 1.759,
  given_name_only: -1.729,
  family_name_only: -3.463,
  initials: 0.509,
  call_name: -0.172,
  spelling_variant: -0.751,
  typo: 1.205,
  diacritics_folded: 0.338,
  middle_name: 0.489,
  school_id: 1.853,
  lower_case: -0.077,
  upper_case: -0.039,
  possessive: 0.630,
  sentence_start_word: 1.322,
  shared_with_others: -2.845,
  unknown_name_beside: -2.789,
  short_word: -0.360,
  label: -0.905,
  other_persons_label: -8.263,
  field_agrees: 3.877,
  field_disagrees: 0.000,
  byline: -0.597,
  self_intro: 2.706,
  signoff: -1.704,
  greeting: 0.377,
  teacher_comment_line: 3.023,
  reported_speech: 0.310,
  social_mention: -1.034,
  quoted: 0.000,
  table_cell: 0.948,
  running_header: 1.130,
  first_line: -0.740,
  head_block: 0.001,
  tail_block: 0.412,
  alone_on_line: 0.931,
  in_prose: -1.450,
  near_top: 0.747,
  file_name: -1.303,
  email_exact: 2.594,
  email_local_part: 1.165,
  full_with_strong_cue: 4.168,
  part_with_strong_cue: -0.411,
  part_in_prose: 0.188,
  full_in_prose: -1.512,
};

/** Student model: logit of "this student is the author". */
export const STUDENT_WEIGHTS: Readonly<Record<string, number>> = {
  bias: 2.011,
  best: 1.213,
  support: 1.409,
  occurrences: 0.494,
  rival: -5.548,
  rival_same_words: -1.741,
  support_same_form: 1.179,
};

/** floor: below it nobody is suggested as the author; ambiguityRatio: a rival at ≥ this share of the best
 * probability makes it ambiguous; autoConfirmAt: the probability mapped to confidence 0.7. */
export const DECISION = {floor: 0.775,ambiguityRatio: 0.5,autoConfirmAt: 0.9816} as const;
