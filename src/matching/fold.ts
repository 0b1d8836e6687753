/**
 * Folding names for comparison (issue 13): case, diacritics and the Scandinavian/German transliterations a
 * student types on a keyboard without å/ä/ö ("Öström" → "ostrom" and "oestroem").
 */

/** Letters that NFD does not decompose but people write with a plain Latin letter. */
const SPECIAL_FOLDS: Readonly<Record<string, string>> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ĸ: 'k',
};

/** Transliterations used when the letter is missing from the keyboard (Swedish, Norwegian, Danish, German). */
const TRANSLITERATIONS: Readonly<Record<string, string>> = { å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue', ø: 'oe', æ: 'ae' };

const COMBINING = /\p{M}/gu;
const APOSTROPHES = /['’ʼ`´]/g;
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

const CACHE_LIMIT = 20_000;
const cache = new Map<string, string>();

function isPlainLower(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** Lowercase, no diacritics, no apostrophes: the key every name form is compared by. Memoised (bounded). */
export function foldKey(word: string): string {
  if (isPlainLower(word)) return word;
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const key = computeFoldKey(word);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, key);
  return key;
}

function computeFoldKey(word: string): string {
  const lower = word.toLowerCase().replace(APOSTROPHES, '');
  if (ASCII_ONLY.test(lower)) return lower;
  let out = '';
  for (const ch of lower.normalize('NFD').replace(COMBINING, '')) out += SPECIAL_FOLDS[ch] ?? ch;
  return out;
}

/** The keyboard transliteration ("öström" → "oestroem"); equal to foldKey when nothing transliterates. */
export function transliterationKey(word: string): string {
  const lower = word.toLowerCase().normalize('NFC');
  let out = '';
  for (const ch of lower) out += TRANSLITERATIONS[ch] ?? ch;
  return foldKey(out);
}
