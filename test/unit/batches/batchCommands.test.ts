/**
 * The checks a REST command makes from the batch row before applyEvent (404, 409, 412, 422), without
 * PostgreSQL: the BatchStore port is an in-memory fake, the runtime a sinon stub. The same paths run end to
 * end in test/integration/batches/*; these pin the decisions and that a refusal never reaches the runtime.
 */
import { expect } from 'chai';
import sinon from 'sinon';
import type { ActorRuntime, ApplyResult } from '../../../actors/actorRuntime.js';
import { StaleVersionError } from '../../../actors/errors.js';
import type { Principal } from '../../../src/auth/index.js';
import { cancelBatch } from '../../../src/batches/cancellation.js';
import type { BatchDeps } from '../../../src/batches/deps.js';
import { changeChoice } from '../../../src/batches/validation/changeChoice.js';
import { requestRematch } from '../../../src/batches/validation/rematch.js';
import { loadConfig } from '../../../src/config.js';
import { HttpError } from '../../../src/http/problem.js';
import { createSilentLogger } from '../../../src/logger.js';
import { createMemoryBatchStore, type MemoryBatchStore } from '../../fakes/memoryBatchStore.js';
import { rejectionOf } from '../../support/rejection.js';

const OWNER: Principal = { userId: 'teacher-ann', role: 'teacher', via: 'jwt' };
const OTHER: Principal = { userId: 'teacher-bo', role: 'teacher', via: 'jwt' };
const OPERATOR: Principal = { userId: 'op-1', role: 'operator', via: 'jwt' };
const BATCH = '6f1d4a52-8a0e-4a55-9d1b-6f1a0c1b2d3e';
const ESSAY = 'a4c0e1f2-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const CLASS = 'c1a55000-0000-4000-8000-000000000001';

/** A refusal is an HttpError or a StaleVersionError; any other error fails the test as itself. */
async function refusal(pending: Promise<unknown>): Promise<HttpError | StaleVersionError> {
  const error = await rejectionOf<unknown>(pending);
  if (error instanceof HttpError || error instanceof StaleVersionError) return error;
  throw error;
}

