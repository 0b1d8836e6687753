/**
 * The exported shortest paths (test/support/batchPaths.ts, generated with xstate/graph) checked against an
 * independent breadth-first search over `transition()` on the same alphabet, plus a timer ledger over
 * every reachable edge: the runtime's timer rows always match the state the batch is in.
 */
import { expect } from 'chai';
import { initialTransition, transition } from 'xstate';
import { BATCH_STATES, batchMachine, type BatchState } from '../../../machines/batch/index.js';
import { BATCH_PATHS, GRAPH_INPUTS, graphEvents, serializeBatch, type ClassType } from '../../support/batchPaths.js';
import { replay, stateOf, type BatchAction, type BatchSnapshot } from '../../support/machineSpec.js';

interface Edge { before: BatchSnapshot; after: BatchSnapshot; actions: BatchAction[] }

/** Hand-rolled BFS: distance to each state value, and every accepted edge, from one registration. */
function explore(classType: ClassType) {
  const [initial, initialActions] = initialTransition(batchMachine, GRAPH_INPUTS[classType]);
  const distance = new Map<BatchState, number>([[stateOf(initial), 0]]);
  const seen = new Set([serializeBatch(initial)]);
  const edges: Edge[] = [];
  let frontier = [initial];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: BatchSnapshot[] = [];
    for (const before of frontier) {
      for (const event of graphEvents(before).filter((e) => before.can(e))) {
        const [after, actions] = transition(batchMachine, before, event);
        edges.push({ before, after, actions });
        if (!distance.has(stateOf(after))) distance.set(stateOf(after), depth);
        if (!seen.has(serializeBatch(after))) (seen.add(serializeBatch(after)), next.push(after));
      }
    }
    frontier = next;
  }
  return { initialActions, distance, edges };
}

const CLASS_TYPES: ClassType[] = ['REGULAR', 'GUEST'];
const graphs = Object.fromEntries(CLASS_TYPES.map((c) => [c, explore(c)])) as Record<ClassType, ReturnType<typeof explore>>;

describe('batch machine — shortest paths', () => {
  it('when the paths are generated, then every state of the statechart is the target of one', () => {
    expect([...new Set(BATCH_PATHS.map((p) => p.target))]).to.have.members([...BATCH_STATES]);
  });

  for (const classType of CLASS_TYPES) {
    it(`when a ${classType} batch is explored, then the exported targets are exactly the reachable states`, () => {
      const exported = BATCH_PATHS.filter((p) => p.classType === classType).map((p) => p.target);
      expect(exported).to.have.members([...graphs[classType].distance.keys()]);
    });
  }

  it('when a GUEST batch is explored, then it never reaches matching, validation or a timeout (G12)', () => {
    expect([...graphs.GUEST.distance.keys()]).to.have.members(['provisioning', 'ready', 'failed', 'cancelled']);
  });

  for (const path of BATCH_PATHS) {
    it(`when the ${path.classType} path to ${path.target} is replayed, then every event is accepted, it ends there and it is shortest`, () => {
      expect(stateOf(replay(path.input, path.events))).to.equal(path.target);
      expect(path.events.length).to.equal(graphs[path.classType].distance.get(path.target));
    });
  }
});

/** The timer each state owns (ARCHITECTURE §2: deadlines are timer rows, never XState `after`). */
const TIMER_OF: Record<BatchState, string | null> = {
  provisioning: 'provisioning', awaitingMatching: 'matching', awaitingValidation: 'validation',
  timedOut: 'policy', ready: null, failed: null, cancelled: null,
};

/** Applies schedule/cancel intents to the set of armed timers the way the runtime's `timers` table would. */
function ledger(armed: Set<string>, actions: BatchAction[]): Set<string> {
  const result = new Set(armed);
  for (const action of actions) {
    const key = (action.params as { key?: string } | undefined)?.key ?? '';
    if (action.type === 'cancelTimer') expect(result.delete(key), `cancelTimer(${key}) of an armed timer`).to.equal(true);
    if (action.type === 'scheduleTimer') {
      expect(result.has(key), `scheduleTimer(${key}) while already armed`).to.equal(false);
      result.add(key);
    }
  }
  return result;
}

const armedIn = (state: BatchState) => new Set(TIMER_OF[state] ? [TIMER_OF[state]] : []);

describe('batch machine — timers', () => {
  for (const classType of CLASS_TYPES) {
    it(`when any accepted event moves a ${classType} batch, then exactly the new state's timer is armed afterwards`, () => {
      const { initialActions, edges } = graphs[classType];
      expect([...ledger(new Set(), initialActions)]).to.deep.equal(['provisioning']);
      expect(edges.length).to.be.greaterThan(10);
      for (const { before, after, actions } of edges) {
        const armed = ledger(armedIn(stateOf(before)), actions);
        expect([...armed], `${stateOf(before)} → ${stateOf(after)}`).to.have.members([...armedIn(stateOf(after))]);
      }
    });
  }
});
