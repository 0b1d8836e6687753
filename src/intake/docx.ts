/**
 * .docx extraction with mammoth. We walk mammoth's document tree ourselves instead of calling extractRawText,
 * because extractRawText drops line breaks (Shift+Enter) and would glue "Åsa Öberg" to the "9B" on the next line
 * of an essay header. The tree is mammoth's "unstable" transform API, so the tests pin this behaviour.
 *
 * Mammoth never sees the upload itself (issue 10 item 3): docxParts.ts inflates only word/document.xml within
 * its budgets (and the few parts mammoth must resolve references in), and mammoth reads a stored zip of just
 * those. Styles and numbering only shape HTML, not the text we keep; without them mammoth uses its defaults, and
 * retargeted `_rels` have nothing unbounded to point at.
 */
import mammoth from 'mammoth';
import { MAIN_PART, readDocxParts, type DocxBudget } from './docxParts.js';
import { storedZip } from './storedZip.js';
import type { RawExtraction } from './types.js';

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

/**
 * The main part, its relationships (mammoth resolves every image and link id through them) and the parts a
 * reference in the text makes mammoth look up (a footnote reference to a missing note throws). Read where Word
 * writes them; a file whose `_rels` point elsewhere just lacks them.
 */
const WANTED: ReadonlySet<string> = new Set([MAIN_PART, 'word/_rels/document.xml.rels', 'word/footnotes.xml', 'word/endnotes.xml', 'word/comments.xml']);

export async function extractDocx(filename: string, bytes: Buffer, budget: DocxBudget): Promise<RawExtraction> {
  const read = await readDocxParts(filename, bytes, WANTED, budget);
  if (!read.ok) return read;
  const bounded = storedZip(read.parts);
  const seen: { text?: string } = {};
  await mammoth.convertToHtml(
    { buffer: bounded },
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
  const text = seen.text ?? (await mammoth.extractRawText({ buffer: bounded })).value;
  return { ok: true, text };
}
