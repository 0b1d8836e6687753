/**
 * Given/when/then over XState's pure `transition()`, after Emmett's DeciderSpecification
 * (aesthetics example 3): `givenBatch(input).after(...facts).when(event).thenState(...).thenActions([...])`.
 * Nothing is executed: the named actions are only the intents the runtime would turn into rows.
 */
import { expect } from 'chai';
import { initialTransition, transition, type ExecutableActionsFrom, type SnapshotFrom } from 'xstate';
import { batchMachine, type BatchEvent, type BatchInput, type BatchState } from '../../machines/batch/index.js';

export type BatchSnapshot = SnapshotFrom<typeof batchMachine>;
export type BatchAction = ExecutableActionsFrom<typeof batchMachine>;
/** An action type, or a type plus the params it must (at least) carry. */
export type ActionExpectation = string | { type: string; params?: Record<string, unknown> };

/** Replays `events` from the initial state; every one must be accepted, so a broken setup fails loudly. */
export function replay(input: BatchInput, events: readonly BatchEvent[]): BatchSnapshot {
  let [snapshot] = initialTransition(batchMachine, input);
  for (const event of events) {
    if (!snapshot.can(event)) throw new Error(`given: ${event.type} is not accepted in ${stateOf(snapshot)}`);
    [snapshot] = transition(batchMachine, snapshot, event);
  }
  return snapshot;
}

export const stateOf = (snapshot: BatchSnapshot) => snapshot.value as BatchState;

export function givenBatch(input: BatchInput) {
  return new Given(input, []);
}

class Given {
  constructor(
    private readonly input: BatchInput,
    private readonly events: readonly BatchEvent[],
  ) {}

  after(...events: BatchEvent[]): Given {
    return new Given(this.input, [...this.events, ...events]);
  }

  /** The registration itself (initialTransition): for the entry actions of `provisioning`. */
  whenRegistered(): Then {
    const [next, actions] = initialTransition(batchMachine, this.input);
    return new Then(null, null, next, actions);
  }

  when(event: BatchEvent): Then {
    const before = replay(this.input, this.events);
    const [next, actions] = transition(batchMachine, before, event);
    return new Then(before, event, next, actions);
  }
}

class Then {
  constructor(
    readonly before: BatchSnapshot | null,
    readonly event: BatchEvent | null,
    readonly snapshot: BatchSnapshot,
    readonly actions: BatchAction[],
  ) {}

  /** An accepted event that ends in `state`; "stayed put because ignored" does not count. */
  thenState(state: BatchState): this {
    if (this.before && this.event) expect(this.before.can(this.event), `${this.event.type} accepted in ${stateOf(this.before)}`).to.equal(true);
    expect(this.snapshot.value).to.equal(state);
    return this;
  }

  /** Exactly these actions, in this order; object entries also check their params (partially). */
  thenActions(expected: ActionExpectation[]): this {
    expect(this.actions.map((a) => a.type)).to.deep.equal(expected.map((e) => (typeof e === 'string' ? e : e.type)));
    expected.forEach((e, i) => {
      if (typeof e === 'string' || !e.params) return;
      expect(this.actions[i]?.params, `params of ${e.type} (#${i})`).to.deep.include(e.params);
    });
    return this;
  }

  /** Not accepted (what the runtime journals as ignored): no state change, no context change, no intent. */
  thenIgnored(): this {
    if (!this.before || !this.event) throw new Error('thenIgnored needs when(event)');
    expect(this.before.can(this.event), `${this.event.type} accepted in ${stateOf(this.before)}`).to.equal(false);
    expect(this.snapshot.value).to.equal(this.before.value);
    expect(this.snapshot.context).to.deep.equal(this.before.context);
    expect(this.actions).to.deep.equal([]);
    return this;
  }

  /** Escape hatch for context assertions (not named `then`: that would make the spec a thenable). */
  thenSatisfies(assert: (snapshot: BatchSnapshot, actions: BatchAction[]) => void): this {
    assert(this.snapshot, this.actions);
    return this;
  }
}