describe('batch commands on the BatchStore port (in-memory fake)', () => {
  let store: MemoryBatchStore;
  let applyEvent: sinon.SinonStub<Parameters<ActorRuntime['applyEvent']>, Promise<ApplyResult>>;
  let deps: BatchDeps;

  beforeEach(() => {
    store = createMemoryBatchStore();
    applyEvent = sinon.stub();
    const runtime = { applyEvent } as unknown as ActorRuntime;
    const untrusted = { extract: () => Promise.reject(new Error('no extraction in these tests')) };
    deps = { store, runtime, logger: createSilentLogger(), config: loadConfig({}), streamKey: (t) => t, now: () => new Date(), untrusted };
  });

  describe('cancel', () => {
    it("when another teacher cancels a batch, then 404 as if it did not exist, and nothing reaches the runtime", async () => {
      store.addBatch({ id: BATCH, owner_id: OWNER.userId });
      const error = await refusal(cancelBatch(deps, OTHER, BATCH, 'corr'));
      expect((error as HttpError).status).to.equal(404);
      expect(applyEvent.called).to.equal(false);
    });

    it('when the batch is already final, then 409 naming its state, without an event', async () => {
      store.addBatch({ id: BATCH, owner_id: OWNER.userId, state: 'ready' });
      const error = (await refusal(cancelBatch(deps, OWNER, BATCH, 'corr'))) as HttpError;
      expect([error.status, error.extra]).to.deep.equal([409, { state: 'ready' }]);
      expect(applyEvent.called).to.equal(false);
    });

    it('when the owner cancels a live batch, then the CANCEL command is applied and its state answered', async () => {
      store.addBatch({ id: BATCH, owner_id: OWNER.userId, state: 'awaitingValidation' });
      applyEvent.resolves({ status: 'applied', state: 'cancelled', version: 5, fromState: 'awaitingValidation' });
      const reply = await cancelBatch(deps, OWNER, BATCH, 'corr');
      expect(reply).to.deep.equal({ status: 200, body: { batch_id: BATCH, state: 'cancelled' } });
      expect(applyEvent.firstCall.args[1].event_type).to.equal('command.CANCEL');
    });
  });

  describe('rematch', () => {
    const request = (principal: Principal, headers: Record<string, string> = {}, idempotencyKey?: string) =>
      requestRematch(deps, { principal, batchId: BATCH, body: {}, correlationId: 'corr', headers, idempotencyKey });

    it('when If-Match names an older version, then StaleVersionError (412) with both versions, without an event', async () => {
      store.addBatch({ id: BATCH, owner_id: OWNER.userId, state: 'awaitingValidation', version: 7 });
      const error = (await refusal(request(OWNER, { 'if-match': '"6"' }))) as StaleVersionError;
      expect(error).to.be.instanceOf(StaleVersionError);
      expect([error.expected, error.actual]).to.deep.equal([6, 7]);
      expect(applyEvent.called).to.equal(false);
    });

    it('when the batch is not awaiting validation, then 409 naming the state, without an event', async () => {
      store.addBatch({ id: BATCH, owner_id: OWNER.userId, state: 'awaitingMatching' });
      const error = (await refusal(request(OWNER))) as HttpError;
      expect([error.status, error.extra]).to.deep.equal([409, { state: 'awaitingMatching' }]);
      expect(applyEvent.called).to.equal(false);
    });

    it('when a v1 batch ignores the rematch, then 409 names its machine version', async () => {
      store.addBatch({ id: BATCH, owner_id: OWNER.userId, state: 'awaitingValidation', machine_version: 1 });
      applyEvent.resolves({ status: 'ignored', state: 'awaitingValidation', version: 1, reason: 'no transition' });
      const error = (await refusal(request(OWNER))) as HttpError;
      expect([error.status, error.extra]).to.deep.equal([409, { state: 'awaitingValidation', machine_version: 1 }]);
    });

    it('when the Idempotency-Key was already applied, then the current row is answered again without an event, even past the If-Match', async () => {
      store.addBatch({ id: BATCH, owner_id: OWNER.userId, state: 'awaitingMatching', version: 9, rematches: 1 });
      store.state.applied.set(`rest/key-1`, BATCH);
      const reply = await request(OWNER, { 'if-match': '"8"' }, 'key-1');
      expect(reply.body).to.include({ state: 'awaitingMatching', version: 9, rematches: 1 });
      expect(applyEvent.called).to.equal(false);
    });
  });

  describe('change choice', () => {
    beforeEach(() => {
      store.addBatch({ id: BATCH, owner_id: OWNER.userId, class_id: CLASS, state: 'awaitingValidation', version: 3 });
      store.state.classes.set(CLASS, { ownerId: OWNER.userId, roster: [{ student_id: 'student-1', name: 'Maja Svensson' }], unknownId: null });
      store.state.associations.set(BATCH, [association(ESSAY)]);
    });
    const change = (principal: Principal, essayId: string, studentId: string) =>
      changeChoice(deps, { principal, batchId: BATCH, essayId, body: { student_id: studentId }, correlationId: 'corr', headers: {}, idempotencyKey: undefined });

    it('when the essay is not one of the batch, then 404 naming it', async () => {
      const error = (await refusal(change(OWNER, 'b0000000-0000-4000-8000-000000000000', 'student-1'))) as HttpError;
      expect(error.status).to.equal(404);
      expect(error.message).to.contain('essay b0000000');
    });

    it('when the student is not in the class, then 422 naming body.student_id, without an event', async () => {
      const error = (await refusal(change(OWNER, ESSAY, 'student-elsewhere'))) as HttpError;
      expect([error.status, error.extra]).to.deep.equal([422, { errors: [{ field: 'body.student_id', message: 'is not a student of the class' }] }]);
      expect(applyEvent.called).to.equal(false);
    });

    it('when an operator (a reader) reaches the command, then the batch is visible but the roster check still applies', async () => {
      const error = (await refusal(change(OPERATOR, ESSAY, 'student-elsewhere'))) as HttpError;
      expect(error.status).to.equal(422);
    });
  });
});

function association(essayId: string) {
  return {
    essay_id: essayId, filename: 'essay.txt', head: 'Maja Svensson\nThe sea', has_row: true, suggestions: [], no_match_reason: 'no_name_found', evidence: [],
    suggested_student_id: null, confidence: null, choice: null, chosen_student_id: null, chosen_by: null, student_id: null, student_name: null,
    validation_status: 'pending_validation', validation_method: null, validated_by: null, validated_at: null,
  };
}
