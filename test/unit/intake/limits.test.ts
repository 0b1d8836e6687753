import { expect } from 'chai';
import { extractEssayText, SUPPORTED_EXTENSIONS } from '../../../src/intake/index.js';
import { LIMITS, makeDocx, makePdf } from './fixtures.js';

const MB = 1024 * 1024;
const LINE = 'Åsa Öberg skrev om älgar, räkor och en sommar på Gotland.\r\n';

/** A little over 20 MB of real UTF-8 text; built by repetition so no multi-byte character is cut at the end. */
const twentyMegabytes = (): Buffer => Buffer.from(LINE.repeat(Math.ceil((20 * MB) / Buffer.byteLength(LINE))), 'utf8');

describe('essay intake: file types and size limits', () => {
  it('when the extension is .odt, .jpg, .doc or missing, then it is UNSUPPORTED_FILE_TYPE naming the file and the accepted types', async () => {
    const cases: [string, string][] = [
      ['uppsats.odt', 'a .odt file'],
      ['foto.JPG', 'a .jpg file'],
      ['gammal.doc', 'a .doc file'],
      ['README', 'a file without an extension'],
    ];
    for (const [filename, kind] of cases) {
      const result = await extractEssayText({ filename, bytes: Buffer.from('text') }, LIMITS);
      expect(result, filename).to.include({ ok: false, code: 'UNSUPPORTED_FILE_TYPE' });
      expect(!result.ok && result.detail).to.equal(`"${filename}" is ${kind}; only .txt, .docx and .pdf essays are accepted.`);
    }
    expect(SUPPORTED_EXTENSIONS).to.deep.equal(['.txt', '.docx', '.pdf']);
  });

  it('when the extension is unsupported, then a MIME type claiming text does not override it', async () => {
    const result = await extractEssayText({ filename: 'bild.jpg', bytes: Buffer.from('hej'), mimeType: 'text/plain' }, LIMITS);
    expect(result).to.include({ ok: false, code: 'UNSUPPORTED_FILE_TYPE' });
  });

  it('when the filename has no extension, then the MIME type decides the format', async () => {
    const result = await extractEssayText({ filename: 'essay', bytes: await makePdf([['Hello']]), mimeType: 'application/pdf' }, LIMITS);
    expect(result).to.include({ ok: true, format: 'pdf', text: 'Hello' });
  });

  it('when the extension is upper case, then it is still recognised', async () => {
    const result = await extractEssayText({ filename: 'UPPSATS.DOCX', bytes: await makeDocx([['Hej']]) }, LIMITS);
    expect(result).to.include({ ok: true, format: 'docx', text: 'Hej' });
  });

  it('when a file is one byte over the limit, then it is FILE_TOO_LARGE; at the limit exactly it is read', async () => {
    const bytes = Buffer.from('abcdefghij');
    expect(await extractEssayText({ filename: 'a.txt', bytes }, { maxBytes: 9 })).to.include({
      ok: false,
      code: 'FILE_TOO_LARGE',
      detail: '"a.txt" is 10 bytes; the limit is 9 bytes.',
    });
    expect(await extractEssayText({ filename: 'a.txt', bytes }, { maxBytes: 10 })).to.include({ ok: true, text: 'abcdefghij' });
  });

  describe('a 20 MB file', function () {
    this.timeout(30_000);
    const big = twentyMegabytes();

    it('when it is a .txt over a 10 MB limit, then it is FILE_TOO_LARGE with both sizes, quickly', async () => {
      const started = performance.now();
      const result = await extractEssayText({ filename: 'stor.txt', bytes: big }, LIMITS);
      const elapsed = performance.now() - started;
      expect(result).to.include({ ok: false, code: 'FILE_TOO_LARGE', sizeBytes: big.length });
      expect(!result.ok && result.detail).to.equal('"stor.txt" is 20.0 MB; the limit is 10.0 MB.');
      expect(elapsed, 'only hashing should happen').to.be.below(1000);
    });

    it('when it is a .pdf over a 10 MB limit, then the size is refused before pdf.js would find it corrupt', async () => {
      const fakePdf = Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), big]);
      const result = await extractEssayText({ filename: 'stor.pdf', bytes: fakePdf }, LIMITS);
      expect(result).to.include({ ok: false, code: 'FILE_TOO_LARGE' });
    });

    it('when it is a .txt under a 25 MB limit, then all of it is extracted and normalised within seconds', async () => {
      const started = performance.now();
      const result = await extractEssayText({ filename: 'stor.txt', bytes: big }, { maxBytes: 25 * MB });
      const elapsed = performance.now() - started;
      if (!result.ok) expect.fail(`${result.code}: ${result.detail}`);
      const lines = big.length / Buffer.byteLength(LINE);
      expect(result.text.length).to.equal(lines * (LINE.length - 1) - 1);
      expect(result.text.startsWith(LINE.slice(0, -2) + '\n' + LINE.slice(0, -2))).to.equal(true);
      expect(result.text).to.not.include('\r');
      expect(elapsed).to.be.below(5000);
    });
  });
});
