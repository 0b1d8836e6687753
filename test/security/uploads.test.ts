import { expect } from 'chai';
import { register } from '../e2e/kit/flows.js';
import { client, startProduct, type Api, type RunningProduct } from '../support/serviceHarness.js';
import { fileStar, rawMultipart, type RawPart } from './hostileFiles.js';
import { expectProblem, send as sendRaw, underAttack, type Answer } from './attackKit.js';

const REQUEST_LIMIT = 1024 * 1024;

interface UploadReport {
  files: { filename: string; outcome: string; code: string | null }[];
}

/**
 * Attack suite, uploads (issue 10 item 4): every hostile request is refused with a 4xx problem+json naming its
 * cause — before the body is read where the cause is known from the headers — leaves the batch untouched,
 * and `/healthz` answers throughout.
 */
describe('attack suite: essay uploads', function () {
  this.timeout(60_000);
  let product: RunningProduct;
  let token: string;
  let api: Api;

  before(async () => {
    product = await startProduct({ env: { MAX_UPLOAD_REQUEST_BYTES: String(REQUEST_LIMIT) } });
    token = await product.tokenFor('teacher-attacked');
    api = client(product.url, token);
  });
  after(() => product?.stop());

  const countsOf = async (batchId: string) => (await api.get(`/v1/batches/${batchId}`)).body.counts;
  const storedTexts = async (batchId: string) => Number((await product.service.knex('essay_contents').where({ batch_id: batchId }).count('* as n'))[0]?.n);

  const send = (batchId: string, body: BodyInit, headers: Record<string, string>, init: RequestInit = {}): Promise<Answer> =>
    sendRaw(product.url, { path: `/v1/batches/${batchId}/essays`, method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body, ...init });
  const sendParts = (batchId: string, parts: readonly RawPart[]) => {
    const multipart = rawMultipart(parts);
    return send(batchId, new Uint8Array(multipart.body), { 'content-type': multipart.contentType });
  };

  /** The row's attack under /healthz polls with no row changed; then also: the batch's slots exactly as before. */
  async function attackRow(slots: number, attack: (batchId: string) => Promise<Answer>): Promise<Answer> {
    const batchId = await register(api, slots);
    const before = await countsOf(batchId);
    const result = await underAttack({ url: product.url, knex: product.service.knex }, () => attack(batchId));
    expect(await countsOf(batchId), 'no slot changed').to.deep.equal(before);
    expect(await storedTexts(batchId), 'no text stored').to.equal(0);
    return result;
  }

  it('when a request carries more files than the batch has slots, then 409 names the limit', async () => {
    const answer = await attackRow(2, (id) => sendParts(id, [1, 2, 3].map((i) => fileStar(`essay-${i}.txt`, `essay ${i}`))));
    expectProblem(answer, 409, /at most 2 file\(s\) per request/);
    expect((answer.body as { max_files?: number }).max_files).to.equal(2);
  });

  it('when a request floods form fields beside its file, then 413 names the field limit', async () => {
    const fields = Array.from({ length: 50 }, (_, i): RawPart => ({ disposition: `name="f${i}"`, content: 'x' }));
    const answer = await attackRow(1, (id) => sendParts(id, [fileStar('essay.txt'), ...fields]));
    expectProblem(answer, 413, /at most 10 form fields/);
  });

  it('when a request declares more bytes than an upload may have, then 413 names the limit before the body is read', async () => {
    const big = Buffer.alloc(REQUEST_LIMIT + 1024, 'a');
    const answer = await attackRow(1, (id) => sendParts(id, [fileStar('big.txt', big)]));
    expectProblem(answer, 413, new RegExp(`at most ${REQUEST_LIMIT} bytes per upload request`));
  });

  it('when a multipart body comes chunked without Content-Length, then 411 asks for one', async () => {
    const multipart = rawMultipart([fileStar('essay.txt')]);
    const stream = new ReadableStream({ start: (c) => { c.enqueue(new Uint8Array(multipart.body)); c.close(); } });
    const answer = await attackRow(1, (id) => send(id, stream, { 'content-type': multipart.contentType }, { duplex: 'half' } as RequestInit));
    expectProblem(answer, 411, /Content-Length/);
  });

  it('when a file name has a NUL (filename*=UTF-8\'\'a%00b.txt), then 400 names the file and the character', async () => {
    const answer = await attackRow(1, (id) => sendParts(id, [fileStar('a%00b.txt')]));
    expectProblem(answer, 400, /file 1 \("a\\u0000b\.txt"\).*control character \(U\+0000\)/);
    expect(answer.body?.errors).to.deep.include({ field: 'files[0].filename', message: answer.body?.detail });
  });

  it('when a file name has a right-to-left override hiding its extension, then 400 names the file and the character', async () => {
    const answer = await attackRow(1, (id) => sendParts(id, [fileStar('essay%E2%80%AEtxt.exe')]));
    expectProblem(answer, 400, /"essay\\u202Etxt\.exe".*bidirectional-text control \(U\+202E\)/);
  });

  it('when a file name is 300 characters long, then 400 names the file and the limit', async () => {
    const answer = await attackRow(1, (id) => sendParts(id, [fileStar(`${'a'.repeat(296)}.txt`)]));
    expectProblem(answer, 400, /is 300 characters long; at most 255/);
  });

  it('when the second of two files has a control character in its name, then 400 names file 2 and nothing is stored', async () => {
    const answer = await attackRow(2, (id) => sendParts(id, [fileStar('ok.txt'), fileStar('bad%1B%5B31m.txt', 'other')]));
    expectProblem(answer, 400, /file 2 \("bad\\u001B\[31m\.txt"\)/);
    expect(answer.body?.errors?.[0]?.field).to.equal('files[1].filename');
  });

  it('when a multipart body is cut off mid-file, then 400 says the body is invalid', async () => {
    const whole = rawMultipart([fileStar('essay.txt', 'x'.repeat(1000))]);
    const cut = whole.body.subarray(0, whole.body.length - 200);
    const answer = await attackRow(1, (id) => send(id, new Uint8Array(cut), { 'content-type': whole.contentType }));
    expectProblem(answer, 400, /invalid multipart body/);
  });

  it('when a non-ASCII name comes as filename* in decomposed form, then the file is accepted under its NFC name', async () => {
    const batchId = await register(api, 1);
    const result = await underAttack({ url: product.url, knex: product.service.knex }, () => sendParts(batchId, [fileStar('%C3%85sa%20O%CC%88berg.txt')]), { rowsMayChange: true });
    expect(result.status, JSON.stringify(result.body)).to.equal(200);
    expect((result.body as unknown as UploadReport).files[0]).to.include({ filename: 'Åsa Öberg.txt', outcome: 'provisioned' });
    const stored = await product.service.knex('essay_contents').where({ batch_id: batchId }).first('original_filename');
    expect(stored.original_filename).to.equal('Åsa Öberg.txt');
  });

  it('when a non-ASCII name comes as raw UTF-8 in filename="…" (what browsers send), then it is read as UTF-8', async () => {
    const batchId = await register(api, 1);
    const answer = await sendParts(batchId, [{ disposition: 'name="files"; filename="Tove Ekström.txt"', content: 'Namn: Tove Ekström' }]);
    expect(answer.status, JSON.stringify(answer.body)).to.equal(200);
    expect((answer.body as unknown as UploadReport).files[0]?.filename).to.equal('Tove Ekström.txt');
  });
});
