/**
 * File names: "Ylva_Sandell_essay.docx", "sandell ylva.txt", "YLVA SANDELL - 9B (1).docx",
 * "YlvaSandell_English5.docx", "9B_Sandell_Ylva.odt". File names follow no order convention, so every
 * run of 2–4 name words becomes a mention read in either order. The reference never used file names.
 */
import { locateNameTokens, type LocatedToken } from './nameNormalizer.js';
import type { NameMention } from './types.js';

const MAX_WINDOW = 4;
const EXTENSION = /\.[A-Za-z0-9]{1,5}$/;

/** Offset where the base name starts (after any folder) and where it ends (before the extension). */
function baseNameBounds(filename: string): { start: number; end: number } {
  const start = Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1;
  const ext = EXTENSION.exec(filename.slice(start));
  return { start, end: ext ? start + ext.index : filename.length };
}

/** "YlvaSandell" → "Ylva", "Sandell" (a lowercase letter followed by an uppercase one). */
function splitCamelCase(token: LocatedToken): LocatedToken[] {
  const parts: LocatedToken[] = [];
  let from = 0;
  for (let i = 1; i < token.text.length; i++) {
    const prev = token.text[i - 1] ?? '';
    const ch = token.text[i] ?? '';
    const prevIsLower = prev !== prev.toUpperCase();
    const chIsUpper = ch !== ch.toLowerCase();
    if (prevIsLower && chIsUpper) {
      parts.push({ text: token.text.slice(from, i), start: token.start + from, end: token.start + i });
      from = i;
    }
  }
  parts.push({ text: token.text.slice(from), start: token.start + from, end: token.end });
  return parts;
}

export function filenameTokens(filename: string): LocatedToken[] {
  const { start, end } = baseNameBounds(filename);
  return locateNameTokens(filename.slice(start, end), start).flatMap(splitCamelCase);
}

export function findFilenameMentions(filename: string): NameMention[] {
  const tokens = filenameTokens(filename);
  const mentions: NameMention[] = [];
  for (let from = 0; from < tokens.length; from++) {
    for (let size = 2; size <= MAX_WINDOW && from + size <= tokens.length; size++) {
      const window = tokens.slice(from, from + size);
      mentions.push({
        cue: 'filename',
        source: 'filename',
        tokens: window.map((t) => t.text),
        order: 'any',
        ranges: [{ start: window[0]?.start ?? 0, end: window[window.length - 1]?.end ?? 0 }],
        explicitClaim: false,
      });
    }
  }
  return mentions;
}
