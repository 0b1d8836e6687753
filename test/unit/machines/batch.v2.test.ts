/**
 * Batch machine v2 (issue 14): v1 + REMATCH_REQUESTED in awaitingValidation → awaitingMatching with the
 * current roster, bounded per batch. Everything else behaves exactly like v1.
 */
import { expect } from 'chai';
import { initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { BATCH_STATES, MAX_REMATCHES, batchMachine, batchMachineV2, type BatchEvent, type BatchInput } from '../../../machines/batch/index.js';
import * as f from '../../support/batchFixtures.js';
import { BATCH_PATHS } from '../../support/batchPaths.js';

const input = f.buildBatchInput();
const toValidation: BatchEvent[] = [f.provisioned(1), f.provisioned(2), f.suggestions(f.ESSAY_IDS)];

function walk(machine: AnyStateMachine, events: readonly BatchEvent[], from: BatchInput = input) {
  let [snapshot, actions] = initialTransition(machine, from) as [AnyMachineSnapshot, { type: string; params?: unknown }[]];
  const steps = [{ state: snapshot.value, actions }];
  for (const event of events) {
    if (!snapshot.can(event)) throw new Error(`${event.type} not accepted in ${String(snapshot.value)}`);
    [snapshot, actions] = transition(machine, snapshot, event) as [AnyMachineSnapshot, { type: string; params?: unknown }[]];
    steps.push({ state: snapshot.value, actions });
  }
  return { snapshot, actions, steps };
}

const types = (actions: readonly { type: string }[]) => actions.map((a) => a.type);

describe('batch machine v2 — match again', () => {
  it('when a v2 batch awaiting validation gets REMATCH_REQUESTED, then it awaits matching again: validation timer cancelled, rematch recorded, a new request with a fresh re-request budget', () => {
    const { snapshot } = walk(batchMachineV2, toValidation);
    expect(snapshot.value).to.equal('awaitingValidation');
    const [next, actions] = transition(batchMachineV2, snapshot, f.rematchRequested());
    expect(next.value).to.equal('awaitingMatching');
    expect(types(actions)).to.deep.equal(['cancelTimer', 'recordRematch', 'requestMatching', 'scheduleTimer']);
    expect(actions[1]!.params).to.deep.equal({ rematch: 1, keepChoices: true, by: f.TEACHER_ID });
    expect(actions[2]!.params).to.deep.equal({ attempt: 1, essayIds: [...f.ESSAY_IDS], rematch: 1 });
    expect(next.context).to.include({ rematches: 1, matchingRerequests: 0 });
  });

  it('when the teacher says not to keep the choices, then the rematch action carries keepChoices false', () => {
    const { actions } = walk(batchMachineV2, [...toValidation, f.rematchRequested(false)]);
    expect(actions.find((a) => a.type === 'recordRematch')!.params).to.include({ keepChoices: false });
  });

  it('when new suggestions arrive after a rematch, then the batch awaits validation again and a confirmation makes it ready', () => {
    const { steps } = walk(batchMachineV2, [...toValidation, f.rematchRequested(), f.suggestions(f.ESSAY_IDS), f.confirmation(f.ESSAY_IDS)]);
    expect(steps.map((s) => s.state)).to.deep.equal(['provisioning', 'provisioning', 'awaitingMatching', 'awaitingValidation', 'awaitingMatching', 'awaitingValidation', 'ready']);
  });

  it(`when a batch was rematched ${MAX_REMATCHES} times, then one more REMATCH_REQUESTED is not accepted`, () => {
    const rounds = Array.from({ length: MAX_REMATCHES }, () => [f.rematchRequested(), f.suggestions(f.ESSAY_IDS)]).flat();
    const { snapshot } = walk(batchMachineV2, [...toValidation, ...rounds]);
    expect(snapshot.context.rematches).to.equal(MAX_REMATCHES);
    expect(snapshot.value).to.equal('awaitingValidation');
    expect(snapshot.can(f.rematchRequested())).to.equal(false);
  });

  it('when REMATCH_REQUESTED arrives in any other state, then v2 does not accept it', () => {
    for (const path of BATCH_PATHS.filter((p) => p.target !== 'awaitingValidation')) {
      const { snapshot } = walk(batchMachineV2, path.events, path.input);
      expect(snapshot.can(f.rematchRequested()), path.target).to.equal(false);
    }
  });

  it('when a v1 batch awaiting validation gets REMATCH_REQUESTED, then v1 does not accept it (pinned batches keep v1 behaviour)', () => {
    const { snapshot } = walk(batchMachine, toValidation);
    expect(snapshot.value).to.equal('awaitingValidation');
    expect(snapshot.can(f.rematchRequested())).to.equal(false);
  });

  it('when v2 walks every v1 path, then it reaches the same states with the same actions (only requestMatching gains rematch: 0)', () => {
    const v1Shape = (actions: readonly { type: string; params?: unknown }[]) =>
      actions.map((a) => (a.type === 'requestMatching' ? { ...a, params: { ...(a.params as object), rematch: undefined } } : a)).map((a) => JSON.parse(JSON.stringify({ type: a.type, params: a.params })));
    for (const path of BATCH_PATHS) {
      const v1 = walk(batchMachine, path.events, path.input).steps;
      const v2 = walk(batchMachineV2, path.events, path.input).steps;
      expect(v2.map((s) => s.state), path.target).to.deep.equal(v1.map((s) => s.state));
      expect(v2.map((s) => v1Shape(s.actions)), path.target).to.deep.equal(v1.map((s) => v1Shape(s.actions)));
      for (const step of v2) for (const a of step.actions) if (a.type === 'requestMatching') expect((a.params as { rematch: number }).rematch).to.equal(0);
    }
  });

  it('when v2 is registered, then it has exactly v1 states (so v1 → v2 never loses a state)', () => {
    expect(Object.keys(batchMachineV2.root.states)).to.deep.equal([...BATCH_STATES]);
    expect(Object.keys(batchMachine.root.states)).to.deep.equal([...BATCH_STATES]);
  });
});
