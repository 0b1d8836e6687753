/** .txt extraction: decode, then refuse content that is plainly not text (an image or archive renamed .txt). */
import { decodeText } from './decodeText.js';
import { named, type RawExtraction } from './types.js';

const SAMPLE_CHARS = 65536;
// Real essays have almost no control characters; random bytes decoded as Windows-1252 have about one in ten.
const MAX_CONTROL_SHARE = 0.05;
// ...and a few stray control characters in a short essay are junk to strip, not a reason to refuse it.
const MIN_CONTROLS = 16;

function looksBinary(text: string): boolean {
  const sample = text.slice(0, SAMPLE_CHARS);
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = sample.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0;
  return controls >= MIN_CONTROLS && controls > sample.length * MAX_CONTROL_SHARE;
}

export function extractTxt(filename: string, bytes: Buffer): RawExtraction {
  const { text, encoding } = decodeText(bytes);
  if (looksBinary(text)) {
    return {
      ok: false,
      code: 'TEXT_EXTRACTION_FAILED',
      detail: `${named(filename)} does not contain readable text (binary data read as ${encoding}); upload the essay as .txt, .docx or .pdf.`,
    };
  }
  return { ok: true, text };
}
