/**
 * Unicode hygiene for essay text and file names (matching-spec §7.4: the reference never normalised, so
 * NFD text produced nothing). We compose to NFC, unify line breaks and odd spaces and drop invisible
 * characters, while keeping a map back to the original offsets so evidence can be highlighted in the
 * text the teacher actually sees.
 */

export interface NormalizedText {
  text: string;
  /** Original offset where the character at normalised `offset` starts. */
  toOriginalStart(offset: number): number;
  /** Original offset just after the character before normalised `offset` (for exclusive range ends). */
  toOriginalEnd(offset: number): number;
}

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const ODD_SPACE = /[\u00A0\u2007\u202F\t\v\f]/;
const NEEDS_WORK = /[\r\u200B-\u200D\u2060\uFEFF\u00AD\u00A0\u2007\u202F\t\v\f]/;
const COMBINING_MARK = /\p{M}/u;

/** Normalises `raw`; identity (and no allocation of a map) for the common already-clean case. */
export function normalizeText(raw: string): NormalizedText {
  if (!NEEDS_WORK.test(raw) && raw.normalize('NFC') === raw) {
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

/** A base character (one code point) plus the combining marks that follow it. */
function endOfCluster(raw: string, start: number): number {
  const first = raw.codePointAt(start) ?? 0;
  let end = start + (first > 0xffff ? 2 : 1);
  while (end < raw.length && COMBINING_MARK.test(raw[end] ?? '')) end += 1;
  return end;
}

function normalizeCluster(cluster: string, next: string | undefined): string {
  if (cluster === '\r') return next === '\n' ? '' : '\n';
  if (INVISIBLE.test(cluster)) return '';
  if (ODD_SPACE.test(cluster)) return ' ';
  return cluster.normalize('NFC');
}
