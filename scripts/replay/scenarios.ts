/**
 * The scenario flows whose journals become replay fixtures (issue 14 §3): the e2e suite's teacher steps
 * (test/e2e/kit) on a running product, one flow per path a batch takes. Each answers the batch ids to record.
 */
import { expect } from 'chai';
import { confidentEssays, mixedEssays, PEOPLE, rosterCsv, UNREADABLE } from '../../test/e2e/kit/fixtures.js';
import { classWithRoster, confirm, register, submitBatch, untilState, upload } from '../../test/e2e/kit/flows.js';
import { rematch } from '../../test/e2e/kit/versions.js';
import type { Api } from '../../test/e2e/kit/world.js';

/** Which product a flow needs: deadlines short enough to fire while the recorder waits, or no matcher. */
export type ProductKind = 'teacher' | 'deadlines' | 'matcherDown';

export const PRODUCT_ENV: Record<ProductKind, Record<string, string>> = {
  teacher: {},
  deadlines: { VALIDATION_TIMEOUT: '1500ms', PROVISIONING_TIMEOUT: '1500ms' },
  matcherDown: { ROLES: 'api,batch,relay', MATCHING_TIMEOUT: '300ms', VALIDATION_TIMEOUT: '1s' },
};

export interface Scenario {
  name: string;
  product: ProductKind;
  run(api: Api): Promise<string>;
}

const regularClass = async (api: Api) => (await classWithRoster(api, rosterCsv())).classId;

export const SCENARIOS: Scenario[] = [
  {
    name: 'regular-confirmed',
    product: 'teacher',
    async run(api) {
      const batchId = await submitBatch(api, confidentEssays(4), await regularClass(api));
      await untilState(api, batchId, 'awaitingValidation');
      await confirm(api, batchId);
      expect((await api.delete(`/v1/batches/${batchId}`)).status).to.equal(409); // journaled as ignored
      return batchId;
    },
  },
  {
    name: 'regular-edited',
    product: 'teacher',
    async run(api) {
      const { classId, roster } = await classWithRoster(api, rosterCsv());
      const batchId = await submitBatch(api, confidentEssays(4), classId);
      await untilState(api, batchId, 'awaitingValidation');
      const listed = (await api.get(`/v1/batches/${batchId}/student-associations`)).body.associations as { essay_id: string }[];
      expect((await api.put(`/v1/batches/${batchId}/student-associations/${listed[0]!.essay_id}`, { student_id: roster[5]!.student_id })).status).to.equal(200);
      expect((await api.put(`/v1/batches/${batchId}/student-associations/${listed[1]!.essay_id}`, { unknown: true })).status).to.equal(200);
      await confirm(api, batchId, { associations: [{ essay_id: listed[2]!.essay_id, student_id: roster[6]!.student_id, confirmed: true }] });
      return batchId;
    },
  },
  {
    name: 'guest',
    product: 'teacher',
    async run(api) {
      const batchId = await submitBatch(api, confidentEssays(3));
      await untilState(api, batchId, 'ready');
      return batchId;
    },
  },
  {
    name: 'partial-failure',
    product: 'teacher',
    async run(api) {
      const batchId = await submitBatch(api, [...confidentEssays(2), ...UNREADABLE], await regularClass(api));
      await untilState(api, batchId, 'awaitingValidation');
      await confirm(api, batchId);
      return batchId;
    },
  },
  {
    name: 'nothing-readable',
    product: 'teacher',
    async run(api) {
      const batchId = await submitBatch(api, UNREADABLE, await regularClass(api));
      await untilState(api, batchId, 'failed');
      return batchId;
    },
  },
  {
    name: 'cancelled-provisioning',
    product: 'teacher',
    async run(api) {
      const batchId = await register(api, 2, await regularClass(api));
      expect((await api.delete(`/v1/batches/${batchId}`)).status).to.equal(200);
      return batchId;
    },
  },
  {
    name: 'cancelled-validating',
    product: 'teacher',
    async run(api) {
      const batchId = await submitBatch(api, confidentEssays(2), await regularClass(api));
      await untilState(api, batchId, 'awaitingValidation');
      expect((await api.delete(`/v1/batches/${batchId}`)).status).to.equal(200);
      return batchId;
    },
  },
  {
    // v2 (issue 14): the teacher adds the student the matcher could not find, keeps one pick, and matches again.
    name: 'rematch-after-roster-change',
    product: 'teacher',
    async run(api) {
      const { classId, roster } = await classWithRoster(api, rosterCsv(3));
      const batchId = await submitBatch(api, confidentEssays(4), classId);
      await untilState(api, batchId, 'awaitingValidation');
      const listed = (await api.get(`/v1/batches/${batchId}/student-associations`)).body.associations as { essay_id: string }[];
      expect((await api.put(`/v1/batches/${batchId}/student-associations/${listed[0]!.essay_id}`, { student_id: roster[2]!.student_id })).status).to.equal(200);
      const [first, last] = PEOPLE[3]!;
      expect((await api.post('/v1/classes/students', { person_name: { first_name: first, last_name: last }, class_ids: [classId] })).status).to.equal(201);
      expect((await rematch(api, batchId)).status).to.equal(202);
      await untilState(api, batchId, 'awaitingValidation');
      expect((await rematch(api, batchId, { keep_choices: false })).status).to.equal(202);
      await untilState(api, batchId, 'awaitingValidation');
      await confirm(api, batchId);
      return batchId;
    },
  },
  {
    name: 'validation-timeout',
    product: 'deadlines',
    async run(api) {
      const batchId = await submitBatch(api, mixedEssays().files, await regularClass(api));
      await untilState(api, batchId, 'ready', 20_000);
      return batchId;
    },
  },
  {
    name: 'provisioning-deadline',
    product: 'deadlines',
    async run(api) {
      const batchId = await register(api, 3, await regularClass(api));
      await upload(api, batchId, confidentEssays(2));
      await untilState(api, batchId, 'ready', 20_000);
      return batchId;
    },
  },
  {
    name: 'matcher-down',
    product: 'matcherDown',
    async run(api) {
      const batchId = await submitBatch(api, confidentEssays(2), await regularClass(api));
      await untilState(api, batchId, 'ready', 20_000);
      return batchId;
    },
  },
];
