/**
 * Features of each occurrence (issue 13): how strong the written form is, where it sits, what surrounds
 * it, and whether another student competes for the same words. The names below are the model's
 * vocabulary: modelWeights.ts gives each one a coefficient, and match_reasons quote the ones that decided.
 */
import { contextOf } from './context.js';
import type { Layout } from './layout.js';
import type { RosterIndex } from './rosterIndex.js';
import type { Occurrence } from './scan.js';
import type { Token } from './tokens.js';

export const OCCURRENCE_FEATURES = [
  'full_name', 'all_parts', 'reversed_order', 'family_comma_given', 'given_name_only', 'family_name_only', 'initials',
  'call_name', 'spelling_variant', 'typo', 'diacritics_folded', 'middle_name', 'school_id', 'lower_case', 'upper_case',
  'possessive', 'sentence_start_word', 'shared_with_others', 'unknown_name_beside', 'short_word',
  'label', 'other_persons_label', 'field_agrees', 'field_disagrees', 'byline', 'self_intro', 'signoff', 'greeting',
  'teacher_comment_line', 'reported_speech', 'social_mention', 'quoted', 'table_cell', 'running_header', 'first_line',
  'head_block', 'tail_block', 'alone_on_line', 'in_prose', 'in_sentence', 'near_top', 'file_name', 'email_exact', 'email_local_part',
  'full_with_strong_cue', 'part_with_strong_cue', 'part_in_prose', 'full_in_prose',
] as const;

export type OccurrenceFeature = (typeof OCCURRENCE_FEATURES)[number];
export type FeatureVector = Record<OccurrenceFeature, number>;

export interface Scored {
  occ: Occurrence;
  features: FeatureVector;
  /** Line of the occurrence (text only; -1 for the file name). */
  line: number;
}

/** Words that sit beside a name without being one (labels, greetings, course words). */
const NOT_A_NAME = new Set([
  'hi', 'hej', 'hello', 'dear', 'my', 'name', 'namn', 'by', 'av', 'mvh', 'i', 'jag', 'the', 'and', 'och', 'student', 'elev', 'class',
  'klass', 'teacher', 'larare', 'date', 'datum', 'course', 'kurs', 'prov', 'essay', 'uppsats', 'text', 'written', 'skriven', 'from',
  'fran', 'to', 'till', 'best', 'regards', 'kind', 'thanks', 'tack', 'page', 'sida', 'mr', 'mrs', 'ms', 'english', 'engelska',
  'svenska', 'swedish', 'an', 'a', 'en', 'ett', 'is', 'ar', 'am', 'heter', 'submitted', 'inlamnad', 'author', 'forfattare', 'well', 'done',
  'bra', 'jobbat', 'good', 'job', 'great', 'work', 'nice', 'love', 'cheers', 'sincerely', 'yours', 'hälsningar', 'halsningar', 'med',
  'vanliga', 'with', 'this', 'det', 'har', 'opinion', 'book', 'report', 'essay', 'bokrecension', 'kronika', 'on', 'om', 'about',
]);

const ZERO: FeatureVector = Object.fromEntries(OCCURRENCE_FEATURES.map((f) => [f, 0])) as FeatureVector;

function emptyVector(): FeatureVector {
  return { ...ZERO };
}

function unknownNameBeside(tokens: readonly Token[], o: Occurrence, index: RosterIndex): boolean {
  const isStranger = (t: Token | undefined, joiner: Token | undefined): boolean => {
    if (!t || !joiner || (joiner.sep !== 'space' && joiner.sep !== 'hyphen')) return false;
    if (t.casing !== 'title' && t.casing !== 'upper') return false;
    if (t.key.length < 2 || /\d/.test(t.key) || NOT_A_NAME.has(t.key)) return false;
    return !(index.words.get(t.key) ?? []).some((h) => h.student === o.student);
  };
  const before = tokens[o.firstToken - 1];
  const first = tokens[o.firstToken];
  const after = tokens[o.lastToken + 1];
  return isStranger(before, first) || isStranger(after, after);
}

export interface FeatureInput {
  text: string;
  layout: Layout;
  tokens: readonly Token[];
  index: RosterIndex;
}

