import { expect } from 'chai';
import fc from 'fast-check';
import { FILE_VALIDATION_ERROR_CODES } from '../../../src/contracts/index.js';
import { extractEssayText, type ExtractionResult } from '../../../src/intake/index.js';
import { LIMITS, makeDocx, makePdf, utf16WithBom } from './fixtures.js';

function expectWellFormed(result: ExtractionResult, filename: string): void {
  expect(result.sha256).to.match(/^[0-9a-f]{64}$/);
  if (result.ok) {
    expect(result.text.trim()).to.not.equal('');
    expect(result.text.normalize('NFC')).to.equal(result.text);
    // eslint-disable-next-line no-control-regex -- the normaliser must leave none of these behind
    expect(result.text).to.not.match(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\r]/);
  } else {
    expect(FILE_VALIDATION_ERROR_CODES).to.include(result.code);
    expect(result.detail).to.contain(JSON.stringify(filename));
  }
}

describe('essay intake: never throws for bad input', function () {
  this.timeout(60_000);
  const PREFIXES = ['', '%PDF-1.4\n', 'PK\x03\x04', '\uFEFF', '\xFF\xFE'];

  it('when arbitrary bytes arrive under any supported name, then a well-formed result comes back', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('a.txt', 'b.docx', 'c.pdf'),
        fc.constantFrom(...PREFIXES),
        fc.uint8Array({ maxLength: 2048 }),
        async (filename, prefix, body) => {
          const bytes = Buffer.concat([Buffer.from(prefix, 'latin1'), body]);
          expectWellFormed(await extractEssayText({ filename, bytes }, LIMITS), filename);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('when a real .docx, .pdf or UTF-16 file is cut off or has a byte flipped anywhere, then a well-formed result comes back', async () => {
    const originals: [string, Buffer][] = [
      ['cut.docx', await makeDocx([['Åsa Öberg, 9B'], ['Ett stycke.'], ['Ett till.']])],
      ['cut.pdf', await makePdf([['Anna Berg', 'Line two'], ['Page two']])],
      ['cut.txt', utf16WithBom('Åsa Öberg\r\nEtt stycke.', 'le')],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...originals),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        async ([filename, original], where, flip) => {
          const at = Math.floor(where * (original.length - 1));
          const bytes = flip ? Buffer.from(original) : original.subarray(0, at);
          if (flip) bytes[at] = (bytes[at] ?? 0) ^ 0xff;
          expectWellFormed(await extractEssayText({ filename, bytes }, LIMITS), filename);
        },
      ),
      { numRuns: 200 },
    );
  });
});
