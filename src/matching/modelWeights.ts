/**
 * Coefficients of the matching model (issue 13), written by scripts/matchFit.ts — do not edit by hand;
 * change the features or the generator and re-run `npx tsx scripts/matchFit.ts`.
 * Fitted on the generator's training seeds 101, 102, 103, 104; decision constants chosen on the
 * calibration seeds 201, 202. Held-out seeds and the dev corpus are never used here.
 * A positive weight means "more likely the author". See features.ts and model.ts for the meaning.
 */

/** Occurrence model: logit of "this occurrence names the author". */
export const OCCURRENCE_WEIGHTS: Readonly<Record<string, number>> = {
  bias: 0.468,
  full_name: -0.388,
  all_parts: 0.000,
  reversed_order: -3.637,
  family_comma_given: 1.674,
  given_name_only: -1.760,
  family_name_only: -3.212,
  initials: -0.043,
  call_name: -0.664,
  spelling_variant: -0.703,
  typo: 0.000,
  diacritics_folded: 0.000,
  middle_name: 0.000,
  school_id: 1.508,
  lower_case: -0.812,
  upper_case: 0.057,
  possessive: 0.597,
  sentence_start_word: 1.303,
  shared_with_others: -3.137,
  unknown_name_beside: -2.769,
  short_word: -0.256,
  label: 0.000,
  other_persons_label: -7.826,
  field_agrees: 0.808,
  field_disagrees: 0.000,
  byline: 0.000,
  self_intro: 2.903,
  signoff: -0.967,
  greeting: 0.481,
  teacher_comment_line: 2.644,
  reported_speech: 0.000,
  social_mention: -0.856,
  quoted: 0.000,
  table_cell: 1.016,
  running_header: 1.526,
  first_line: -0.515,
  head_block: 0.509,
  tail_block: 0.153,
  alone_on_line: 0.780,
  in_prose: -1.223,
  in_sentence: 0.558,
  near_top: 0.137,
  file_name: -1.057,
  email_exact: 2.545,
  email_local_part: 1.308,
  full_with_strong_cue: 4.372,
  part_with_strong_cue: -0.913,
  part_in_prose: 0.079,
  full_in_prose: -1.058,
};

/** Student model: logit of "this student is the author". */
export const STUDENT_WEIGHTS: Readonly<Record<string, number>> = {
  bias: 0.939,
  best: 1.224,
  support: 0.631,
  occurrences: 1.425,
  rival: -6.302,
  rival_same_words: -1.091,
  support_same_form: 0.594,
};

/** floor: below it nobody is suggested as the author; ambiguityRatio: a rival at ≥ this share of the best
 * probability makes it ambiguous; autoConfirmAt: the probability mapped to confidence 0.7. */
export const DECISION = {floor: 0.775,ambiguityRatio: 0.5,autoConfirmAt: 0.9685} as const;
