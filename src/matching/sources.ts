/**
 * The two other places a name hides (issue 13): e-mail addresses in the text, and the file name.
 * Both are found without regular expressions on user text, in one bounded pass.
 */
import { casingOf, type Token } from './tokens.js';
import { foldKey } from './fold.js';

export interface EmailSpan {
  address: string;
  local: string;
  start: number;
  end: number;
}

const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;
const MAX_EMAILS = 50;

function isEmailChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 46 || code === 95 || code === 45 || code === 43 || code === 37;
}

/**
 * Addresses: a run of address characters around one '@', with a dot in the domain. Every character is
 * visited once (runs are found left to right; the '@' search stays inside the run).
 */
export function findEmails(text: string): EmailSpan[] {
  const out: EmailSpan[] = [];
  if (!text.includes('@')) return out;
  let i = 0;
  const n = text.length;
  while (i < n && out.length < MAX_EMAILS) {
    if (!isEmailChar(text.charCodeAt(i)) && text[i] !== '@') {
      i++;
      continue;
    }
    const runStart = i;
    let at = -1;
    let ats = 0;
    while (i < n && (isEmailChar(text.charCodeAt(i)) || text[i] === '@')) {
      if (text[i] === '@') {
        ats++;
        if (at < 0) at = i;
      }
      i++;
    }
    if (ats !== 1 || at < 0) continue;
    let localStart = runStart;
    while (localStart < at && (text[localStart] === '.' || text[localStart] === '-')) localStart++;
    let end = i;
    while (end > at && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    const local = text.slice(localStart, at);
    const domain = text.slice(at + 1, end);
    if (local.length === 0 || local.length > MAX_LOCAL || domain.length > MAX_DOMAIN || !domain.includes('.')) continue;
    out.push({ address: `${local}@${domain}`.toLowerCase(), local: local.toLowerCase(), start: localStart, end });
  }
  return out;
}

function token(text: string, start: number, end: number, gapBefore: boolean): Token {
  const word = text.slice(start, end);
  return { start, end, text: word, key: foldKey(word), casing: casingOf(word), sep: gapBefore ? 'space' : 'start', gap: 1, line: 0, possessive: false, sentenceStart: false };
}

const isLetter = (ch: string): boolean => ch.toLowerCase() !== ch.toUpperCase();

/**
 * Words of a file name or an address' local part: split at anything that is not a letter and where lower
 * case turns to upper case ("InesSchmidtAkesson" → Ines Schmidt Akesson). The extension is dropped.
 * Offsets stay those of the given string. One-letter pieces are kept only as initials (capitalised).
 */
export function splitJoined(value: string, dropExtension: boolean): Token[] {
  let limit = Math.min(value.length, 255);
  if (dropExtension) {
    const dot = value.lastIndexOf('.', limit);
    if (dot > 0 && limit - dot <= 5) limit = dot;
  }
  const tokens: Token[] = [];
  let start = -1;
  for (let i = 0; i <= limit; i++) {
    const ch = i < limit ? (value[i] ?? '') : '';
    const letter = ch !== '' && isLetter(ch);
    const prev = value[i - 1] ?? '';
    const camelBreak = letter && start >= 0 && ch === ch.toUpperCase() && prev === prev.toLowerCase() && isLetter(prev);
    if (start >= 0 && (!letter || camelBreak)) {
      tokens.push(token(value, start, i, tokens.length > 0));
      start = -1;
    }
    if (letter && start < 0) start = i;
  }
  return tokens;
}
