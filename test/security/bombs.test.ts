import { expect } from 'chai';
import { client, startProduct, type Api, type RunningProduct } from '../support/serviceHarness.js';
import { makeZip } from '../unit/intake/fixtures.js';
import { BOMB_ESSAY_TEXT, lyingSizeDocx, manyEntriesDocx, pdfFlateBomb, rawMultipart, retargetedMainDocx, retargetedPartsDocx, stylesBombDocx } from './hostileFiles.js';
import { send, underAttack } from './attackKit.js';

interface FileReport {
  filename: string;
  outcome: string;
  code: string | null;
  detail: string | null;
}

/**
 * Attack suite, document bombs (issue 10 item 3): each hostile file costs at most its own rejection, with its
 * code, within the budgets; the batch still settles (GUEST: once every slot is filled or failed) and
 * `/healthz` answers throughout.
 */
describe('attack suite: archive and document bombs', function () {
  this.timeout(90_000);
  let product: RunningProduct;
  let token: string;
  let api: Api;
  let files: Record<string, Buffer>;

  before(async () => {
    // Built first: generating them blocks this process for seconds, which must not happen between two requests
    // (the client would then reuse a keep-alive connection the server has just closed: ECONNRESET).
    const paragraph = '<w:p><w:r><w:t>Ett stycke om hösten och havet.</w:t></w:r></w:p>';
    files = {
      styles: stylesBombDocx(100),
      retargetedMain: retargetedMainDocx(100),
      retargetedParts: retargetedPartsDocx(100),
      lying: lyingSizeDocx(50),
      entries: manyEntriesDocx(60_000),
      pdf: pdfFlateBomb(128),
      // Valid and small (~200 KB), but 100,000 paragraphs keep mammoth busy far beyond the 3 s budget.
      slow: makeZip({ 'word/document.xml': `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph.repeat(100_000)}</w:body></w:document>` }),
    };
    // A short extraction budget, so the runaway row below is cut in seconds.
    product = await startProduct({ env: { EXTRACTION_BUDGET: '3s' } });
    token = await product.tokenFor('teacher-bombed');
    api = client(product.url, token);
  });
  after(() => product?.stop());

  /**
   * One file into a fresh one-slot GUEST batch, under /healthz polls; its report. The batch settles either way:
   * `ready` when the file was read, `failed` when its only slot was filled as failed.
   */
  async function uploadOne(filename: string, content: Buffer): Promise<FileReport> {
    const batchId = (await api.post('/v1/batches', { expected_essay_count: 1, course_code: 'SV2' })).body.batch_id as string;
    const multipart = rawMultipart([{ disposition: `name="files"; filename="${filename}"`, content }]);
    const answer = await underAttack(
      { url: product.url, knex: product.service.knex },
      () => send(product.url, { path: `/v1/batches/${batchId}/essays`, method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': multipart.contentType }, body: new Uint8Array(multipart.body) }),
      { rowsMayChange: true },
    );
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    const report = answer.body as unknown as { state: string; files: FileReport[] };
    const file = report.files[0]!;
    expect(report.state, 'the batch settles whatever the file was').to.equal(file.outcome === 'provisioned' ? 'ready' : 'failed');
    return file;
  }

  it('when a .docx has a styles part that inflates to ~100 MB, then its text is read and the styles are never inflated', async () => {
    expect(files.styles!.length).to.be.below(400 * 1024);
    const started = Date.now();
    expect(await uploadOne('styles-bomb.docx', files.styles!)).to.include({ outcome: 'provisioned', code: null });
    expect(Date.now() - started, 'ms to accept it (51 s before issue 10)').to.be.below(10_000);
    const stored = await product.service.knex('essay_contents').where({ original_filename: 'styles-bomb.docx' }).first('text');
    expect(stored.text).to.equal(BOMB_ESSAY_TEXT);
  });

  it('when _rels/.rels retargets the main document at a ~100 MB bomb part, then the file is rejected as not a Word document', async () => {
    const report = await uploadOne('retargeted.docx', files.retargetedMain!);
    expect(report).to.include({ outcome: 'rejected', code: 'TEXT_EXTRACTION_FAILED' });
    expect(report.detail).to.match(/not a Word document \(no word\/document\.xml\)/);
  });

  it('when the document rels point styles, numbering, notes and comments at a bomb part, then only the document text is read', async () => {
    expect(await uploadOne('rels-to-bomb.docx', files.retargetedParts!)).to.include({ outcome: 'provisioned', code: null });
  });

  it('when word/document.xml declares 2 KB but inflates to 50 MB, then the file is EXTRACTION_TOO_LARGE', async () => {
    const report = await uploadOne('lying.docx', files.lying!);
    expect(report).to.include({ outcome: 'rejected', code: 'EXTRACTION_TOO_LARGE' });
    expect(report.detail).to.match(/more than its zip directory declares/);
  });

  it('when a .docx holds 60,000 entries, then the file is EXTRACTION_TOO_LARGE from its directory alone', async () => {
    const report = await uploadOne('entries.docx', files.entries!);
    expect(report).to.include({ outcome: 'rejected', code: 'EXTRACTION_TOO_LARGE' });
    expect(report.detail).to.match(/holds 60001 files inside; at most 1000/);
  });

  it('when a PDF page inflates to 128 MB (a flate bomb), then the file is EXTRACTION_TOO_LARGE before pdf.js reads it', async () => {
    const report = await uploadOne('bomb.pdf', files.pdf!);
    expect(report).to.include({ outcome: 'rejected', code: 'EXTRACTION_TOO_LARGE' });
    expect(report.detail).to.match(/compression bomb/);
  });

  it('when reading a file runs past the extraction budget, then it is EXTRACTION_TIMEOUT and the batch settles', async () => {
    const report = await uploadOne('slow.docx', files.slow!);
    expect(report).to.include({ outcome: 'rejected', code: 'EXTRACTION_TIMEOUT' });
    expect(report.detail).to.match(/took longer than 3000 ms/);
  });
});
