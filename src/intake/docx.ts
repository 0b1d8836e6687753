/**
 * .docx extraction with mammoth. We walk mammoth's document tree ourselves instead of calling extractRawText,
 * because extractRawText drops line breaks (Shift+Enter) and would glue "Åsa Öberg" to the "9B" on the next line
 * of an essay header. The tree is mammoth's "unstable" transform API, so the tests pin this behaviour.
 */
import mammoth from 'mammoth';
import { readZipDirectory } from './zipDirectory.js';
import { formatSize, named, type RawExtraction } from './types.js';

const MAIN_PART = 'word/document.xml';

interface DocNode {
  type?: unknown;
  value?: unknown;
  children?: unknown;
}

/** Mirrors mammoth's raw-text conversion, plus breaks; one newline ends a paragraph, as in a .txt essay. */
function nodeText(node: DocNode): string {
  if (node.type === 'text') return typeof node.value === 'string' ? node.value : '';
  if (node.type === 'tab') return '\t';
  if (node.type === 'break') return '\n';
  const children = Array.isArray(node.children) ? (node.children as DocNode[]) : [];
  const inner = children.map(nodeText).join('');
  return node.type === 'paragraph' ? `${inner}\n` : inner;
}

function failed(detail: string): RawExtraction {
  return { ok: false, code: 'TEXT_EXTRACTION_FAILED', detail };
}

/** Null when the archive looks like a Word document small enough to unpack; otherwise why not. */
function checkArchive(filename: string, bytes: Buffer, maxXmlBytes: number): RawExtraction | null {
  const entries = readZipDirectory(bytes);
  if (!entries) return failed(`${named(filename)} is damaged or incomplete (its zip directory is missing); save it again as .docx.`);
  const main = entries.find((entry) => entry.name === MAIN_PART);
  if (!main) return failed(`${named(filename)} is a zip archive but not a Word document (no ${MAIN_PART}); save it as .docx.`);
  if (main.uncompressedSize > maxXmlBytes) {
    return {
      ok: false,
      code: 'FILE_TOO_LARGE',
      detail: `${named(filename)} unpacks to ${formatSize(main.uncompressedSize)} of document text; the limit is ${formatSize(maxXmlBytes)}.`,
    };
  }
  return null;
}

export async function extractDocx(filename: string, bytes: Buffer, maxXmlBytes: number): Promise<RawExtraction> {
  const refused = checkArchive(filename, bytes, maxXmlBytes);
  if (refused) return refused;
  const seen: { text?: string } = {};
  await mammoth.convertToHtml(
    { buffer: bytes },
    {
      transformDocument: (document: DocNode) => {
        seen.text = nodeText(document);
        return document;
      },
      // Images are irrelevant to the text; this stops mammoth base64-encoding every picture into the HTML.
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
    },
  );
  // Should a mammoth upgrade stop calling transformDocument, fall back to its own (break-losing) raw text.
  const text = seen.text ?? (await mammoth.extractRawText({ buffer: bytes })).value;
  return { ok: true, text };
}
