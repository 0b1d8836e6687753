import { expect } from 'chai';
import { makeDocx, makePdf } from '../../unit/intake/fixtures.js';
import { type Api, filesForm, startProduct, type RunningProduct } from '../../support/serviceHarness.js';

/** Essay intake over HTTP (issue 4 §3), on the embedded default bus and real PostgreSQL. */
describe('POST /v1/batches/{id}/essays', function () {
  this.timeout(60_000);
  let product: RunningProduct;
  let api: Api;

  before(async () => {
    product = await startProduct();
    api = await product.as('teacher-upload');
  });
  after(() => product?.stop());

  const register = async (count: number) => (await api.post('/v1/batches', { expected_essay_count: count, course_code: 'SV2' })).body.batch_id as string;

  it('when a .docx, a .pdf, a UTF-16 .txt, an empty file and a 20 MB file arrive, then three fill slots and two fail them with their codes', async () => {
    const batchId = await register(5);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Namn: Åsa Öberg\n\nEn uppsats.', 'utf16le')]);
    const files = [
      { name: 'åsa.docx', content: await makeDocx([['Namn: Åsa Öberg'], ['En uppsats om havet.']]) },
      { name: 'erik.pdf', content: await makePdf([['Name: Erik Berg', 'An essay about mountains.']]) },
      { name: 'tove.txt', content: utf16 },
      { name: 'empty.txt', content: '' },
      { name: 'huge.txt', content: Buffer.alloc(20 * 1024 * 1024, 'a') },
    ];
    const response = await api.post(`/v1/batches/${batchId}/essays`, filesForm(files));
    expect(response.status).to.equal(200);
    const outcomes = Object.fromEntries(response.body.files.map((f: { filename: string; outcome: string; code: string | null }) => [f.filename, `${f.outcome}${f.code ? `:${f.code}` : ''}`]));
    expect(outcomes).to.deep.equal({ 'åsa.docx': 'provisioned', 'erik.pdf': 'provisioned', 'tove.txt': 'provisioned', 'empty.txt': 'rejected:EMPTY_CONTENT', 'huge.txt': 'rejected:FILE_TOO_LARGE' });
    expect(response.body.state).to.equal('ready'); // GUEST: every slot settled
    const stored = await product.service.knex('essay_contents').where({ batch_id: batchId }).pluck('text');
    expect(stored.join('\n')).to.include('Åsa Öberg').and.to.include('Erik Berg');
  });

  it('when the same file is uploaded twice, then the second upload is idempotent and fills no new slot', async () => {
    const batchId = await register(2);
    const file = [{ name: 'a.txt', content: 'Name: Anna Lind\n\nText.' }];
    const first = await api.post(`/v1/batches/${batchId}/essays`, filesForm(file));
    const second = await api.post(`/v1/batches/${batchId}/essays`, filesForm(file));
    expect(first.body.files[0].outcome).to.equal('provisioned');
    expect(second.body.files[0]).to.include({ outcome: 'already_uploaded', essay_id: first.body.files[0].essay_id });
    expect((await api.get(`/v1/batches/${batchId}`)).body.counts).to.deep.equal({ awaiting: 1, provisioned: 1, failed: 0 });
  });

  it('when more new files than free slots are sent, then 409 names the limit and nothing is stored', async () => {
    const batchId = await register(2);
    await api.post(`/v1/batches/${batchId}/essays`, filesForm([{ name: 'first.txt', content: 'zero' }]));
    const response = await api.post(`/v1/batches/${batchId}/essays`, filesForm([{ name: 'a.txt', content: 'one' }, { name: 'b.txt', content: 'two' }]));
    expect(response.status).to.equal(409);
    expect(response.body).to.include({ free_slots: 1, files_sent: 2 });
    expect((await api.get(`/v1/batches/${batchId}`)).body.counts.awaiting).to.equal(1);
  });

  it('when a request carries more files than the batch has slots, then 409 names the limit before the files are read', async () => {
    const batchId = await register(1);
    const response = await api.post(`/v1/batches/${batchId}/essays`, filesForm([{ name: 'a.txt', content: 'one' }, { name: 'b.txt', content: 'two' }]));
    expect(response.status).to.equal(409);
    expect(response.body).to.include({ max_files: 1 });
    expect((await api.get(`/v1/batches/${batchId}`)).body.counts.awaiting).to.equal(1);
  });

  it('when a batch asks for more essays than MAX_BATCH_ESSAYS, then 422 says how to split it', async () => {
    const response = await api.post('/v1/batches', { expected_essay_count: 250, course_code: 'ENG7' });
    expect(response.status).to.equal(422);
    expect(response.body.detail).to.match(/at most 100 essays.*3 batches/);
  });

  it('when another teacher uploads to the batch, then it answers 404 like a missing batch', async () => {
    const batchId = await register(1);
    const stranger = await product.as('teacher-other');
    const response = await stranger.post(`/v1/batches/${batchId}/essays`, filesForm([{ name: 'a.txt', content: 'x' }]));
    expect(response.status).to.equal(404);
  });
});
