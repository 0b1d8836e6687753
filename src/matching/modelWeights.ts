/**
 * Coefficients of the matching model (issue 13), written by scripts/matchFit.ts — do not edit by hand;
 * change the features or the generator and re-run `npx tsx scripts/matchFit.ts`.
 * Fitted on the generator's training seeds 101, 102, 103, 104; decision constants chosen on the
 * calibration seeds 201, 202. Held-out seeds and the dev corpus are never used here.
 * A positive weight means "more likely the author". See features.ts and model.ts for the meaning.
 */

/** Occurrence model: logit of "this occurrence names the author". */
export const OCCURRENCE_WEIGHTS: Readonly<Record<string, number>> = {
  bias: 0.547,
  full_name: -0.787,
  all_parts: 0.000,
  reversed_order: -3.904,
  family_comma_given: 1.750,
  given_name_only: -1.449,
  family_name_only: -3.058,
  initials: 0.000,
  call_name: -0.299,
  spelling_variant: -0.703,
  typo: 0.000,
  diacritics_folded: 0.000,
  middle_name: 0.320,
  school_id: 1.631,
  lower_case: -0.881,
  upper_case: 0.085,
  possessive: 0.698,
  sentence_start_word: 1.230,
  shared_with_others: -3.310,
  unknown_name_beside: -2.863,
  short_word: -0.102,
  label: 0.000,
  other_persons_label: -8.222,
  field_agrees: 0.959,
  field_disagrees: 0.000,
  byline: 0.000,
  self_intro: 2.801,
  signoff: -1.600,
  greeting: 0.423,
  teacher_comment_line: 2.742,
  reported_speech: 0.000,
  social_mention: -1.040,
  quoted: 0.000,
  table_cell: 0.973,
  running_header: 1.146,
  first_line: -0.857,
  head_block: 0.216,
  tail_block: 0.381,
  alone_on_line: 0.756,
  in_prose: -1.502,
  near_top: 0.478,
  file_name: -1.419,
  email_exact: 2.433,
  email_local_part: 1.230,
  full_with_strong_cue: 4.786,
  part_with_strong_cue: -0.846,
  part_in_prose: -0.026,
  full_in_prose: -1.320,
};

/** Student model: logit of "this student is the author". */
export const STUDENT_WEIGHTS: Readonly<Record<string, number>> = {
  bias: 1.811,
  best: 1.267,
  support: 0.464,
  occurrences: 0.805,
  rival: -5.832,
  rival_same_words: -1.701,
  support_same_form: 0.436,
};

/** floor: below it nobody is suggested as the author; ambiguityRatio: a rival at ≥ this share of the best
 * probability makes it ambiguous; autoConfirmAt: the probability mapped to confidence 0.7. */
export const DECISION = {floor: 0.325,ambiguityRatio: 0.5,autoConfirmAt: 0.9836} as const;
