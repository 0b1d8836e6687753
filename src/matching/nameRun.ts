/**
 * Reads the name that follows a phrase in running text ("My name is Tuva-Lykke Kvist and I …", "Mvh Ylva S.").
 * Stops at punctuation, line ends, common function words, and — when the name is capitalised — at the
 * first lowercase word that is not a surname particle ("von", "af", "de" …).
 */
import { foldName, type LocatedToken } from './nameNormalizer.js';

const WORD = /[\p{L}][\p{L}\p{M}'’]*/uy;
/** Between the words of one name: spaces, or a hyphen/dash with optional spaces ("Tuva - Lykke"). */
const GAP = /(?:[ ]*[-–—][ ]*|[ ]+)/y;
/** Words that end a name run. Short words that are also real names ("An", "Min", "Du") are left out. */
const STOP_WORDS = new Set([
  'and', 'och', 'but', 'men', 'or', 'eller', 'from', 'fran', 'i', 'im', 'am', 'is', 'ar', 'was', 'var', 'the',
  'a', 'in', 'at', 'who', 'som', 'this', 'det', 'it', 'here', 'too', 'also', 'ocksa', 'with', 'med', 'to', 'of',
  'for', 'go', 'live', 'bor', 'gar', 'years', 'not', 'just', 'only', 'so', 'then', 'jag', 'me', 'my', 'mitt',
  'you', 'your', 'have', 'har', 'will', 'ska',
]);

/** Ordinary words that end a name ("… and I live …") and show a value is not a name at all. */
export function isFunctionWord(word: string): boolean {
  return STOP_WORDS.has(foldName(word));
}

const PARTICLES = new Set(['van', 'von', 'de', 'af', 'der', 'den', 'la', 'le', 'da', 'di', 'del', 'el', 'al', 'bin', 'ibn', 'ben']);
const MAX_WORDS = 4;

function isCapitalised(word: string): boolean {
  const first = word[0] ?? '';
  return first !== first.toLowerCase();
}

/** The name words starting at `start` in `text`, with text offsets; empty when none. */
export function readNameRun(text: string, start: number): LocatedToken[] {
  const words: LocatedToken[] = [];
  let position = start;
  while (words.length < MAX_WORDS) {
    WORD.lastIndex = position;
    const m = WORD.exec(text);
    if (!m) break;
    const word = m[0];
    const folded = foldName(word);
    const isInitial = word.length === 1 && text[position + 1] === '.';
    if (STOP_WORDS.has(folded) && !isInitial) break;
    const firstCapitalised = words.length > 0 && isCapitalised(words[0]?.text ?? '');
    if (firstCapitalised && !isCapitalised(word) && !PARTICLES.has(folded)) break;
    words.push({ text: word, start: position, end: position + word.length });
    position += word.length;
    if (isInitial) position += 1; // "Ylva S."
    GAP.lastIndex = position;
    const gap = GAP.exec(text);
    if (!gap) break;
    position += gap[0].length;
  }
  return words;
}
