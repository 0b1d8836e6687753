import { expect } from 'chai';
import { extractEssayText, type ExtractionResult } from '../../../src/intake/index.js';
import { LIMITS, makePdf } from './fixtures.js';

const pdf = (bytes: Buffer, filename = 'essay.pdf', limits = LIMITS) => extractEssayText({ filename, bytes }, limits);

function textOf(result: ExtractionResult): string {
  if (!result.ok) expect.fail(`expected text, got ${result.code}: ${result.detail}`);
  return result.text;
}

function failureOf(result: ExtractionResult) {
  if (result.ok) expect.fail(`expected a failure, got text ${JSON.stringify(result.text.slice(0, 80))}`);
  return result;
}

describe('essay intake: .pdf', () => {
  it('when a PDF has text on two pages, then the lines come back in order and the pages are separated by a blank line', async () => {
    const bytes = await makePdf([
      ['Anna Berg, 9B', 'My summer holiday'],
      ['We swam every day.', 'The end.'],
    ]);
    const result = await pdf(bytes);
    expect(textOf(result)).to.equal('Anna Berg, 9B\nMy summer holiday\n\nWe swam every day.\nThe end.');
    expect(result.ok && result.format).to.equal('pdf');
  });

  it('when a PDF uses Swedish letters in a standard font, then å/ä/ö survive the round trip', async () => {
    expect(textOf(await pdf(await makePdf([['Åsa Öberg skrev om älgar.']])))).to.equal('Åsa Öberg skrev om älgar.');
  });

  it('when a blank page sits between two pages of text, then it adds no extra blank lines', async () => {
    const bytes = await makePdf([['Page one.'], [], ['Page three.']]);
    expect(textOf(await pdf(bytes))).to.equal('Page one.\n\nPage three.');
  });

  it('when a PDF has no text layer (a scan), then it is EMPTY_CONTENT and the detail says it is probably scanned', async () => {
    const failure = failureOf(await pdf(await makePdf([[], []]), 'skannad.pdf'));
    expect(failure.code).to.equal('EMPTY_CONTENT');
    expect(failure.detail).to.match(/^"skannad\.pdf" has no text layer: it is probably a scan/);
  });

  it('when a PDF is password-protected, then it is ENCRYPTED_FILE_UNSUPPORTED with advice', async () => {
    const failure = failureOf(await pdf(await makePdf([['Secret essay']], { encrypted: true }), 'locked.pdf'));
    expect(failure.code).to.equal('ENCRYPTED_FILE_UNSUPPORTED');
    expect(failure.detail).to.match(/^"locked\.pdf" is password-protected; remove the password/);
  });

  it('when a PDF was cut off half-way, then it is TEXT_EXTRACTION_FAILED naming the file', async () => {
    const whole = await makePdf([['Anna Berg, 9B', 'My summer holiday'], ['Page two.']]);
    const failure = failureOf(await pdf(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.pdf'));
    expect(failure.code).to.equal('TEXT_EXTRACTION_FAILED');
    expect(failure.detail).to.match(/^"cut\.pdf" is not a readable PDF/);
  });

  it('when a file has a PDF header but garbage after it, then it is TEXT_EXTRACTION_FAILED', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), Buffer.alloc(4096, 'garbage ')]);
    const failure = failureOf(await pdf(bytes, 'junk.pdf'));
    expect(failure.code).to.equal('TEXT_EXTRACTION_FAILED');
    expect(failure.detail).to.contain('"junk.pdf"');
  });

  it('when a .pdf is really a Word document, then the detail says it looks like a zip archive', async () => {
    const failure = failureOf(await pdf(Buffer.from('PK\x03\x04rest-of-a-docx', 'latin1'), 'essay.pdf'));
    expect(failure.code).to.equal('TEXT_EXTRACTION_FAILED');
    expect(failure.detail).to.match(/^"essay\.pdf" is named \.pdf but it looks like a zip archive/);
  });

  it('when a PDF has more pages than the page limit, then it is CONTENT_TOO_LONG before the pages are read', async () => {
    const bytes = await makePdf([['one'], ['two'], ['three']]);
    const failure = failureOf(await pdf(bytes, 'long.pdf', { ...LIMITS, maxPdfPages: 2 }));
    expect(failure.code).to.equal('CONTENT_TOO_LONG');
    expect(failure.detail).to.equal('"long.pdf" has 3 pages; essays of at most 2 pages are accepted.');
  });
});
