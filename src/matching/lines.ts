/** Line access with offsets, so cues can report where in the text they found a name. */

export interface Line {
  text: string;
  start: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    lines.push({ text: text.slice(start, end), start });
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

export function isBlank(line: Line | undefined): boolean {
  return line === undefined || line.text.trim().length === 0;
}

/** Indexes of the first `count` non-blank lines. */
export function firstNonBlank(lines: readonly Line[], count: number): number[] {
  const found: number[] = [];
  for (let i = 0; i < lines.length && found.length < count; i++) if (!isBlank(lines[i])) found.push(i);
  return found;
}

/** Indexes of the last `count` non-blank lines, in text order. */
export function lastNonBlank(lines: readonly Line[], count: number): number[] {
  const found: number[] = [];
  for (let i = lines.length - 1; i >= 0 && found.length < count; i--) if (!isBlank(lines[i])) found.unshift(i);
  return found;
}
