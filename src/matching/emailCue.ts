/**
 * E-mail addresses and whose they probably are. The reference trusted every address in the header
 * paragraphs at 0.98, so a classmate's address beat the author's name (matching-spec §7.1). Here the
 * position decides: an e-mail field or "email me at …" is the author's; an address alone on a header
 * line probably is; one inside running text ("please forward it to …") usually is not; a teacher field never.
 */
import { parseLabelLine } from './labels.js';
import { firstNonBlank, lastNonBlank, type Line } from './lines.js';
import type { EmailCue, EmailMention } from './types.js';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const SELF_REFERENCE =
  /\b(?:e-?mail|mail|mejla|maila|contact|kontakta|reach|write to|skriv till|message|to|till|nå)\s+(?:me|mig)\b|\bmy\s+(?:e-?mail|mail|e-?post|mejl)(?:\s+address|adress)?\b|\b(?:min|mitt)\s+(?:e-?post|mejl|mail|e-?mail)(?:adress)?\b/i;
const SELF_REFERENCE_WINDOW = 60;
const HEADER_LINES = 10;
const FOOTER_LINES = 3;
/** A header line with this few other words is a header entry ("Ylva Sandell, ys22071@…"), not a sentence. */
const MAX_HEADER_WORDS = 4;

function lineIndexAt(lines: readonly Line[], offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid]?.start ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Region {
  header: Set<number>;
  footer: Set<number>;
}

function classify(lines: readonly Line[], region: Region, index: number, address: string, at: number): EmailCue | null {
  const line = lines[index];
  if (!line) return null;
  const label = parseLabelLine(line.text);
  if (label && label.value.includes(address)) {
    if (label.kind === 'other_person') return null;
    if (label.kind === 'email' || label.kind === 'author_name') return 'email_label';
    return region.header.has(index) ? 'email_header' : 'email_body';
  }
  const wordsAround = (line.text.replace(address, ' ').match(/\p{L}+/gu) ?? []).length;
  if (region.header.has(index) && wordsAround <= MAX_HEADER_WORDS) return 'email_header';
  if (region.footer.has(index) && wordsAround === 0) return 'email_label';
  const before = line.text.slice(Math.max(0, at - line.start - SELF_REFERENCE_WINDOW), at - line.start);
  return SELF_REFERENCE.test(before) ? 'email_self' : 'email_body';
}

export function findEmailMentions(text: string, lines: readonly Line[]): EmailMention[] {
  if (!text.includes('@')) return [];
  const region: Region = {
    header: new Set(firstNonBlank(lines, HEADER_LINES)),
    footer: new Set(lastNonBlank(lines, FOOTER_LINES)),
  };
  const mentions: EmailMention[] = [];
  for (const m of text.matchAll(EMAIL)) {
    const at = m.index ?? 0;
    const address = m[0].replace(/\.+$/, '');
    const cue = classify(lines, region, lineIndexAt(lines, at), address, at);
    if (cue) mentions.push({ cue, address, range: { start: at, end: at + address.length } });
  }
  return mentions;
}
