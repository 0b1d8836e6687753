/** Shapes shared by the essay-file extractors (issue 4 §3). */
import type { FileValidationErrorCode } from '../contracts/index.js';

export type EssayFormat = 'txt' | 'docx' | 'pdf';

export interface EssayFile {
  filename: string;
  /** A Buffer in the process; a plain Uint8Array once cloned into a pool worker. */
  bytes: Uint8Array;
  /** Only consulted when the filename has no extension: browsers send unreliable MIME types. */
  mimeType?: string;
}

export interface IntakeLimits {
  /** Raw upload size limit, checked before any parsing. */
  maxBytes: number;
  /** PDF page limit (default {@link DEFAULT_MAX_PDF_PAGES}): pdf.js work grows with pages, not bytes. */
  maxPdfPages?: number;
  /** Inflated size limit of one .docx part (default {@link DEFAULT_MAX_DOCX_XML_BYTES}), counted while inflating. */
  maxDocxXmlBytes?: number;
  /** Inflated bytes of all .docx parts read together (default {@link DEFAULT_MAX_DOCX_TOTAL_BYTES}). */
  maxDocxTotalBytes?: number;
  /** Entries a .docx may hold (default {@link DEFAULT_MAX_DOCX_ENTRIES}). */
  maxDocxEntries?: number;
  /** What one compressed PDF stream, and all of them, may inflate to (defaults {@link DEFAULT_MAX_PDF_STREAM_BYTES}, …TOTAL…). */
  maxPdfStreamBytes?: number;
  maxPdfInflatedBytes?: number;
}

export const DEFAULT_MAX_PDF_PAGES = 500;
// Issue 10: a long essay's document.xml is a few MB; 16 MB of XML already costs mammoth ~10× that in heap.
export const DEFAULT_MAX_DOCX_XML_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_DOCX_TOTAL_BYTES = 24 * 1024 * 1024;
export const DEFAULT_MAX_DOCX_ENTRIES = 1000;
// Issue 10: text extraction never decodes images, but the pre-check cannot tell them apart cheaply; a flate
// image of 64 MB is a 4000×5000 RGB picture, more than an essay carries (photos are JPEG, not inflated).
export const DEFAULT_MAX_PDF_STREAM_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_PDF_INFLATED_BYTES = 256 * 1024 * 1024;

export interface ExtractionSuccess {
  ok: true;
  text: string;
  sha256: string;
  sizeBytes: number;
  format: EssayFormat;
}

export interface ExtractionFailure {
  ok: false;
  code: FileValidationErrorCode;
  detail: string;
  sha256: string;
  sizeBytes: number;
}

export type ExtractionResult = ExtractionSuccess | ExtractionFailure;

/** What a single-format extractor returns; the caller adds the hash and size. */
export type RawExtraction = { ok: true; text: string } | { ok: false; code: FileValidationErrorCode; detail: string };

/** Quoted filename for details, so a teacher can tell which upload failed (JSON quoting escapes odd names). */
export const named = (filename: string): string => JSON.stringify(filename);

/** Sizes as a teacher reads them: "20.0 MB", "12 KB", "10 bytes". */
export function formatSize(bytes: number): string {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}
