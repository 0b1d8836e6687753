// Evidence highlighting: the matcher gives [start, end) offsets into the original text or file name.
// The excerpt is only the head of the essay (left-trimmed, maybe cut with "…"), so a range is marked only
// when it provably points at its snippet there; otherwise the evidence is still listed in words.
import { h } from '../dom.js';

/** The ranges of `evidence` (of one source) that can be marked in `shown`. */
export function rangesIn(shown, evidence) {
  const visible = shown.endsWith('…') ? shown.length - 1 : shown.length;
  const ranges = [];
  for (const e of evidence) {
    if (!e.snippet) continue;
    if (e.end <= visible && shown.slice(e.start, e.end) === e.snippet) ranges.push([e.start, e.end]);
    else {
      // Leading whitespace trimmed off the excerpt shifts offsets: accept an unambiguous occurrence.
      const at = shown.indexOf(e.snippet);
      if (at >= 0 && at + e.snippet.length <= visible && shown.indexOf(e.snippet, at + 1) < 0) ranges.push([at, at + e.snippet.length]);
    }
  }
  return merge(ranges);
}

function merge(ranges) {
  const sorted = ranges.sort((a, b) => a[0] - b[0]);
  const out = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Text with <mark>s (styled with an underline as well as a background, not colour alone). */
export function highlighted(text, ranges) {
  const parts = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) parts.push(text.slice(at, s));
    parts.push(h('mark', null, text.slice(s, e)));
    at = e;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}
