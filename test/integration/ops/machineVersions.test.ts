/** The drain report and its metric (issue 14 §4): live batches per machine version, and when one can be retired. */
import { expect } from 'chai';
import { OPS_API_PREFIX } from '../../../src/ops/index.js';
import { registerOnV1 } from '../../e2e/kit/versions.js';
import { startProduct, type RunningProduct } from '../../support/serviceHarness.js';
import type { Api } from './scenarios.js';

const TEACHER = 'teacher-drain';

describe('ops: machine versions drain report', function () {
  this.timeout(60_000);
  let product: RunningProduct;
  let operator: Api;
  let teacher: Api;

  before(async () => {
    product = await startProduct();
    operator = await product.as('operator-1', 'operator');
    teacher = await product.as(TEACHER);
  });
  after(() => product?.stop());

  const report = async () => {
    const response = await operator.get(`${OPS_API_PREFIX}/machine-versions`);
    expect(response.status).to.equal(200);
    return new Map((response.body.versions as { machine_version: number }[]).map((v) => [v.machine_version, v]));
  };
  const liveGauge = async (version: number) => {
    const text = await (await fetch(`${product.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`essay_batches_live_by_machine_version{machine_id="batch",machine_version="${version}"}`));
    return line === undefined ? undefined : Number(line.split(' ').at(-1));
  };

  it('when a v1 batch is still live, then v1 is listed with it by state and is not retirable; once it is final, v1 can be retired and v2 (current) never', async () => {
    const v1 = await registerOnV1(product, TEACHER, null, 2, 'SV1');
    expect((await teacher.post('/v1/batches', { expected_essay_count: 1, course_code: 'SV1' })).status).to.equal(202);

    let versions = await report();
    expect(versions.get(1)).to.deep.include({ machine_id: 'batch', registered: true, current: false, live_batches: 1, final_batches: 0, by_state: { provisioning: 1 }, retirable: false });
    expect(versions.get(2)).to.deep.include({ registered: true, current: true, live_batches: 1, retirable: false });
    expect(await liveGauge(1)).to.equal(1);

    expect((await teacher.delete(`/v1/batches/${v1}`)).status).to.equal(200);
    versions = await report();
    expect(versions.get(1)).to.deep.include({ live_batches: 0, final_batches: 1, by_state: { cancelled: 1 }, retirable: true });
    expect(versions.get(2)).to.deep.include({ current: true, retirable: false });
    expect(await liveGauge(1)).to.equal(0);
  });

  it('when rows name a version nobody registered, then it is listed as unregistered and never retirable', async () => {
    const v1 = await registerOnV1(product, TEACHER, null, 1, 'SV1');
    await product.service.knex('batches').where({ id: v1 }).update({ machine_version: 7 });
    const row = (await report()).get(7);
    expect(row).to.deep.include({ registered: false, current: false, live_batches: 1, retirable: false });
    await product.service.knex('batches').where({ id: v1 }).update({ machine_version: 1 });
  });
});
