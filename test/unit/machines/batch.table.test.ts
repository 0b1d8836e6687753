/**
 * Every (state, event type) pair, each state reached by its exported shortest path: the event either
 * transitions or is not accepted (`can()` false, what the runtime journals as ignored) — never throws.
 * Then the same states survive a JSON round-trip (the snapshot lives in jsonb; aesthetics example 11).
 */
import { expect } from 'chai';
import { transition } from 'xstate';
import { BATCH_EVENT_TYPES, batchMachine, provisionedEssayIds, type BatchEventType, type BatchState } from '../../../machines/batch/index.js';
import { sampleEvent } from '../../support/batchFixtures.js';
import { BATCH_PATHS } from '../../support/batchPaths.js';
import { replay, type BatchSnapshot } from '../../support/machineSpec.js';

/** ARCHITECTURE §3 (+ issue 4: DELETE cancels any non-final batch). Everything else is ignored. */
const ACCEPTS: Record<BatchState, readonly BatchEventType[]> = {
  provisioning: ['CONTENT_PROVISIONED', 'CONTENT_REJECTED', 'PROVISIONING_DEADLINE', 'CANCEL'],
  awaitingMatching: ['SUGGESTIONS_RECEIVED', 'MATCHING_DEADLINE', 'CANCEL'],
  awaitingValidation: ['ASSOCIATION_CHANGED', 'TEACHER_CONFIRMED', 'VALIDATION_DEADLINE', 'CANCEL'],
  timedOut: ['TIMEOUT_POLICY_APPLIED', 'POLICY_DEADLINE', 'CANCEL'],
  ready: [],
  failed: [],
  cancelled: [],
};

const eventFor = (type: BatchEventType, snapshot: BatchSnapshot) => sampleEvent(type, provisionedEssayIds(snapshot.context));

describe('batch machine — every (state, event) pair', () => {
  for (const path of BATCH_PATHS) {
    describe(`${path.target} (${path.classType})`, () => {
      for (const type of BATCH_EVENT_TYPES) {
        const accepted = ACCEPTS[path.target].includes(type);
        it(`when ${type} arrives, then it is ${accepted ? 'accepted and has an effect' : 'ignored without effect'}`, () => {
          const before = replay(path.input, path.events);
          const event = eventFor(type, before);

          let result: ReturnType<typeof transition<typeof batchMachine>> | undefined;
          expect(() => (result = transition(batchMachine, before, event))).not.to.throw();
          const [next, actions] = result!;

          expect(before.can(event), `can(${type}) in ${path.target}`).to.equal(accepted);
          if (accepted) {
            const changed = next.value !== before.value || JSON.stringify(next.context) !== JSON.stringify(before.context);
            expect(changed || actions.length > 0, 'an accepted event changes the state or emits an intent').to.equal(true);
          } else {
            expect(next.value).to.equal(before.value);
            expect(next.context).to.deep.equal(before.context);
            expect(actions).to.deep.equal([]);
          }
        });
      }
    });
  }
});

describe('batch machine — persistence round-trip', () => {
  for (const path of BATCH_PATHS) {
    it(`when a ${path.classType} snapshot in ${path.target} is restored from JSON, then it accepts exactly the same events with the same outcome`, () => {
      const original = replay(path.input, path.events);
      const stored = JSON.parse(JSON.stringify({ value: original.value, context: original.context }));
      const restored = batchMachine.resolveState(stored);

      expect(restored.value).to.equal(path.target);
      expect(restored.status).to.equal(original.status);
      for (const type of BATCH_EVENT_TYPES) {
        const event = eventFor(type, original);
        expect(restored.can(event), `can(${type}) after restore`).to.equal(original.can(event));
        const [fromOriginal, originalActions] = transition(batchMachine, original, event);
        const [fromRestored, restoredActions] = transition(batchMachine, restored, event);
        expect({ value: fromRestored.value, context: fromRestored.context }).to.deep.equal({ value: fromOriginal.value, context: fromOriginal.context });
        expect(restoredActions.map((a) => [a.type, a.params])).to.deep.equal(originalActions.map((a) => [a.type, a.params]));
      }
    });
  }
});
