/**
 * Bytes → string for .txt essays. Order: a BOM is authoritative; otherwise strict UTF-8 (which almost never
 * validates by accident); otherwise Windows-1252, the legacy default of Swedish and English Windows installs.
 */
import { isUtf8 } from 'node:buffer';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

function bomEncoding(bytes: Buffer): TextEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/**
 * UTF-16 without a BOM (some editors write it): Latin text then has a NUL in nearly every other byte, always on the
 * same side. Decided on a sample so a 20 MB file costs nothing extra.
 */
function bomlessUtf16(bytes: Buffer): TextEncoding | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 65536) & ~1);
  if (sample.length < 4) return null;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) evenNuls++;
    if (sample[i + 1] === 0) oddNuls++;
  }
  const pairs = sample.length / 2;
  if (oddNuls > pairs * 0.4 && evenNuls < pairs * 0.05) return 'utf-16le';
  if (evenNuls > pairs * 0.4 && oddNuls < pairs * 0.05) return 'utf-16be';
  return null;
}

// isUtf8 validates without allocating, so the strict check costs no second decode of a large file.
export function detectEncoding(bytes: Buffer): TextEncoding {
  return bomEncoding(bytes) ?? bomlessUtf16(bytes) ?? (isUtf8(bytes) ? 'utf-8' : 'windows-1252');
}

/**
 * Windows-1252 by hand: Node's TextDecoder('windows-1252') has decoded it as Latin-1 since 20.18.3 (nodejs/node#60888),
 * turning € and curly quotes into control characters. Bytes 0x80–0x9F are the only difference; the five bytes
 * 1252 leaves undefined stay C1 controls, as WHATWG specifies, and the normaliser drops them.
 */
// prettier-ignore
const CP1252_HIGH = String.fromCharCode(
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
);

function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

/** Decodes with the detected encoding; TextDecoder drops a leading BOM itself (ignoreBOM defaults to false). */
export function decodeText(bytes: Buffer): { text: string; encoding: TextEncoding } {
  const encoding = detectEncoding(bytes);
  const text = encoding === 'windows-1252' ? decodeWindows1252(bytes) : new TextDecoder(encoding).decode(bytes);
  return { text, encoding };
}
