/**
 * Labelled header fields: "Name: …", "Namn - …", "Student name : …", "Författare: …", "From: …", and the
 * split form "Förnamn: …" / "Efternamn: …" (order then certain). Scans the top of the essay and its last
 * few lines; labels naming someone else (teacher, recipient, peer reviewer …) are skipped.
 */
import { parseLabelLine, type LabelLine } from './labels.js';
import { firstNonBlank, isBlank, lastNonBlank, type Line } from './lines.js';
import type { LocatedToken } from './nameNormalizer.js';
import { extractName, type NameSpan } from './nameSpan.js';
import type { NameMention, Range } from './types.js';

const TOP_LINES = 15;
const BOTTOM_LINES = 5;

function headerLineIndexes(lines: readonly Line[]): number[] {
  const indexes = new Set([...firstNonBlank(lines, TOP_LINES), ...lastNonBlank(lines, BOTTOM_LINES)]);
  return [...indexes].sort((a, b) => a - b);
}

function rangeOf(tokens: readonly LocatedToken[]): Range {
  return { start: tokens[0]?.start ?? 0, end: tokens[tokens.length - 1]?.end ?? 0 };
}

interface SplitFields {
  given?: LocatedToken[];
  family?: LocatedToken[];
}

function splitFieldsMention(fields: SplitFields): NameMention | null {
  const given = fields.given ?? [];
  const family = fields.family ?? [];
  if (given.length === 0) return null;
  const ranges = family.length > 0 ? [rangeOf(given), rangeOf(family)] : [rangeOf(given)];
  return {
    cue: 'split_fields',
    source: 'text',
    tokens: [...given, ...family].map((t) => t.text),
    order: 'fixed',
    givenCount: given.length,
    ranges,
    explicitClaim: true,
  };
}

/** The value of a label line, or — for "Name:" alone on its line — the next non-blank line. */
function valueOf(lines: readonly Line[], index: number, parsed: LabelLine): { text: string; start: number } | null {
  const line = lines[index];
  if (!line) return null;
  if (parsed.value.trim().length > 0) return { text: parsed.value, start: line.start + parsed.valueOffset };
  const next = [lines[index + 1], lines[index + 2]].find((l) => l !== undefined && !isBlank(l));
  return next && !parseLabelLine(next.text) ? { text: next.text, start: next.start } : null;
}

function labelMention(span: NameSpan): NameMention {
  return {
    cue: 'header_label',
    source: 'text',
    tokens: span.tokens.map((t) => t.text),
    order: span.order,
    ranges: [rangeOf(span.tokens)],
    explicitClaim: true,
  };
}

/** "Name: Ylva" + "Surname: Sandell": a one-word author label supplies the given name of split fields. */
function completeSplitFields(fields: SplitFields, oneWordNames: LocatedToken[][]): SplitFields {
  return fields.family && !fields.given && oneWordNames[0] ? { ...fields, given: oneWordNames[0] } : fields;
}

export function findHeaderMentions(lines: readonly Line[]): NameMention[] {
  const mentions: NameMention[] = [];
  const oneWordNames: LocatedToken[][] = [];
  const fields: SplitFields = {};
  for (const index of headerLineIndexes(lines)) {
    const parsed = parseLabelLine(lines[index]?.text ?? '');
    const value = parsed ? valueOf(lines, index, parsed) : null;
    const span = value ? extractName(value.text, value.start) : null;
    if (!parsed || !span) continue;
    if (parsed.kind === 'author_name') {
      mentions.push(labelMention(span));
      if (span.tokens.length === 1) oneWordNames.push(span.tokens);
    } else if (parsed.kind === 'given_name' && !fields.given) fields.given = span.tokens;
    else if (parsed.kind === 'family_name' && !fields.family) fields.family = span.tokens;
  }
  const split = splitFieldsMention(completeSplitFields(fields, oneWordNames));
  if (split) mentions.push(split);
  return mentions;
}
