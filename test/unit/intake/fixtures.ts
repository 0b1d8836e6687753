/** Real essay files built in memory: .docx with the docx package, .pdf with pdf-lib, zips through the hostile-file zip writer. */
import { zipOf } from '../../security/hostileFiles.js';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { PDFDocument, PDFHexString, StandardFonts } from 'pdf-lib';
import type { IntakeLimits } from '../../../src/intake/index.js';

export const LIMITS: IntakeLimits = { maxBytes: 10 * 1024 * 1024 };

/** Each inner array is one paragraph; each string in it a run, and '\n' inside a run is a Shift+Enter break. */
export async function makeDocx(paragraphs: readonly (readonly string[])[]): Promise<Buffer> {
  const toRuns = (text: string) => text.split('\n').map((part, i) => new TextRun({ text: part, break: i > 0 ? 1 : 0 }));
  const children = paragraphs.map((runs) => new Paragraph({ children: runs.flatMap(toRuns) }));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** One page per entry, each line drawn with Helvetica; an empty array makes a page with only a drawn box. */
export async function makePdf(pages: readonly (readonly string[])[], options: { encrypted?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage();
    if (lines.length === 0) page.drawRectangle({ x: 50, y: 300, width: 400, height: 300 });
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 750 - i * 20, size: 12, font }));
  }
  if (options.encrypted) markEncrypted(doc);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/**
 * A standard-security-handler /Encrypt entry whose /U does not match the empty password, which is exactly what a
 * PDF with an open (user) password looks like to a reader.
 */
function markEncrypted(doc: PDFDocument): void {
  const encrypt = doc.context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    P: -44,
    O: PDFHexString.of('0f'.repeat(32)),
    U: PDFHexString.of('1e'.repeat(32)),
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  const id = PDFHexString.of('ab'.repeat(16));
  doc.context.trailerInfo.ID = doc.context.obj([id, id]);
}

/** A minimal deflated zip (one disk, no ZIP64) with the given entries; the one zip writer of the tests. */
export function makeZip(entries: Readonly<Record<string, Buffer | string>>): Buffer {
  return zipOf(Object.entries(entries).map(([name, content]) => ({ name, data: Buffer.from(content) })));
}

/** Text with a UTF-16 byte order mark, little- or big-endian. */
export function utf16WithBom(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return endian === 'le' ? le : Buffer.from(le).swap16();
}
