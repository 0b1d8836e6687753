/** One canonical text shape for every format, so hashes, excerpts and the matcher see the same characters. */

// C0 and C1 controls except tab and newline: NULs from UTF-16 mishaps, stray escapes, 1252's undefined bytes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFEFF]/g;
// Vertical tab, form feed and Unicode line/paragraph separators do end a line; dropping them would glue words.
const LINE_ENDS = /\r\n?|[\v\f\u2028\u2029]/g;

export function normalizeText(raw: string): string {
  const lines = raw.replace(LINE_ENDS, '\n').replace(CONTROLS, '').normalize('NFC').split('\n');
  // trimEnd per line rather than a /\s+$/m regex: that regex goes quadratic on long runs of spaces.
  const trimmed = lines.map((line) => line.trimEnd());
  let start = 0;
  while (start < trimmed.length && trimmed[start] === '') start++;
  let end = trimmed.length;
  while (end > start && trimmed[end - 1] === '') end--;
  return trimmed.slice(start, end).join('\n');
}
