/**
 * Replays a recorded history through a machine version the way the runtime runs it (issue 14 §3, the
 * analogue of Temporal's replayer): init with the recorded input, then per step restore the persisted
 * snapshot (JSON round trip + the definition's parseSnapshot + resolveState), `can(event)` decides applied
 * vs ignored, `transition()` gives the next state and the actions. Any difference is reported at the first
 * step where it appears (later steps would only repeat it).
 */
import { isDeepStrictEqual } from 'node:util';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { ActorDefinition } from '../../actors/actorDefinition.js';
import { stateName } from '../../actors/actorRuntime.js';
import { createNormaliser, type RecordedAction, type ReplayFixture, type ReplayStep } from './fixture.js';

export interface ReplayMismatch {
  step: number;
  event: string;
  field: 'outcome' | 'state' | 'actions' | 'error';
  expected: unknown;
  actual: unknown;
}

type Replayable = Pick<ActorDefinition, 'machine' | 'parseSnapshot'>;

/** null when every step gives the recorded outcome, state and actions; else the first difference. */
export function replayFixture(definition: Replayable, fixture: ReplayFixture): ReplayMismatch | null {
  const [first, ...rest] = fixture.steps;
  if (!first) return null;
  let snapshot: AnyMachineSnapshot;
  try {
    const [initial, actions] = initialTransition(definition.machine, fixture.input);
    const mismatch = compare(0, first, { outcome: 'applied', state: stateName(initial), actions });
    if (mismatch) return mismatch;
    snapshot = initial;
  } catch (error) {
    return { step: 0, event: first.event.type, field: 'error', expected: 'no error', actual: String(error) };
  }
  for (const [i, step] of rest.entries()) {
    const index = i + 1;
    try {
      const restored = restore(definition, snapshot);
      if (!restored.can(step.event)) {
        const mismatch = compare(index, step, { outcome: 'ignored', state: stateName(restored), actions: [] });
        if (mismatch) return mismatch;
        snapshot = restored;
        continue;
      }
      const [next, actions] = transition(definition.machine, restored, step.event);
      const mismatch = compare(index, step, { outcome: 'applied', state: stateName(next), actions });
      if (mismatch) return mismatch;
      snapshot = next;
    } catch (error) {
      return { step: index, event: step.event.type, field: 'error', expected: 'no error', actual: String(error) };
    }
  }
  return null;
}

/** What applyEvent does between two events: the snapshot goes through jsonb and back. */
function restore(definition: Replayable, snapshot: AnyMachineSnapshot): AnyMachineSnapshot {
  const persisted = definition.parseSnapshot(JSON.parse(JSON.stringify({ value: snapshot.value, context: snapshot.context })));
  return definition.machine.resolveState({ value: persisted.value as never, context: persisted.context as never });
}

interface Observed {
  outcome: ReplayStep['outcome'];
  state: string;
  actions: readonly { type: string; params?: unknown }[];
}

function compare(index: number, step: ReplayStep, observed: Observed): ReplayMismatch | null {
  const at = (field: ReplayMismatch['field'], expected: unknown, actual: unknown): ReplayMismatch => ({ step: index, event: step.event.type, field, expected, actual });
  if (observed.outcome !== step.outcome) return at('outcome', step.outcome, observed.outcome);
  if (observed.state !== step.state) return at('state', step.state, observed.state);
  const actions = normaliseActions(observed.actions);
  const expected = normaliseActions(step.actions);
  return isDeepStrictEqual(actions, expected) ? null : at('actions', expected, actions);
}

/** The journal's form of actions (type + params through JSON), then ids and timestamps normalised. */
export function normaliseActions(actions: readonly { type: string; params?: unknown }[]): RecordedAction[] {
  const journaled = JSON.parse(JSON.stringify(actions.map((a) => ({ type: a.type, params: a.params })))) as RecordedAction[];
  return createNormaliser()(journaled) as RecordedAction[];
}
