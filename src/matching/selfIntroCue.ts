/**
 * Self-introductions in running text. "My name is …" / "Jag heter …" / "Mitt namn är …" state the
 * author's name outright (any case). "I am …" / "I'm …" / "Jag är …" are usually followed by something
 * else ("I am 15", "I am still not sure"), so there the next word must be capitalised.
 */
import { readNameRun } from './nameRun.js';
import type { NameMention } from './types.js';

const STATED = /\b(?:my name is|my name's|my name’s|mitt namn är|jag heter|i am called|i'm called|i’m called)[ \t]+/gi;
const PRESENTED = /\b(?:i am|i'm|i’m|jag är)[ \t]+/gi;
const MAX_MENTIONS = 3;

function startsCapitalised(text: string, at: number): boolean {
  const ch = text[at] ?? '';
  return ch !== ch.toLowerCase();
}

/** `explicitClaim` phrases accept any case; the others need a capitalised first name word. */
function mentionsAfter(text: string, phrase: RegExp, explicitClaim: boolean): NameMention[] {
  const mentions: NameMention[] = [];
  phrase.lastIndex = 0;
  for (let m = phrase.exec(text); m && mentions.length < MAX_MENTIONS; m = phrase.exec(text)) {
    const nameStart = m.index + m[0].length;
    if (!explicitClaim && !startsCapitalised(text, nameStart)) continue;
    const words = readNameRun(text, nameStart);
    const first = words[0];
    const last = words[words.length - 1];
    if (!first || !last) continue;
    mentions.push({
      cue: 'self_intro',
      source: 'text',
      tokens: words.map((w) => w.text),
      order: 'given_first',
      ranges: [{ start: first.start, end: last.end }],
      explicitClaim,
    });
  }
  return mentions;
}

export function findSelfIntroMentions(text: string): NameMention[] {
  return [...mentionsAfter(text, STATED, true), ...mentionsAfter(text, PRESENTED, false)];
}
