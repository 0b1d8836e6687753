/**
 * .pdf extraction with pdf.js (via unpdf). Pages are read one at a time and capped in number: pdf.js work grows
 * with pages rather than bytes, and reading them all in parallel (as unpdf's extractText does) spikes memory.
 */
import { getDocumentProxy } from 'unpdf';
import { checkPdfStreams, type PdfStreamBudget } from './pdfStreams.js';
import { named, type RawExtraction } from './types.js';

interface TextPiece {
  str?: unknown;
  hasEOL?: unknown;
}

function pageText(items: readonly TextPiece[]): string {
  return items.map((item) => (typeof item.str === 'string' ? item.str : '') + (item.hasEOL === true ? '\n' : '')).join('');
}

async function openPdf(filename: string, bytes: Buffer) {
  try {
    // A copy, because pdf.js may transfer (detach) the buffer it is given; verbosity 0 keeps its warnings off stdout.
    // isEvalSupported: false (issue 10): never compile code from a file's fonts or functions, whatever the default.
    return { ok: true as const, pdf: await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false }) };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') {
      return {
        ok: false as const,
        code: 'ENCRYPTED_FILE_UNSUPPORTED' as const,
        detail: `${named(filename)} is password-protected; remove the password (or print it to a new PDF) and upload it again.`,
      };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false as const,
      code: 'TEXT_EXTRACTION_FAILED' as const,
      detail: `${named(filename)} is not a readable PDF (${reason}); it may be damaged or cut off — export it again.`,
    };
  }
}

export async function extractPdf(filename: string, bytes: Buffer, maxPages: number, streams: PdfStreamBudget): Promise<RawExtraction> {
  const bomb = checkPdfStreams(filename, bytes, streams);
  if (bomb) return bomb;
  const opened = await openPdf(filename, bytes);
  if (!opened.ok) return opened;
  const { pdf } = opened;
  try {
    if (pdf.numPages > maxPages) {
      return {
        ok: false,
        code: 'CONTENT_TOO_LONG',
        detail: `${named(filename)} has ${pdf.numPages} pages; essays of at most ${maxPages} pages are accepted.`,
      };
    }
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      pages.push(pageText((await page.getTextContent()).items as TextPiece[]).trimEnd());
      page.cleanup();
    }
    // Blank pages are skipped so they do not pile up empty lines between the real ones.
    return { ok: true, text: pages.filter((text) => text.trim() !== '').join('\n\n') };
  } finally {
    await pdf.destroy();
  }
}
