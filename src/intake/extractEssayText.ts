/**
 * Essay file → normalised text, or a coded, teacher-readable reason why not (issue 4 §3). Never throws for bad
 * input: every failure is a result, so one broken upload marks its slot failed and the batch still completes.
 * The size check comes before any parsing, so an oversized upload costs a hash and nothing more.
 */
import { createHash } from 'node:crypto';
import type { FileValidationErrorCode } from '../contracts/index.js';
import { extractDocx } from './docx.js';
import { checkMagic, extensionOf, formatOf } from './format.js';
import { normalizeText } from './normalizeText.js';
import { extractPdf } from './pdf.js';
import { extractTxt } from './txt.js';
import {
  DEFAULT_MAX_DOCX_ENTRIES,
  DEFAULT_MAX_DOCX_TOTAL_BYTES,
  DEFAULT_MAX_DOCX_XML_BYTES,
  DEFAULT_MAX_PDF_INFLATED_BYTES,
  DEFAULT_MAX_PDF_PAGES,
  DEFAULT_MAX_PDF_STREAM_BYTES,
  formatSize,
  named,
  type EssayFile,
  type EssayFormat,
  type ExtractionFailure,
  type ExtractionResult,
  type IntakeLimits,
  type RawExtraction,
} from './types.js';

const EMPTY_ADVICE: Readonly<Record<EssayFormat, string>> = {
  txt: 'contains no text, only whitespace',
  docx: 'contains no text (only images or empty paragraphs?)',
  pdf:
    'has no text layer: it is probably a scan or photo of the pages, which cannot be read. ' +
    'Upload the original .docx, or a PDF exported from the word processor',
};

function extract(file: EssayFile, bytes: Buffer, format: EssayFormat, limits: IntakeLimits): Promise<RawExtraction> {
  switch (format) {
    case 'txt':
      return Promise.resolve(extractTxt(file.filename, bytes));
    case 'docx':
      return extractDocx(file.filename, bytes, {
        maxPartBytes: limits.maxDocxXmlBytes ?? DEFAULT_MAX_DOCX_XML_BYTES,
        maxTotalBytes: limits.maxDocxTotalBytes ?? DEFAULT_MAX_DOCX_TOTAL_BYTES,
        maxEntries: limits.maxDocxEntries ?? DEFAULT_MAX_DOCX_ENTRIES,
      });
    case 'pdf':
      return extractPdf(file.filename, bytes, limits.maxPdfPages ?? DEFAULT_MAX_PDF_PAGES, {
        maxStreamBytes: limits.maxPdfStreamBytes ?? DEFAULT_MAX_PDF_STREAM_BYTES,
        maxTotalBytes: limits.maxPdfInflatedBytes ?? DEFAULT_MAX_PDF_INFLATED_BYTES,
      });
  }
}

/** The library's own message, kept for support but shortened: some run to paragraphs with URLs. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/** The content key of an upload: the sha256 of its raw bytes, whatever becomes of its text. */
export function contentKeyOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A coded rejection of a file decided outside the extractors (e.g. its extraction ran over budget, issue 10). */
export function rejectedFile(bytes: Uint8Array, code: FileValidationErrorCode, detail: string): ExtractionFailure {
  return { ok: false, code, detail, sha256: contentKeyOf(bytes), sizeBytes: bytes.length };
}

export async function extractEssayText(file: EssayFile, limits: IntakeLimits): Promise<ExtractionResult> {
  // A worker receives the Buffer as a plain Uint8Array (structured clone); view it as a Buffer without copying.
  const bytes = Buffer.isBuffer(file.bytes) ? file.bytes : Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
  const sizeBytes = bytes.length;
  const sha256 = contentKeyOf(bytes);
  const fail = (code: FileValidationErrorCode, detail: string): ExtractionResult => ({ ok: false, code, detail, sha256, sizeBytes });
  const name = named(file.filename);

  const format = formatOf(file.filename, file.mimeType);
  if (!format) {
    const ext = extensionOf(file.filename);
    const kind = ext ? `a ${ext} file` : 'a file without an extension';
    return fail('UNSUPPORTED_FILE_TYPE', `${name} is ${kind}; only .txt, .docx and .pdf essays are accepted.`);
  }
  if (sizeBytes > limits.maxBytes) {
    return fail('FILE_TOO_LARGE', `${name} is ${formatSize(sizeBytes)}; the limit is ${formatSize(limits.maxBytes)}.`);
  }
  if (sizeBytes === 0) return fail('EMPTY_CONTENT', `${name} is empty (0 bytes).`);
  const mismatch = checkMagic(file.filename, format, bytes);
  if (mismatch && !mismatch.ok) return fail(mismatch.code, mismatch.detail);

  let raw: RawExtraction;
  try {
    raw = await extract(file, bytes, format, limits);
  } catch (error) {
    const advice = 'it may be damaged; save or export it again';
    return fail('TEXT_EXTRACTION_FAILED', `${name} could not be read as .${format}; ${advice} (${reasonOf(error)}).`);
  }
  if (!raw.ok) return fail(raw.code, raw.detail);
  const text = normalizeText(raw.text);
  if (text === '') return fail('EMPTY_CONTENT', `${name} ${EMPTY_ADVICE[format]}.`);
  return { ok: true, text, sha256, sizeBytes, format };
}
