/**
 * Unicode hygiene for essay text and file names (issue 13): NFKC (so full-width letters, ligatures and
 * no-break spaces become plain text), CRLF → LF, tabs and odd spaces → space, zero-width characters and
 * soft hyphens removed. Offsets map back to the original, so evidence highlights the text the teacher sees.
 * One pass over grapheme-ish clusters (a code point plus its combining marks): linear time.
 */

export interface NormalizedText {
  text: string;
  /** Original offset where the character at normalised `offset` starts. */
  toOriginalStart(offset: number): number;
  /** Original offset just after the character before normalised `offset` (for exclusive range ends). */
  toOriginalEnd(offset: number): number;
}

const INVISIBLE = /^[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u180E]$/;
const ODD_SPACE = /^[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\t\v\f]$/;
const NEEDS_WORK = /[\r\t\v\f\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028\u2029\u202F\u205F\u2060-\u2064\u3000\uFEFF]/;
const COMBINING_MARK = /^\p{M}$/u;

/** Normalises `raw`; identity (and no offset map) for the common already-clean case. */
export function normalizeText(raw: string): NormalizedText {
  if (!NEEDS_WORK.test(raw) && raw.normalize('NFKC') === raw) {
    return { text: raw, toOriginalStart: (offset) => offset, toOriginalEnd: (offset) => offset };
  }
  const pieces: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < raw.length) {
    const clusterEnd = endOfCluster(raw, i);
    const out = normalizeCluster(raw.slice(i, clusterEnd), raw[clusterEnd]);
    for (let k = 0; k < out.length; k++) {
      starts.push(i);
      ends.push(clusterEnd);
    }
    pieces.push(out);
    i = clusterEnd;
  }
  return {
    text: pieces.join(''),
    toOriginalStart: (offset) => starts[offset] ?? raw.length,
    toOriginalEnd: (offset) => (offset <= 0 ? 0 : (ends[offset - 1] ?? raw.length)),
  };
}

/** A base character (one code point) plus the combining marks that follow it (at most 16: bounded work). */
function endOfCluster(raw: string, start: number): number {
  const first = raw.codePointAt(start) ?? 0;
  let end = start + (first > 0xffff ? 2 : 1);
  let marks = 0;
  while (end < raw.length && marks < 16 && raw.charCodeAt(end) >= 0x300 && COMBINING_MARK.test(raw[end] ?? '')) {
    end += 1;
    marks += 1;
  }
  return end;
}

function normalizeCluster(cluster: string, next: string | undefined): string {
  if (cluster === '\r') return next === '\n' ? '' : '\n';
  if (cluster === '\u2028' || cluster === '\u2029') return '\n';
  if (INVISIBLE.test(cluster)) return '';
  if (ODD_SPACE.test(cluster)) return ' ';
  return cluster.normalize('NFKC');
}