export function formFeatures(v: FeatureVector, o: Occurrence, index: RosterIndex): void {
  const s = index.students[o.student];
  const givenAny = o.given.size > 0 || o.givenJoined;
  const familyAny = o.family.size > 0 || o.familyJoined;
  const mainFamily = s ? s.family.length - s.particles.size : 1;
  const full = (givenAny || (o.initials > 0 && familyAny)) && (familyAny || (o.initials > 0 && givenAny));
  v.full_name = full ? 1 : 0;
  v.all_parts = givenAny && familyAny && (o.givenJoined || o.given.size >= (s?.given.length ?? 1)) && (o.familyJoined || o.family.size >= mainFamily) ? 1 : 0;
  // File names and addresses have no order convention ("Lund_Emma.docx" is as common as "Emma_Lund.docx").
  const ordered = o.source === 'text';
  // "Otto, Bertil" read as given "Otto", family "Bertil": a comma inside a given-first reading contradicts it.
  v.reversed_order = ordered && full && ((o.order === 'family_first' && !o.comma) || (o.order === 'given_first' && o.comma)) ? 1 : 0;
  v.family_comma_given = ordered && full && o.order === 'family_first' && o.comma ? 1 : 0;
  v.given_name_only = givenAny && !familyAny && o.initials === 0 ? 1 : 0;
  v.family_name_only = familyAny && !givenAny && o.initials === 0 ? 1 : 0;
  v.initials = o.initials > 0 ? 1 : 0;
  v.call_name = o.fits.has('call') ? 1 : 0;
  v.spelling_variant = o.fits.has('variant') ? 1 : 0;
  v.typo = o.fits.has('fuzzy') ? 1 : 0;
  v.diacritics_folded = o.fits.has('folded') ? 1 : 0;
  v.middle_name = o.middle ? 1 : 0;
  v.school_id = o.schoolId ? 1 : 0;
  v.lower_case = o.allLower ? 1 : 0;
  v.upper_case = o.allUpper && o.words > 0 ? 1 : 0;
  v.possessive = o.possessive ? 1 : 0;
}

export function textFeatures(input: FeatureInput, o: Occurrence): Scored {
  const v = emptyVector();
  formFeatures(v, o, input.index);
  const { text, layout, tokens } = input;
  const first = tokens[o.firstToken] as Token;
  const line = first.line;
  const info = layout.lines[line];
  const ctx = contextOf(text, layout, line, o.start, o.end);
  const fromTop = info?.fromTop ?? 99;
  const fromBottom = info?.fromBottom ?? 99;
  v.sentence_start_word = o.words === 1 && first.sentenceStart ? 1 : 0;
  v.short_word = o.words === 1 && first.key.length <= 3 ? 1 : 0;
  v.unknown_name_beside = unknownNameBeside(tokens, o, input.index) ? 1 : 0;
  v.label = ctx.labelAuthor ? 1 : 0;
  v.other_persons_label = ctx.labelOther && !ctx.labelAuthor ? 1 : 0;
  v.field_agrees = (ctx.fieldGiven && v.given_name_only === 1) || (ctx.fieldFamily && v.family_name_only === 1) ? 1 : 0;
  v.field_disagrees = (ctx.fieldGiven && v.family_name_only === 1) || (ctx.fieldFamily && v.given_name_only === 1) ? 1 : 0;
  v.byline = ctx.byline ? 1 : 0;
  v.self_intro = ctx.selfIntro ? 1 : 0;
  v.signoff = ctx.signoff ? 1 : 0;
  v.greeting = ctx.greeting ? 1 : 0;
  v.teacher_comment_line = ctx.commentLine ? 1 : 0;
  v.reported_speech = ctx.speaker ? 1 : 0;
  v.social_mention = ctx.social ? 1 : 0;
  v.quoted = ctx.quoted ? 1 : 0;
  v.table_cell = ctx.tableCell ? 1 : 0;
  v.running_header = info?.running ? 1 : 0;
  v.first_line = fromTop === 0 ? 1 : 0;
  v.head_block = fromTop >= 0 && fromTop < layout.firstProse && fromTop <= 12 ? 1 : 0;
  v.tail_block = fromBottom >= 0 && fromBottom <= 2 && fromTop > layout.lastProse ? 1 : 0;
  v.alone_on_line = ctx.lineRest <= 22 ? 1 : 0;
  v.in_prose = info?.prose ? 1 : 0;
  v.in_sentence = info?.sentence && !info.prose ? 1 : 0;
  v.near_top = fromTop >= 0 ? 1 / (1 + fromTop) : 0;
  crosses(v);
  return { occ: o, features: v, line };
}

