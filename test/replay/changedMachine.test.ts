/**
 * The test of the replay test (issue 14 acceptance): machines changed on purpose — a transition with
 * another target, an action with other params, a renamed state — must fail at least one recorded history,
 * while the same machine rebuilt unchanged passes them all (so the failures come from the change alone).
 */
import { expect } from 'chai';
import { createMachine, type AnyStateMachine } from 'xstate';
import type { PersistedSnapshot } from '../../actors/actorDefinition.js';
import { batchMachine } from '../../machines/batch/index.js';
import type { ReplayFixture } from './fixture.js';
import { loadReplayFixtures } from './fixtures.js';
import { replayFixture, type ReplayMismatch } from './replayHistory.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a machine config is edited structurally here, on purpose
type Config = any;

const V1 = loadReplayFixtures().filter(({ fixture }) => fixture.machineId === 'batch' && fixture.machineVersion === 1);

/** v1's config with `edit` applied, and v1's own guards and actions. */
function changedMachine(edit: (states: Config) => void): AnyStateMachine {
  const config = copyPlain(batchMachine.config) as Config;
  edit(config.states);
  return createMachine(config, batchMachine.implementations as never) as AnyStateMachine;
}

/** Copies plain objects and arrays; functions (param mappers, assigns, guards) are shared, not cloned. */
function copyPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyPlain);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyPlain(v)]));
  }
  return value;
}

function failures(machine: AnyStateMachine): { file: string; mismatch: ReplayMismatch }[] {
  // No snapshot schema here: a renamed state must reach the machine, not stop at parsing.
  const definition = { machine, parseSnapshot: (raw: unknown) => raw as PersistedSnapshot };
  return V1.flatMap(({ file, fixture }: { file: string; fixture: ReplayFixture }) => {
    const mismatch = replayFixture(definition, fixture);
    return mismatch ? [{ file, mismatch }] : [];
  });
}

describe('replay: a deliberately changed machine fails the recorded histories', () => {
  it('when v1 is rebuilt unchanged through the same path, then every history replays (the control)', () => {
    expect(V1.length).to.be.at.least(3);
    expect(failures(changedMachine(() => {}))).to.deep.equal([]);
  });

  it('when the validation deadline goes straight to ready, then the timeout history fails on its state', () => {
    const found = failures(changedMachine((states) => (states.awaitingValidation.on.VALIDATION_DEADLINE = 'ready')));
    const timeout = found.find((f) => f.file.includes('validation-timeout'));
    expect(timeout?.mismatch).to.include({ event: 'VALIDATION_DEADLINE', field: 'state', expected: 'timedOut', actual: 'ready' });
  });

  it('when an entry action gets other params, then the histories fail on their actions', () => {
    const found = failures(
      changedMachine((states) => {
        states.awaitingValidation.entry[1] = { type: 'notifyTeacher', params: { notice: 'validation_required', detail: { urgent: true } } };
      }),
    );
    expect(found.length).to.be.at.least(3);
    expect(found.every((f) => f.mismatch.field === 'actions')).to.equal(true);
  });

  it('when a state is renamed, then every history that passed through it fails', () => {
    const found = failures(
      changedMachine((states) => {
        states.awaitingTeacher = states.awaitingValidation;
        delete states.awaitingValidation;
        states.awaitingMatching.on.SUGGESTIONS_RECEIVED.target = 'awaitingTeacher';
        for (const branch of states.awaitingMatching.on.MATCHING_DEADLINE) if (branch.target === 'awaitingValidation') branch.target = 'awaitingTeacher';
      }),
    );
    const passingThrough = V1.filter(({ fixture }) => fixture.steps.some((s) => s.state === 'awaitingValidation')).map((f) => f.file);
    expect(found.map((f) => f.file)).to.have.members(passingThrough);
  });

  it('when an event is no longer accepted in a state, then a recorded step that applied it fails on its outcome', () => {
    const found = failures(changedMachine((states) => delete states.awaitingValidation.on.ASSOCIATION_CHANGED));
    expect(found.find((f) => f.file.includes('regular-edited'))?.mismatch).to.include({ event: 'ASSOCIATION_CHANGED', field: 'outcome', expected: 'applied', actual: 'ignored' });
  });
});
