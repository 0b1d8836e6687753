import { expect } from 'chai';
import { startWorld, type Api, type World } from './kit/world.js';

describe('e2e: batch size limits', function () {
  this.timeout(30_000);
  let world: World;
  let api: Api;

  before(async function () {
    world = await startWorld(this);
    api = await world.as('teacher-limits');
  });
  after(() => world?.stop());

  it('when a teacher registers 150 essays (limit 100), then 422 says how to split them, nothing is registered, and the advised split is accepted', async () => {
    const rejected = await api.post('/v1/batches', { expected_essay_count: 150, course_code: 'ENG5' });
    expect(rejected.status).to.equal(422);
    expect(rejected.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(rejected.body.detail).to.equal('a batch holds at most 100 essays; register your 150 essays as 2 batches of at most 100 (e.g. 75 + 75)');
    expect(rejected.body.errors).to.deep.include({ field: 'body.expected_essay_count', message: 'must be at most 100' });
    expect(Number((await world.knex('batches').count('* as n').first())?.n)).to.equal(0);

    for (const count of [75, 75]) expect((await api.post('/v1/batches', { expected_essay_count: count, course_code: 'ENG5' })).status).to.equal(202);
  });
});
