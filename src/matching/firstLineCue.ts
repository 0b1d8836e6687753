/**
 * The first line of the essay as a name: exam.net exports start with "Given Family 2024-11-05" or a name line
 * above "Kurs:/Lärare:/Antal ord:" fields; many students simply put their name (or "Family, Given", or
 * "Name 9B") on the first line. A title on the first line is read too, but rarely matches a roster name.
 */
import { parseLabelLine } from './labels.js';
import { firstNonBlank, type Line } from './lines.js';
import { extractName } from './nameSpan.js';
import type { NameMention } from './types.js';

const DATE = /\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}\/\d{1,2}\/\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\b/;
const DATE_ONLY = new RegExp(`^\\s*${DATE.source}\\s*$`);
const SENTENCE_PUNCTUATION = /[?!;:]|\.\s*$/;
const MAX_LINE_LENGTH = 60;
const MAX_TOKENS = 4;
/** How many following non-blank lines may show that the first line heads a header block. */
const BLOCK_LOOKAHEAD = 3;

function isHeaderField(line: Line | undefined): boolean {
  if (!line) return false;
  if (DATE_ONLY.test(line.text)) return true;
  const kind = parseLabelLine(line.text)?.kind;
  return kind === 'metadata' || kind === 'other_person' || kind === 'email';
}

/** A byline at the start of the line: "By Ylva Sandell", "Skriven av Ylva Sandell". */
const BYLINE = /^\s*(?:written by|by|skriven av|skrivet av|av)\s+/i;

/**
 * "Ylva Sandell 2024-11-05" → the part before the date ("2024-11-05 Ylva Sandell": after it); a
 * leading byline is skipped.
 */
function namePartOf(text: string): { part: string; offset: number; dated: boolean } {
  const byline = BYLINE.exec(text);
  if (byline) {
    const rest = namePartOf(text.slice(byline[0].length));
    return { ...rest, offset: rest.offset + byline[0].length };
  }
  const date = DATE.exec(text);
  if (!date) return { part: text, offset: 0, dated: false };
  const before = text.slice(0, date.index);
  if (/\p{L}/u.test(before)) return { part: before, offset: 0, dated: true };
  const after = date.index + date[0].length;
  return { part: text.slice(after), offset: after, dated: true };
}

function endsWithInitial(part: string): boolean {
  return /(?:^|\s)\p{L}\.\s*$/u.test(part);
}

export function findFirstLineMention(lines: readonly Line[]): NameMention | null {
  const [first, ...following] = firstNonBlank(lines, 1 + BLOCK_LOOKAHEAD);
  const line = first === undefined ? undefined : lines[first];
  if (!line || line.text.length > MAX_LINE_LENGTH || line.text.includes(':')) return null;
  const labelKind = parseLabelLine(line.text)?.kind;
  if (labelKind !== undefined && labelKind !== 'unknown') return null;
  const { part, offset, dated } = namePartOf(line.text);
  if (SENTENCE_PUNCTUATION.test(part) && !endsWithInitial(part)) return null;
  const span = extractName(part, line.start + offset);
  if (!span || span.tokens.length > MAX_TOKENS) return null;
  const inBlock = dated || following.some((i) => isHeaderField(lines[i]));
  return {
    cue: inBlock ? 'examnet_header' : 'first_line',
    source: 'text',
    tokens: span.tokens.map((t) => t.text),
    order: span.order,
    ranges: [{ start: span.tokens[0]?.start ?? line.start, end: span.tokens[span.tokens.length - 1]?.end ?? line.start }],
    // A dated full name is clearly the exam.net author line; one dated word may be a course or a place.
    explicitClaim: dated && span.tokens.length >= 2,
  };
}
