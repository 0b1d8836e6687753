import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { extractEssayText, type ExtractionResult } from '../../../src/intake/index.js';
import { LIMITS, utf16WithBom } from './fixtures.js';

const ESSAY = 'Åsa Öberg 9B\nMin sommar på Gotland\nVi åt räkor och glass på café Ängen.';

const txt = (bytes: Buffer, filename = 'uppsats.txt') => extractEssayText({ filename, bytes }, LIMITS);

function textOf(result: ExtractionResult): string {
  if (!result.ok) expect.fail(`expected text, got ${result.code}: ${result.detail}`);
  return result.text;
}

describe('essay intake: .txt decoding and normalisation', () => {
  it('when the file is UTF-8 without a BOM, then the text comes back unchanged with format txt', async () => {
    const result = await txt(Buffer.from(ESSAY, 'utf8'));
    expect(textOf(result)).to.equal(ESSAY);
    expect(result.ok && result.format).to.equal('txt');
  });

  it('when the file is UTF-8 with a BOM, then the BOM is not part of the text', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ESSAY, 'utf8')]);
    expect(textOf(await txt(bytes))).to.equal(ESSAY);
  });

  it('when the file is UTF-16 LE with a BOM (Notepad "Unicode"), then it decodes to the same text', async () => {
    expect(textOf(await txt(utf16WithBom(ESSAY, 'le')))).to.equal(ESSAY);
  });

  it('when the file is UTF-16 BE with a BOM, then it decodes to the same text', async () => {
    expect(textOf(await txt(utf16WithBom(ESSAY, 'be')))).to.equal(ESSAY);
  });

  it('when the file is UTF-16 LE without a BOM, then the NUL pattern still identifies it', async () => {
    expect(textOf(await txt(Buffer.from(ESSAY, 'utf16le')))).to.equal(ESSAY);
  });

  it('when the file is Windows-1252 with å/ä/ö/é, €, and curly quotes, then it is read as 1252, not Latin-1', async () => {
    // "Hej Åsa, här är ett café – “bra” för 5 €" in Windows-1252 bytes (0x96 dash, 0x93/0x94 quotes, 0x80 euro).
    const bytes = Buffer.concat([
      Buffer.from('Hej ', 'latin1'), Buffer.from([0xc5]), Buffer.from('sa, h', 'latin1'), Buffer.from([0xe4]),
      Buffer.from('r ', 'latin1'), Buffer.from([0xe4]), Buffer.from('r ett caf', 'latin1'), Buffer.from([0xe9, 0x20, 0x96, 0x20, 0x93]),
      Buffer.from('bra', 'latin1'), Buffer.from([0x94]), Buffer.from(' f', 'latin1'), Buffer.from([0xf6]),
      Buffer.from('r 5 ', 'latin1'), Buffer.from([0x80]),
    ]);
    expect(textOf(await txt(bytes))).to.equal('Hej Åsa, här är ett café – “bra” för 5 €');
  });

  it('when the text is in decomposed (NFD) form, as macOS writes it, then it comes out composed (NFC)', async () => {
    const nfd = ESSAY.normalize('NFD');
    expect(nfd).to.not.equal(ESSAY);
    const text = textOf(await txt(Buffer.from(nfd, 'utf8')));
    expect(text).to.equal(ESSAY);
    expect(text.length).to.equal(ESSAY.length);
  });

  it('when lines end in CRLF or CR, then they end in LF', async () => {
    expect(textOf(await txt(Buffer.from('ett\r\ntvå\rtre\r\n', 'utf8')))).to.equal('ett\ntvå\ntre');
  });

  it('when the text holds NULs and control characters, then they are removed but tabs and newlines stay', async () => {
    const text = textOf(await txt(Buffer.from('Rubrik\u0000\u0007\n\tindrag\u001b[0m slut\u007f', 'utf8')));
    expect(text).to.equal('Rubrik\n\tindrag[0m slut');
  });

  it('when lines have trailing spaces and the file has leading and trailing blank lines, then those are trimmed', async () => {
    const text = textOf(await txt(Buffer.from('\n\n  Rubrik  \t\nstycke \u00a0\n\n\nslut   \n\n \n', 'utf8')));
    expect(text).to.equal('  Rubrik\nstycke\n\n\nslut');
  });

  it('when the file is empty, then it is EMPTY_CONTENT naming the file', async () => {
    const result = await txt(Buffer.alloc(0), 'tom.txt');
    expect(result).to.include({ ok: false, code: 'EMPTY_CONTENT', sizeBytes: 0 });
    expect(!result.ok && result.detail).to.contain('"tom.txt"');
  });

  it('when the file holds only whitespace in any encoding, then it is EMPTY_CONTENT', async () => {
    for (const bytes of [Buffer.from(' \r\n\t \n\u00a0\n', 'utf8'), utf16WithBom('   \r\n ', 'le')]) {
      const result = await txt(bytes, 'blank.txt');
      expect(result).to.include({ ok: false, code: 'EMPTY_CONTENT' });
      expect(!result.ok && result.detail).to.match(/"blank\.txt" contains no text/);
    }
  });

  it('when a binary file is renamed .txt, then it is TEXT_EXTRACTION_FAILED rather than gibberish text', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256))]);
    const result = await txt(jpeg, 'foto.txt');
    expect(result).to.include({ ok: false, code: 'TEXT_EXTRACTION_FAILED' });
    expect(!result.ok && result.detail).to.match(/"foto\.txt" does not contain readable text/);
  });

  it('when a PDF is renamed .txt, then the detail says it looks like a PDF', async () => {
    const result = await txt(Buffer.from('%PDF-1.7\n1 0 obj\n', 'latin1'), 'essay.txt');
    expect(result).to.include({ ok: false, code: 'TEXT_EXTRACTION_FAILED' });
    expect(!result.ok && result.detail).to.match(/"essay\.txt" is named \.txt but it looks like a PDF/);
  });

  it('when any file is extracted, then sha256 and sizeBytes describe the raw bytes, success or failure', async () => {
    for (const bytes of [Buffer.from(ESSAY, 'utf8'), Buffer.alloc(0), utf16WithBom(ESSAY, 'le')]) {
      const result = await txt(bytes);
      expect(result.sha256).to.equal(createHash('sha256').update(bytes).digest('hex'));
      expect(result.sizeBytes).to.equal(bytes.length);
    }
  });
});
