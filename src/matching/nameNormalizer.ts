/**
 * Name normalisers. Names are compared token by token in two spellings: `lower` (case-folded NFC, keeps
 * å/ä/ö/é) and `folded` (also without diacritics), so "Ostlund" can meet "Östlund" while we still know the
 * writer did not type the diacritics. Separators are ignored when comparing ("squash"), which makes
 * "Tuva-Lykke", "Tuva Lykke", "Tuva–Lykke" and "TuvaLykke" the same given name.
 */

/** Letters that do not decompose under NFD but have a conventional ASCII spelling. */
const SPECIAL_FOLDS: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};
const SPECIAL_FOLD_PATTERN = /[øæœßłđðþı]/g;
const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\u0020-\u007e]/;

export function lowerName(s: string): string {
  return NON_ASCII.test(s) ? s.normalize('NFC').toLowerCase() : s.toLowerCase();
}

/** Lowercase, no diacritics: "Sjöblom" → "sjoblom", "Øhrn" → "ohrn". */
export function foldName(s: string): string {
  const lower = s.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(SPECIAL_FOLD_PATTERN, (ch) => SPECIAL_FOLDS[ch] ?? ch)
    .normalize('NFC');
}

const NAME_TOKEN = /\p{L}[\p{L}\p{M}'’]*/gu;

/** The letter runs of a name: "Tuva–Lykke O'Hara-Kvist" → ["Tuva", "Lykke", "O'Hara", "Kvist"]. */
export function nameTokens(s: string): string[] {
  return s.match(NAME_TOKEN) ?? [];
}

/** Token with offsets into the string it was found in. */
export interface LocatedToken {
  text: string;
  start: number;
  end: number;
}

export function locateNameTokens(s: string, offset = 0): LocatedToken[] {
  const found: LocatedToken[] = [];
  for (const m of s.matchAll(NAME_TOKEN)) {
    const start = offset + (m.index ?? 0);
    found.push({ text: m[0], start, end: start + m[0].length });
  }
  return found;
}

/** Apostrophes are dropped so "O'Hara" and "OHara" compare equal. */
function stripApostrophes(s: string): string {
  return s.includes("'") || s.includes('’') ? s.replace(/['’]/g, '') : s;
}

/** A token sequence in both spellings, separators removed. */
export interface Squashed {
  lower: string;
  folded: string;
}

export function squash(tokens: readonly string[]): Squashed {
  const lower = stripApostrophes(lowerName(tokens.join('')));
  return { lower, folded: foldName(lower) };
}

/** E-mail addresses compare case-insensitively; Gmail ignores dots and "+tags" in the local part. */
export function normalizeEmail(address: string): string {
  const trimmed = address.trim().toLowerCase().replace(/^mailto:/, '');
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  const domain = trimmed.slice(at + 1);
  let local = trimmed.slice(0, at);
  if (domain === 'gmail.com' || domain === 'googlemail.com') local = local.replace(/\./g, '').replace(/\+.*$/, '');
  return `${local}@${domain}`;
}
