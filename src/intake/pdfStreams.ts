/**
 * A budget on what a PDF's compressed streams inflate to, checked before pdf.js sees the file (issue 10 item 3).
 * pdf.js inflates a content stream whole into an ArrayBuffer, outside the worker's heap cap: a 500 KB PDF whose
 * page inflates to 512 MB took 17 s and 1.2 GB RSS. Here zlib inflates each zlib-wrapped stream with a hard
 * output limit (and discards it): per stream and in total. The scan is linear: each `stream … endstream`
 * segment is found with indexOf from where the previous one ended, and inflated once.
 */
import { inflateSync } from 'node:zlib';
import { formatSize, named, type RawExtraction } from './types.js';

export interface PdfStreamBudget {
  maxStreamBytes: number;
  maxTotalBytes: number;
}

const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');
const ZLIB_HEADER = 0x78;

/** Where the data of the stream whose keyword is at `at` begins (after the keyword's CRLF or LF). */
function dataStart(bytes: Buffer, at: number): number {
  let start = at + STREAM.length;
  if (bytes[start] === 0x0d) start++;
  if (bytes[start] === 0x0a) start++;
  return start;
}

/** Bytes the data inflates to, up to `limit` + 1 (more is all a budget needs to know); 0 if it is not zlib. */
function inflatedSize(data: Buffer, limit: number): number {
  if (data[0] !== ZLIB_HEADER) return 0;
  try {
    return inflateSync(data, { maxOutputLength: limit + 1, finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a cut end */ }).length;
  } catch (error) {
    // Over the limit; any other failure (not really zlib, damaged) is pdf.js's to judge.
    return (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE' ? limit + 1 : 0;
  }
}

/** Null when every compressed stream fits the budget; otherwise an EXTRACTION_TOO_LARGE naming the file. */
export function checkPdfStreams(filename: string, bytes: Buffer, budget: PdfStreamBudget): RawExtraction | null {
  let total = 0;
  let from = 0;
  for (;;) {
    const keyword = bytes.indexOf(STREAM, from);
    if (keyword < 0) return null;
    const start = dataStart(bytes, keyword);
    const end = bytes.indexOf(END_STREAM, start);
    if (end < 0) return null;
    const limit = Math.min(budget.maxStreamBytes, budget.maxTotalBytes - total);
    const size = inflatedSize(bytes.subarray(start, end), limit);
    if (size > limit) {
      const which = limit < budget.maxStreamBytes ? `all its compressed parts together inflate to more than ${formatSize(budget.maxTotalBytes)}` : `one compressed part inflates to more than ${formatSize(budget.maxStreamBytes)}`;
      return { ok: false, code: 'EXTRACTION_TOO_LARGE', detail: `${named(filename)} is too large to read: ${which} (a compression bomb?); export the essay to PDF again.` };
    }
    total += size;
    from = end + END_STREAM.length;
  }
}
