/**
 * Coefficients of the matching model (issue 13), written by scripts/matchFit.ts — do not edit by hand;
 * change the features or the generator and re-run `npx tsx scripts/matchFit.ts`.
 * Fitted on the generator's training seeds 101, 102, 103, 104; decision constants chosen on the
 * calibration seeds 201, 202. Held-out seeds and the dev corpus are never used here.
 * A positive weight means "more likely the author". See features.ts and model.ts for the meaning.
 */

/** Occurrence model: logit of "this occurrence names the author". */
export const OCCURRENCE_WEIGHTS: Readonly<Record<string, number>> = {
  bias: 0.200,
  full_name: -0.356,
  all_parts: -0.218,
  reversed_order: -4.202,
  family_comma_given: 1.761,
  given_name_only: -1.779,
  family_name_only: -3.421,
  initials: 0.452,
  call_name: -0.168,
  spelling_variant: -0.751,
  typo: 1.215,
  diacritics_folded: 0.273,
  middle_name: 0.475,
  school_id: 1.862,
  lower_case: -0.118,
  upper_case: 0.016,
  possessive: 0.606,
  sentence_start_word: 1.311,
  shared_with_others: -2.909,
  unknown_name_beside: -2.858,
  short_word: -0.338,
  label: -0.955,
  other_persons_label: -8.324,
  field_agrees: 3.988,
  field_disagrees: 0.000,
  byline: -0.616,
  self_intro: 2.691,
  signoff: -1.747,
  greeting: 0.357,
  teacher_comment_line: 3.045,
  reported_speech: 0.298,
  social_mention: -1.049,
  quoted: 0.000,
  table_cell: 0.964,
  running_header: 1.188,
  first_line: -0.757,
  head_block: 0.023,
  tail_block: 0.417,
  alone_on_line: 0.886,
  in_prose: -1.449,
  near_top: 0.715,
  file_name: -1.424,
  email_exact: 2.561,
  email_local_part: 1.133,
  full_with_strong_cue: 4.234,
  part_with_strong_cue: -0.385,
  part_in_prose: 0.206,
  full_in_prose: -1.524,
};

/** Student model: logit of "this student is the author". */
export const STUDENT_WEIGHTS: Readonly<Record<string, number>> = {
  bias: 1.950,
  best: 1.259,
  support: 1.343,
  occurrences: 0.615,
  rival: -5.533,
  rival_same_words: -1.843,
  support_same_form: 1.149,
};

/** floor: below it nobody is suggested as the author; ambiguityRatio: a rival at ≥ this share of the best
 * probability makes it ambiguous; autoConfirmAt: the probability mapped to confidence 0.7. */
export const DECISION = {floor: 0.775,ambiguityRatio: 0.5,autoConfirmAt: 0.9847} as const;