export function fileFeatures(o: Occurrence, index: RosterIndex): Scored {
  const v = emptyVector();
  formFeatures(v, o, index);
  v.file_name = 1;
  crosses(v);
  return { occ: o, features: v, line: -1 };
}

/** An e-mail occurrence: the address' place in the text gives its context (a label, the head, the tail). */
export function emailFeatures(input: FeatureInput, o: Occurrence, exact: boolean, line: number): Scored {
  const v = emptyVector();
  const { text, layout } = input;
  const info = layout.lines[line];
  const ctx = contextOf(text, layout, line, o.start, o.end);
  v.email_exact = exact ? 1 : 0;
  v.email_local_part = exact ? 0 : 1;
  v.label = ctx.labelAuthor ? 1 : 0;
  v.other_persons_label = ctx.labelOther && !ctx.labelAuthor ? 1 : 0;
  v.in_prose = info?.prose ? 1 : 0;
  v.social_mention = ctx.social ? 1 : 0;
  v.head_block = info && info.fromTop >= 0 && info.fromTop < layout.firstProse && info.fromTop <= 12 ? 1 : 0;
  v.tail_block = info && info.fromBottom >= 0 && info.fromBottom <= 2 && info.fromTop > layout.lastProse ? 1 : 0;
  v.alone_on_line = ctx.lineRest <= 22 ? 1 : 0;
  v.near_top = info && info.fromTop >= 0 ? 1 / (1 + info.fromTop) : 0;
  return { occ: o, features: v, line };
}

export function crosses(v: FeatureVector): void {
  const strongCue = Math.max(v.label, v.byline, v.self_intro, v.signoff, v.alone_on_line * (1 - v.in_prose), v.table_cell, v.running_header, v.file_name, v.possessive * v.head_block);
  const part = Math.max(v.given_name_only, v.family_name_only);
  v.full_with_strong_cue = v.full_name * strongCue;
  v.part_with_strong_cue = part * strongCue;
  v.part_in_prose = part * v.in_prose;
  v.full_in_prose = v.full_name * v.in_prose;
}

/** Marks, for each occurrence, how many other students were found on exactly the same words. */
export function markShared(scored: Scored[]): void {
  const bySpan = new Map<string, Set<number>>();
  const key = (s: Scored): string => `${s.occ.source}:${s.occ.start}:${s.occ.end}`;
  for (const s of scored) {
    const set = bySpan.get(key(s)) ?? new Set<number>();
    set.add(s.occ.student);
    bySpan.set(key(s), set);
  }
  for (const s of scored) s.features.shared_with_others = Math.log2(bySpan.get(key(s))?.size ?? 1);
}

/**
 * "Förnamn: Otto" + "Efternamn: Bertil": a given-name field and a family-name field of the same student
 * together state the full name in a certain order; the given-name field's occurrence is read as full.
 */
export function combineSplitFields(scored: readonly Scored[]): void {
  const givenField = new Map<number, Scored>();
  const familyField = new Map<number, Scored>();
  for (const s of scored) {
    if (s.occ.source !== 'text') continue;
    // "Name: Bertil" beside "Surname: Otto": a plain name label holding one given name counts as the given field.
    if (s.features.given_name_only && (s.features.field_agrees || s.features.label)) givenField.set(s.occ.student, s);
    if (s.features.family_name_only && s.features.field_agrees) familyField.set(s.occ.student, s);
  }
  for (const [student, g] of givenField) {
    const f = familyField.get(student);
    if (!f || Math.abs(f.line - g.line) > 3) continue;
    for (const part of [g, f]) {
      part.features.full_name = 1;
      part.features.all_parts = 1;
      part.features.given_name_only = 0;
      part.features.family_name_only = 0;
      crosses(part.features);
    }
  }
}
