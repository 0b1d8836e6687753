/**
 * Where a line sits in the document (issue 13): its rank among non-blank lines from the top and the bottom,
 * the head block before the first paragraph of prose (cover page, header), the tail after the last one
 * (sign-off), table rows, and running headers/footers (a line repeated on every page of a PDF).
 * Linear: every line is read once, and at most LINE_KEY_CHARS of it are looked at for the repetition key.
 */

export interface LineInfo {
  start: number;
  end: number;
  /** Rank among non-blank lines from the top (0 = first), -1 for a blank line. */
  fromTop: number;
  fromBottom: number;
  length: number;
  prose: boolean;
  /** Ends with . ! or ? and is longer than a name line: running text even if short. */
  sentence: boolean;
  running: boolean;
  tableRow: boolean;
}

export interface Layout {
  lines: LineInfo[];
  /** Non-blank rank of the first prose line (Infinity when none): lines before it form the head block. */
  firstProse: number;
  lastProse: number;
  nonBlank: number;
}

/** A line this long is running text, not a header field or a name line. */
export const PROSE_LINE = 110;
/** A shorter line that ends like a sentence ("That is all I wanted to say about Kerstin."). */
const SENTENCE_LINE = 30;
const LINE_KEY_CHARS = 120;

function repetitionKey(text: string, start: number, end: number): string {
  let key = '';
  for (let i = start; i < end && key.length < LINE_KEY_CHARS; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) continue; // page numbers differ from page to page
    key += text[i];
  }
  return key.trim().toLowerCase();
}

export function layoutOf(text: string): Layout {
  const lines: LineInfo[] = [];
  let start = 0;
  let rank = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let first = start;
    while (first < end && text[first] === ' ') first++;
    let last = end;
    while (last > first && text[last - 1] === ' ') last--;
    const length = last - first;
    const blank = length === 0;
    const row = !blank && text[first] === '|';
    const sentence = length > SENTENCE_LINE && (text[last - 1] === '.' || text[last - 1] === '!' || text[last - 1] === '?');
    lines.push({ start, end, fromTop: blank ? -1 : rank, fromBottom: -1, length, prose: length > PROSE_LINE, sentence, running: false, tableRow: row });
    if (!blank) rank++;
    if (newline < 0) break;
    start = newline + 1;
  }
  markRunning(text, lines);
  let firstProse = Infinity;
  let lastProse = -1;
  for (const l of lines) {
    if (l.fromTop < 0) continue;
    l.fromBottom = rank - 1 - l.fromTop;
    if (l.prose) {
      firstProse = Math.min(firstProse, l.fromTop);
      lastProse = Math.max(lastProse, l.fromTop);
    }
  }
  return { lines, firstProse, lastProse, nonBlank: rank };
}

/** A short line that occurs at least twice (digits ignored) is a running header or footer. */
function markRunning(text: string, lines: LineInfo[]): void {
  const counts = new Map<string, number>();
  const keys: string[] = [];
  for (const l of lines) {
    const key = l.length >= 6 && !l.prose ? repetitionKey(text, l.start, l.end) : '';
    keys.push(key);
    if (key.length >= 6) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  lines.forEach((l, i) => {
    const key = keys[i] ?? '';
    l.running = key.length >= 6 && (counts.get(key) ?? 0) >= 2;
  });
}
