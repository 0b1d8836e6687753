/**
 * The bounded read of a .docx (issue 10 item 3): only the part we need (word/document.xml) is inflated, with
 * yauzl streaming it and counting the bytes it *actually* produces; every other part — styles, numbering,
 * notes, media, whatever `_rels` point to — is never inflated at all. The entry count, the one part's inflated
 * size and the total inflated size are capped, so a zip bomb costs at most those budgets.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { formatSize, named, type RawExtraction } from './types.js';

export const MAIN_PART = 'word/document.xml';

export interface DocxBudget {
  /** Inflated bytes allowed for one part. */
  maxPartBytes: number;
  /** Inflated bytes allowed for all parts read together. */
  maxTotalBytes: number;
  /** Entries in the archive (a Word document has a few dozen; 60,000 is an attack). */
  maxEntries: number;
}

export type DocxParts = { ok: true; parts: Map<string, Buffer> } | Extract<RawExtraction, { ok: false }>;

const failed = (detail: string): DocxParts => ({ ok: false, code: 'TEXT_EXTRACTION_FAILED', detail });
const tooLarge = (detail: string): DocxParts => ({ ok: false, code: 'EXTRACTION_TOO_LARGE', detail });

class OverBudget extends Error {
  constructor(readonly limit: number) {
    super(`over ${limit} bytes`);
  }
}

/** yauzl's validateEntrySizes error: the part inflates to more than its directory record declares. */
const LYING_SIZE = /^too many bytes in the stream/;

async function inflate(zip: ZipFile, entry: Entry, limit: number): Promise<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      stream.destroy();
      throw new OverBudget(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function openZip(bytes: Buffer): Promise<ZipFile | null> {
  try {
    // validateEntrySizes: an entry inflating to more (or less) than its directory record says is an error.
    return await yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true });
  } catch {
    return null;
  }
}

async function readWanted(filename: string, zip: ZipFile, wanted: ReadonlySet<string>, budget: DocxBudget): Promise<DocxParts> {
  const parts = new Map<string, Buffer>();
  let seen = 0;
  let total = 0;
  for await (const entry of zip.eachEntry()) {
    if (++seen > budget.maxEntries) return tooLarge(`${named(filename)} holds more than ${budget.maxEntries} files inside; a Word essay has a few dozen.`);
    if (!wanted.has(entry.fileName)) continue;
    if (entry.uncompressedSize > budget.maxPartBytes) {
      return { ok: false, code: 'FILE_TOO_LARGE', detail: `${named(filename)} unpacks to ${formatSize(entry.uncompressedSize)} of document text; the limit is ${formatSize(budget.maxPartBytes)}.` };
    }
    const limit = Math.min(budget.maxPartBytes, budget.maxTotalBytes - total);
    const data = await inflate(zip, entry, limit);
    total += data.length;
    parts.set(entry.fileName, data);
  }
  return { ok: true, parts };
}

/** The wanted parts of the archive, inflated within the budget; or why not, as a coded rejection. */
export async function readDocxParts(filename: string, bytes: Buffer, wanted: ReadonlySet<string>, budget: DocxBudget): Promise<DocxParts> {
  const zip = await openZip(bytes);
  if (!zip) return failed(`${named(filename)} is damaged or incomplete (its zip directory is missing); save it again as .docx.`);
  try {
    if (zip.entryCount > budget.maxEntries) return tooLarge(`${named(filename)} holds ${zip.entryCount} files inside; at most ${budget.maxEntries} are read.`);
    const read = await readWanted(filename, zip, wanted, budget);
    if (read.ok && !read.parts.has(MAIN_PART)) return failed(`${named(filename)} is a zip archive but not a Word document (no ${MAIN_PART}); save it as .docx.`);
    return read;
  } catch (error) {
    if (error instanceof OverBudget) return tooLarge(`${named(filename)} unpacks to more document text than the ${formatSize(error.limit)} left in its budget.`);
    const reason = error instanceof Error ? error.message : String(error);
    if (LYING_SIZE.test(reason)) return tooLarge(`${named(filename)} unpacks to more than its zip directory declares (a zip bomb?); save it again as .docx.`);
    return failed(`${named(filename)} could not be read as .docx; it may be damaged; save or export it again (${reason}).`);
  } finally {
    zip.close();
  }
}
