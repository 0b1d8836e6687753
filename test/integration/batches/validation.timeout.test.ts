/**
 * The timeout policy (flow-spec §6, issue 4 §6) on real PostgreSQL: the policy table, duplicate and
 * concurrent triggers (G8), poison messages, and the consumer on a real bus.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { ActorNotFoundError } from '../../../actors/errors.js';
import { createTimeoutPolicyConsumer, TIMEOUT_POLICY_GROUP } from '../../../src/batches/validation/index.js';
import { newEnvelope, TOPICS } from '../../../src/contracts/index.js';
import { createDeadLetterSink } from '../../../src/db/deadLetterRepository.js';
import { createSilentLogger } from '../../../src/logger.js';
import { PoisonMessageError } from '../../../src/streams/bus.js';
import { InProcessBus } from '../../../src/streams/inProcessBus.js';
import { applyCommandEvent, batchRow, buildBatch, createClassWithRoster, outboxOf, type EssaySpec, type RosterStudent } from '../../support/batchBuilder.js';
import { waitFor } from '../../support/waitFor.js';
import {
  confirmedEvents, essayPath, fireValidationDeadline, OWNER, runTimeoutPath, startValidationApi, storedAssociations, timeoutTrigger, unknownStudentsOf,
  type ValidationApi,
} from './validationHarness.js';

describe('validation timeout policy', function () {
  let api: ValidationApi;
  let classId: string;
  let maja: RosterStudent, erik: RosterStudent, sara: RosterStudent, olle: RosterStudent;

  before(async function () {
    api = await startValidationApi();
    const made = await createClassWithRoster(api.world.knex, OWNER, ['Maja Svensson', 'Erik Lind', 'Sara Berg', 'Olle Ek']);
    classId = made.classId;
    [maja, erik, sara, olle] = made.students as [RosterStudent, RosterStudent, RosterStudent, RosterStudent];
  });

  after(async () => api?.close());

  const validating = (essays: EssaySpec[], inClass = classId) => buildBatch(api.world, { ownerId: OWNER, classId: inClass, essays });

  it('when the deadline passes, then teacher choices stay human, a suggestion at 0.7 is kept, and 0.69, ambiguous 0.65 and unmatched go to UNKNOWN', async () => {
    const { batchId, essayIds } = await validating([
      { suggestions: [{ student: maja, confidence: 0.5 }] }, // [0] the teacher picks Olle
      { suggestions: [{ student: erik, confidence: 0.7 }] }, // [1] kept: 0.7 is inclusive
      { suggestions: [{ student: sara, confidence: 0.69 }] }, // [2] just below
      { suggestions: [{ student: sara, confidence: 0.65 }, { student: erik, confidence: 0.6 }], noMatchReason: 'ambiguous' }, // [3]
      {}, // [4] unmatched
      { suggestions: [{ student: maja, confidence: 0.95 }] }, // [5] the teacher says UNKNOWN
    ]);
    const token = await api.token(OWNER);
    await api.request('PUT', essayPath(batchId, essayIds[0]!), { token, body: { student_id: olle.id } });
    await api.request('PUT', essayPath(batchId, essayIds[5]!), { token, body: { unknown: true } });
    await runTimeoutPath(api, batchId);
    expect((await batchRow(api.world.knex, batchId)).state).to.equal('ready');
    const [unknownId] = await unknownStudentsOf(api.world, classId);
    const stored = await storedAssociations(api.world, batchId);
    const row = (i: number) => stored.get(essayIds[i]!)!;
    expect(row(0)).to.include({ student_id: olle.id, student_name: 'Olle Ek', validation_method: 'human', validated_by: OWNER });
    expect(row(1)).to.include({ student_id: erik.id, validation_method: 'timeout', validated_by: 'SYSTEM_TIMEOUT' });
    for (const i of [2, 3, 4]) expect(row(i), `essay ${i}`).to.include({ student_id: unknownId, student_name: 'UNKNOWN STUDENT', validation_method: 'timeout', validated_by: 'SYSTEM_TIMEOUT' });
    expect(row(5)).to.include({ student_id: unknownId, validation_method: 'human', validated_by: OWNER });
    const [e10] = await confirmedEvents(api.world, batchId);
    const data = e10!.envelope.data as { timeout_triggered: boolean; validation_summary: unknown; associations: { confidence_score: number }[] };
    expect(data.timeout_triggered).to.equal(true);
    expect(data.validation_summary).to.deep.equal({ human: 2, timeout: 4, auto: 0 });
    expect(data.associations.map((a) => a.confidence_score)).to.deep.equal([1, 0.7, 0, 0, 0, 0]);
    expect(await outboxOf(api.world.knex, batchId, TOPICS.batchEssaysReady)).to.have.length(1);
  });

  it('when a confident suggestion names a student who left the class during validation, then the timeout sends the essay to UNKNOWN', async () => {
    const leaver = (await createClassWithRoster(api.world.knex, OWNER, [])).classId;
    const { students } = await createClassWithRoster(api.world.knex, OWNER, ['Kim Leaving']);
    await api.world.knex('class_students').insert({ class_id: leaver, student_id: students[0]!.id });
    const { batchId, essayIds } = await validating([{ suggestions: [{ student: students[0]!, confidence: 0.97 }] }], leaver);
    await api.world.knex('class_students').where({ class_id: leaver }).delete();
    await runTimeoutPath(api, batchId);
    const [unknownId] = await unknownStudentsOf(api.world, leaver);
    expect((await storedAssociations(api.world, batchId)).get(essayIds[0]!)).to.include({ student_id: unknownId, validation_method: 'timeout' });
  });

  it('when every suggestion is kept, then no UNKNOWN student is created', async () => {
    const quiet = (await createClassWithRoster(api.world.knex, OWNER, [])).classId;
    await api.world.knex('class_students').insert({ class_id: quiet, student_id: maja.id });
    const { batchId } = await validating([{ suggestions: [{ student: maja, confidence: 0.9 }] }], quiet);
    await runTimeoutPath(api, batchId);
    expect((await batchRow(api.world.knex, batchId)).state).to.equal('ready');
    expect(await unknownStudentsOf(api.world, quiet)).to.deep.equal([]);
  });

  it('G8: when the same trigger is delivered twice at once, then one UNKNOWN student, one E10, and the second is an inbox duplicate', async () => {
    const fresh = (await createClassWithRoster(api.world.knex, OWNER, [])).classId;
    const { batchId } = await validating([{}, {}], fresh);
    expect((await fireValidationDeadline(api.world, batchId)).status).to.equal('applied');
    const trigger = await timeoutTrigger(api.world, batchId);
    await Promise.all([api.policy(trigger), api.policy({ ...trigger, deliveries: 2 })]);
    expect(await unknownStudentsOf(api.world, fresh)).to.have.length(1);
    expect(await confirmedEvents(api.world, batchId)).to.have.length(1);
    const inbox = await api.world.knex('inbox').where({ consumer: TIMEOUT_POLICY_GROUP, batch_id: batchId });
    expect(inbox).to.have.length(1);
  });

  it('G8: when two different triggers for one batch (the first and a re-request) are handled at once, then one UNKNOWN student and one E10', async () => {
    const fresh = (await createClassWithRoster(api.world.knex, OWNER, [])).classId;
    const { batchId } = await validating([{}, {}, {}], fresh);
    await fireValidationDeadline(api.world, batchId);
    expect((await applyCommandEvent(api.world, batchId, { type: 'POLICY_DEADLINE' })).status).to.equal('applied');
    const triggers = await outboxOf(api.world.knex, batchId, TOPICS.validationTimeoutRequested);
    expect(triggers).to.have.length(2);
    const entries = triggers.map((t) => ({ stream: TOPICS.validationTimeoutRequested, id: `${t.id}-0`, envelope: JSON.stringify(t.envelope), deliveries: 1 }));
    await Promise.all(entries.map((entry) => api.policy(entry)));
    expect(await unknownStudentsOf(api.world, fresh)).to.have.length(1);
    expect(await confirmedEvents(api.world, batchId)).to.have.length(1);
    expect((await batchRow(api.world.knex, batchId)).state).to.equal('ready');
  });

  it('when a trigger is redelivered after the batch is ready, then nothing changes', async () => {
    const { batchId } = await validating([{ suggestions: [{ student: erik, confidence: 0.8 }] }]);
    await runTimeoutPath(api, batchId);
    const before = await storedAssociations(api.world, batchId);
    const { version } = await batchRow(api.world.knex, batchId);
    await api.policy(await timeoutTrigger(api.world, batchId, 3));
    expect(await storedAssociations(api.world, batchId)).to.deep.equal(before);
    expect((await batchRow(api.world.knex, batchId)).version).to.equal(version);
  });

  it('when a trigger is malformed, then it is poison (dead-lettered at once)', async () => {
    const entry = { stream: TOPICS.validationTimeoutRequested, id: '1-0', deliveries: 1 };
    for (const envelope of ['{not json', JSON.stringify({ event_id: 'x' }), JSON.stringify(newEnvelope({ eventType: TOPICS.validationTimeoutRequested, data: { batch_id: 'b' }, correlationId: randomUUID(), sourceService: 't' }))]) {
      let error: unknown;
      await api.policy({ ...entry, envelope }).catch((e: unknown) => (error = e));
      expect(error, envelope).to.be.instanceOf(PoisonMessageError);
    }
  });

  it('when a trigger names a batch that does not exist, then the handler fails so the bus retries and then dead-letters it', async () => {
    const data = { event: 'batch.validation.timeout.requested', batch_id: randomUUID(), class_id: classId, user_id: OWNER, timestamp: new Date().toISOString() };
    const envelope = newEnvelope({ eventType: TOPICS.validationTimeoutRequested, data, correlationId: randomUUID(), sourceService: 't' });
    let error: unknown;
    await api.policy({ stream: TOPICS.validationTimeoutRequested, id: '1-0', envelope: JSON.stringify(envelope), deliveries: 1 }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(ActorNotFoundError);
  });

  it('when the consumer runs on a bus, then a published trigger brings the batch to ready', async () => {
    const bus = new InProcessBus(api.world.knex, { claimIdleMs: 500, maxDeliveries: 5, deadLetters: createDeadLetterSink(api.world.knex), logger: createSilentLogger(), blockMs: 50 });
    const prefix = `vt-${randomUUID().slice(0, 8)}:`;
    const key = (topic: string) => `${prefix}${topic}`;
    const subscription = await createTimeoutPolicyConsumer({ bus, store: api.world.deps.store, runtime: api.world.runtime, logger: createSilentLogger(), streamKey: key, consumer: 'policy-1' });
    try {
      const { batchId } = await validating([{ suggestions: [{ student: sara, confidence: 0.75 }] }]);
      await fireValidationDeadline(api.world, batchId);
      const [trigger] = await outboxOf(api.world.knex, batchId, TOPICS.validationTimeoutRequested);
      await bus.publish(key(TOPICS.validationTimeoutRequested), trigger!.envelope);
      await waitFor(async () => (await batchRow(api.world.knex, batchId)).state === 'ready', { message: 'the policy consumer answered' });
      expect(await confirmedEvents(api.world, batchId)).to.have.length(1);
    } finally {
      await subscription.stop();
      await bus.close();
    }
  });
});
