/**
 * Sign-offs at the end of the essay: "/ Ylva", "- Bertil Hedin", "Mvh Ylva S.", "Best regards,\nIdris Kask",
 * "Thanks!\n- Tuva", or a bare capitalised name as the last line after a blank line.
 */
import { parseLabelLine } from './labels.js';
import { isBlank, lastNonBlank, type Line } from './lines.js';
import type { LocatedToken } from './nameNormalizer.js';
import { readNameRun } from './nameRun.js';
import type { NameMention } from './types.js';

const CLOSING =
  '(?:mvh|m\\.v\\.h\\.?|med vänlig(?:a)? hälsning(?:ar)?|vänlig(?:a)? hälsning(?:ar)?|hälsningar från|' +
  'hälsningar|hälsning|kram|greetings from|from|' +
  'best regards|kind regards|warm regards|regards|best wishes|all the best|cheers|sincerely|yours sincerely|' +
  'yours truly|yours|thanks for reading|thank you for reading|thanks|thank you|tack för att du läste|tack|' +
  'written by|skriven av|skrivet av|hej då|bye)';
/** A closing phrase, then the name on the same line. */
const CLOSING_WITH_NAME = new RegExp(`^\\s*${CLOSING}[\\s,.!:]+`, 'iu');
/** A closing phrase alone on its line; the name is on the next line. */
const CLOSING_ONLY = new RegExp(`^\\s*${CLOSING}[\\s,.!:]*$`, 'iu');
/** "/ Ylva", "- Ylva", "– Ylva", "// Ylva". */
const DASH_OR_SLASH = /^\s*(?:[-–—~]+|\/+)\s*/u;
const SIGNOFF_LINES = 4;
const MAX_TOKENS = 4;

/** What may follow the name on a sign-off line: nothing, or a class code / date ("…, 9B", "… (NA21X)"). */
const ALLOWED_REST = /^\.?\s*(?:[,(\-–—]?\s*\S*\d[^]*)?$/u;

/** The line holds a name (plus an optional initial, class code or date) and nothing else. */
function nameFilling(line: Line, from: number): LocatedToken[] | null {
  const words = readNameRun(line.text, from);
  const last = words[words.length - 1];
  if (!last || words.length > MAX_TOKENS) return null;
  if (!ALLOWED_REST.test(line.text.slice(last.end))) return null;
  return words.map((w) => ({ text: w.text, start: w.start + line.start, end: w.end + line.start }));
}

function allCapitalised(words: readonly LocatedToken[]): boolean {
  return words.every((w) => (w.text[0] ?? '') !== (w.text[0] ?? '').toLowerCase());
}

/** The name on line `index`, given what precedes it. */
function signoffName(lines: readonly Line[], index: number, isLast: boolean): LocatedToken[] | null {
  const line = lines[index];
  if (!line || parseLabelLine(line.text)?.kind === 'author_name') return null;
  const marker = DASH_OR_SLASH.exec(line.text) ?? CLOSING_WITH_NAME.exec(line.text);
  if (marker && marker[0].length < line.text.length) return nameFilling(line, marker[0].length);
  const previous = lines.slice(0, index).reverse().find((l) => !isBlank(l));
  const afterClosing = previous !== undefined && CLOSING_ONLY.test(previous.text);
  const bareLastLine = isLast && isBlank(lines[index - 1]);
  if (!afterClosing && !bareLastLine) return null;
  const words = nameFilling(line, 0);
  return words && (afterClosing || allCapitalised(words)) ? words : null;
}

export function findSignoffMention(lines: readonly Line[]): NameMention | null {
  const candidates = lastNonBlank(lines, SIGNOFF_LINES);
  for (let k = candidates.length - 1; k >= 0; k--) {
    const index = candidates[k];
    if (index === undefined) continue;
    const words = signoffName(lines, index, k === candidates.length - 1);
    const first = words?.[0];
    const last = words?.[words.length - 1];
    if (!words || !first || !last) continue;
    return {
      cue: 'signoff',
      source: 'text',
      tokens: words.map((w) => w.text),
      order: 'given_first',
      ranges: [{ start: first.start, end: last.end }],
      explicitClaim: false,
    };
  }
  return null;
}
