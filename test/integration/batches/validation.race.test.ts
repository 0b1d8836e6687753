/**
 * Teacher confirm vs validation timeout, 200 times at once on real PostgreSQL (issue 4 acceptance):
 * whichever transaction locks the batch first wins; the other gets 409 or is ignored. Exactly one
 * outcome and exactly one E10 per batch, and the one UNKNOWN student the class needs (G1, G2, G8).
 */
import { expect } from 'chai';
import type { ActorRuntime, ApplyResult } from '../../../actors/actorRuntime.js';
import { batchRow, buildBatch, createClassWithRoster, type BuiltBatch, type RosterStudent } from '../../support/batchBuilder.js';
import { deferred } from '../../support/waitFor.js';
import {
  confirmedEvents, confirmPath, OWNER, runTimeoutPath, startValidationApi, storedAssociations, unknownStudentsOf, type HttpReply, type ValidationApi,
} from './validationHarness.js';

const RACES = 200;

/** Runs `work` over `items` with at most `limit` in flight (building 200 batches at once would only queue on the pool). */
async function inGroups<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += limit) results.push(...(await Promise.all(items.slice(i, i + limit).map(work))));
  return results;
}

/**
 * The confirm route does more work before it reaches applyEvent (auth, reads, the UNKNOWN student) than
 * the timer does, so started together the timeout would always win. For half the batches the timeout
 * waits until the confirm is entering applyEvent: then both really race for the batch row lock.
 */
function confirmGate() {
  const entering = new Map<string, ReturnType<typeof deferred<void>>>();
  const gate = (batchId: string) => entering.get(batchId) ?? entering.set(batchId, deferred()).get(batchId)!;
  const wrap = (runtime: ActorRuntime): ActorRuntime => ({
    ...runtime,
    applyEvent: (batchId, envelope, options) => {
      if (envelope.event_type === 'command.TEACHER_CONFIRMED') gate(batchId).resolve();
      return runtime.applyEvent(batchId, envelope, options);
    },
  });
  return { wrap, entered: (batchId: string) => gate(batchId).promise };
}

interface Race {
  batch: BuiltBatch;
  confirm: HttpReply;
  timeout: ApplyResult;
}

describe('validation race: teacher confirm vs timeout', function () {
  this.timeout(60_000);
  const gate = confirmGate();
  let api: ValidationApi;
  let classId: string;
  let maja: RosterStudent;

  before(async function () {
    api = await startValidationApi({ poolMax: 30, wrapRuntime: gate.wrap });
    const made = await createClassWithRoster(api.world.knex, OWNER, ['Maja Svensson', 'Erik Lind']);
    classId = made.classId;
    maja = made.students[0]!;
  });

  after(async () => api?.close());

  async function race(batch: BuiltBatch, token: string, waitForConfirm: boolean): Promise<Race> {
    const confirm = api.request('POST', confirmPath(batch.batchId), { token, body: {} });
    // A confirm that fails before applyEvent (409 on its pre-check) never opens the gate: then go anyway.
    const start = waitForConfirm ? Promise.race([gate.entered(batch.batchId), confirm]) : Promise.resolve();
    const timeout = start.then(() => runTimeoutPath(api, batch.batchId));
    return { batch, confirm: await confirm, timeout: await timeout };
  }

  it(`when ${RACES} batches are confirmed and timed out at the same moment, then each has exactly one outcome and exactly one E10`, async () => {
    const token = await api.token(OWNER);
    // A confident essay (kept either way) and an unmatched one (UNKNOWN either way): both paths need the placeholder.
    const batches = await inGroups(Array.from({ length: RACES }, (_, i) => i), 25, () =>
      buildBatch(api.world, { ownerId: OWNER, classId, essays: [{ suggestions: [{ student: maja, confidence: 0.9 }] }, {}] }),
    );
    const races = await Promise.all(batches.map((batch, i) => race(batch, token, i % 2 === 0)));

    const outcomes = { teacher: 0, timeout: 0 };
    for (const { batch, confirm, timeout } of races) {
      const events = await confirmedEvents(api.world, batch.batchId);
      expect(events, batch.batchId).to.have.length(1);
      expect((await batchRow(api.world.knex, batch.batchId)).state).to.equal('ready');
      const triggered = (events[0]!.envelope.data as { timeout_triggered: boolean }).timeout_triggered;
      const methods = [...(await storedAssociations(api.world, batch.batchId)).values()].map((r) => r.validation_method);
      if (confirm.status === 200) {
        outcomes.teacher += 1;
        expect([triggered, timeout.status, methods]).to.deep.equal([false, 'ignored', ['human', 'human']]);
      } else {
        outcomes.timeout += 1;
        expect(confirm.status, JSON.stringify(confirm.body)).to.equal(409);
        expect(confirm.body.state).to.be.oneOf(['timedOut', 'ready']);
        expect([triggered, timeout.status, methods]).to.deep.equal([true, 'applied', ['timeout', 'timeout']]);
      }
    }
    expect(outcomes.teacher + outcomes.timeout).to.equal(RACES);
    // Both sides must have won somewhere, or this was not a race.
    expect(outcomes.teacher, JSON.stringify(outcomes)).to.be.greaterThan(0);
    expect(outcomes.timeout, JSON.stringify(outcomes)).to.be.greaterThan(0);
    expect(await unknownStudentsOf(api.world, classId)).to.have.length(1);
  });
});
