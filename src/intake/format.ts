/**
 * Which extractor a file goes to. The extension decides (it is what the teacher sees and chose); the magic bytes only
 * confirm it, so a renamed file fails with a precise reason instead of being fed to the wrong parser.
 */
import type { EssayFormat, RawExtraction } from './types.js';
import { named } from './types.js';

export const SUPPORTED_EXTENSIONS: readonly string[] = ['.txt', '.docx', '.pdf'];

const MIME_FORMATS: Readonly<Record<string, EssayFormat>> = {
  'text/plain': 'txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/pdf': 'pdf',
};

/** Lower-cased extension including the dot, or '' when the name has none. */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** The format for this file, or null when it is not one we read. */
export function formatOf(filename: string, mimeType?: string): EssayFormat | null {
  const ext = extensionOf(filename);
  if (ext !== '') return SUPPORTED_EXTENSIONS.includes(ext) ? (ext.slice(1) as EssayFormat) : null;
  const mime = mimeType?.split(';')[0]?.trim().toLowerCase();
  return (mime && MIME_FORMATS[mime]) || null;
}

const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const PDF = Buffer.from('%PDF', 'latin1');
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const RTF = Buffer.from('{\\rtf', 'latin1');

/** A name for the container the bytes really are, for details; null when unrecognised. */
function sniff(bytes: Buffer): string | null {
  if (bytes.subarray(0, 4).equals(ZIP)) return 'a zip archive (e.g. .docx or .odt)';
  if (bytes.subarray(0, 4).equals(PDF)) return 'a PDF';
  if (bytes.subarray(0, 8).equals(OLE2)) return 'an old Word 97-2003 (.doc) file';
  if (bytes.subarray(0, 5).equals(RTF)) return 'an RTF file';
  return null;
}

const UNRECOGNISED: Readonly<Record<EssayFormat, string>> = {
  txt: 'it is not plain text',
  docx: 'it is not a Word document (a .docx is a zip archive, and this is not one)',
  pdf: 'it has no PDF header, so it is not a PDF',
};

/** Null when the bytes fit the format; otherwise a TEXT_EXTRACTION_FAILED saying what the file seems to be. */
export function checkMagic(filename: string, format: EssayFormat, bytes: Buffer): RawExtraction | null {
  if (bytes.length === 0) return null; // empty files are EMPTY_CONTENT, decided later
  const actual = sniff(bytes);
  // pdf.js accepts a header anywhere in the first 1 KB, so do we (some generators prepend junk).
  const fits =
    format === 'docx' ? bytes.subarray(0, 4).equals(ZIP)
    : format === 'pdf' ? bytes.subarray(0, 1024).includes(PDF)
    : actual === null;
  if (fits) return null;
  const seems = actual ? `it looks like ${actual}` : UNRECOGNISED[format];
  const advice = format === 'txt' ? 'rename it with its real extension' : `save it again as .${format}`;
  return {
    ok: false,
    code: 'TEXT_EXTRACTION_FAILED',
    detail: `${named(filename)} is named .${format} but ${seems}; ${advice}.`,
  };
}
