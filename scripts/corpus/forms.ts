/** How a name is written in the wild (issue 13): the generator's own renderings, independent of the engine. */
import { CALL_NAMES, VARIANT_SPELLINGS, familyName, givenName, type Person } from './names.js';
import type { Random } from './random.js';

const MIDDLES = ['Maria', 'Johan', 'Elisabeth', 'Erik', 'Sofia', 'Karl', 'Linnea', 'Ali', 'Amir', 'Ingrid'];

const TRANSLIT: Readonly<Record<string, string>> = { ö: 'oe', ä: 'ae', å: 'aa', ü: 'ue', Ö: 'Oe', Ä: 'Ae', Å: 'Aa', Ü: 'Ue', ø: 'oe', æ: 'ae' };

export function asciiFold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ı/g, 'i');
}

export function transliterate(s: string): string {
  return asciiFold([...s].map((ch) => TRANSLIT[ch] ?? ch).join(''));
}

export const hasDiacritics = (s: string): boolean => asciiFold(s) !== s;

export function callNameOf(p: Person): string | null {
  const list = CALL_NAMES[p.given[0] ?? ''];
  return list ? (list[0] ?? null) : null;
}

export function variantOf(r: Random, p: Person): string | null {
  const list = VARIANT_SPELLINGS[p.given[0] ?? ''];
  return list ? r.pick(list) : null;
}

/** The essay's way of writing a name that a teacher would still recognise at once. */
export function plainForm(r: Random, p: Person): string {
  const full = `${givenName(p)} ${familyName(p)}`;
  const roll = r.next();
  if (roll < 0.7) return full;
  if (roll < 0.8) return full.toUpperCase();
  if (roll < 0.87) return full.toLowerCase();
  if (roll < 0.94 && p.given.length > 1) return `${p.given[0]} ${familyName(p)}`;
  // Extra middle name the roster does not list (the legal name has more given names than the school uses).
  if (roll < 0.97) return `${givenName(p)} ${r.pick(MIDDLES)} ${familyName(p)}`;
  return full;
}

export function emailLocal(p: Person, style: number): string {
  const g = asciiFold(givenName(p)).toLowerCase().replace(/[^a-z]/g, '');
  const f = asciiFold(familyName(p)).toLowerCase().replace(/[^a-z]/g, '');
  switch (style % 4) {
    case 0: return `${g}.${f}`;
    case 1: return `${g[0]}${f[0]}${20 + (g.length * 7 + f.length * 13) % 9}${String(100 + ((g.length * 31 + f.length * 17) % 900)).padStart(3, '0')}`;
    case 2: return `${g.slice(0, 3)}${f.slice(0, 3)}${10 + ((g.length + f.length * 3) % 89)}`;
    default: return `${g}${f}`;
  }
}
