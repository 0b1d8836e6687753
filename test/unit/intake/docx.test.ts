import { expect } from 'chai';
import { extractEssayText, type ExtractionResult } from '../../../src/intake/index.js';
import { LIMITS, makeDocx, makePdf, makeZip } from './fixtures.js';

const docx = (bytes: Buffer, filename = 'uppsats.docx', limits = LIMITS) => extractEssayText({ filename, bytes }, limits);

function textOf(result: ExtractionResult): string {
  if (!result.ok) expect.fail(`expected text, got ${result.code}: ${result.detail}`);
  return result.text;
}

function failureOf(result: ExtractionResult) {
  if (result.ok) expect.fail(`expected a failure, got text ${JSON.stringify(result.text.slice(0, 80))}`);
  return result;
}

describe('essay intake: .docx', () => {
  it('when a Word document has several paragraphs with å/ä/ö, then they come back one per line', async () => {
    const bytes = await makeDocx([
      ['Åsa Öberg, 9B'],
      ['Min ', 'sommar ', 'på Gotland'],
      ['Vi åt räkor på kajen i Visby.'],
      ['Nästa dag regnade det hela dagen.'],
    ]);
    const result = await docx(bytes);
    expect(textOf(result)).to.equal(
      'Åsa Öberg, 9B\nMin sommar på Gotland\nVi åt räkor på kajen i Visby.\nNästa dag regnade det hela dagen.',
    );
    expect(result.ok && result.format).to.equal('docx');
  });

  it('when a header uses Shift+Enter line breaks, then the lines stay apart instead of being glued together', async () => {
    const bytes = await makeDocx([['Åsa Öberg\n9B\nSvenska 1'], ['Uppsatsen börjar här.']]);
    expect(textOf(await docx(bytes))).to.equal('Åsa Öberg\n9B\nSvenska 1\nUppsatsen börjar här.');
  });

  it('when the document has empty paragraphs between sections, then each shows as a blank line', async () => {
    const bytes = await makeDocx([['Rubrik'], [], ['Första stycket.'], [], [], ['Andra stycket.']]);
    expect(textOf(await docx(bytes))).to.equal('Rubrik\n\nFörsta stycket.\n\n\nAndra stycket.');
  });

  it('when the document text is in decomposed (NFD) form, then it comes out composed (NFC)', async () => {
    const bytes = await makeDocx([['Åsa Öberg'.normalize('NFD')]]);
    expect(textOf(await docx(bytes))).to.equal('Åsa Öberg'.normalize('NFC'));
  });

  it('when the document has only empty paragraphs, then it is EMPTY_CONTENT naming the file', async () => {
    const failure = failureOf(await docx(await makeDocx([[], [' '], []]), 'tom.docx'));
    expect(failure.code).to.equal('EMPTY_CONTENT');
    expect(failure.detail).to.match(/^"tom\.docx" contains no text/);
  });

  it('when a .docx is really plain text, then it is TEXT_EXTRACTION_FAILED saying it is not a zip', async () => {
    const failure = failureOf(await docx(Buffer.from('Jag heter Åsa och detta är min uppsats.', 'utf8'), 'fel.docx'));
    expect(failure.code).to.equal('TEXT_EXTRACTION_FAILED');
    expect(failure.detail).to.match(/^"fel\.docx" is named \.docx but it is not a Word document/);
  });

  it('when a .docx is really a PDF, then the detail says it looks like a PDF', async () => {
    const failure = failureOf(await docx(await makePdf([['Hello']]), 'essay.docx'));
    expect(failure.code).to.equal('TEXT_EXTRACTION_FAILED');
    expect(failure.detail).to.contain('looks like a PDF');
  });

  it('when a .docx is a zip without a Word document inside (a renamed .odt), then it says so', async () => {
    const odt = makeZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document/>' });
    const failure = failureOf(await docx(odt, 'skrivet-i-libreoffice.docx'));
    expect(failure.code).to.equal('TEXT_EXTRACTION_FAILED');
    expect(failure.detail).to.match(/"skrivet-i-libreoffice\.docx" is a zip archive but not a Word document/);
  });

  it('when a .docx was cut off during upload, then it is TEXT_EXTRACTION_FAILED, not a thrown error', async () => {
    const whole = await makeDocx([['Åsa Öberg'], ['En text.']]);
    for (const length of [10, Math.floor(whole.length / 2), whole.length - 30]) {
      const failure = failureOf(await docx(whole.subarray(0, length), 'avbruten.docx'));
      expect(failure.code, `cut at ${length}`).to.equal('TEXT_EXTRACTION_FAILED');
      expect(failure.detail).to.contain('"avbruten.docx"');
    }
  });

  it('when the zip directory is intact but a part is corrupt, then the library error becomes TEXT_EXTRACTION_FAILED', async () => {
    const zip = makeZip({ 'word/document.xml': '<w:document><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>' });
    const corrupt = Buffer.from(zip);
    corrupt.fill(0xff, 30 + 'word/document.xml'.length, 30 + 'word/document.xml'.length + 8);
    const failure = failureOf(await docx(corrupt, 'trasig.docx'));
    expect(failure.code).to.equal('TEXT_EXTRACTION_FAILED');
    expect(failure.detail).to.match(/^"trasig\.docx" could not be read as \.docx; it may be damaged; save or export it again \(.+\)\.$/);
  });

  it('when word/document.xml unpacks beyond the limit (a zip bomb), then it is FILE_TOO_LARGE before mammoth runs', async () => {
    const bomb = makeZip({ 'word/document.xml': Buffer.alloc(3 * 1024 * 1024, 0x20) });
    expect(bomb.length).to.be.below(10 * 1024);
    const failure = failureOf(await docx(bomb, 'bomb.docx', { ...LIMITS, maxDocxXmlBytes: 1024 * 1024 }));
    expect(failure.code).to.equal('FILE_TOO_LARGE');
    expect(failure.detail).to.equal('"bomb.docx" unpacks to 3.0 MB of document text; the limit is 1.0 MB.');
  });
});
