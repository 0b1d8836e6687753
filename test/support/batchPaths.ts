/**
 * Shortest event paths from registration to every state of the batch machine, generated with
 * `xstate/graph` (aesthetics example 12). Exported as plain data so an integration test can replay each
 * path through the real runtime on Postgres and compare state, journal and outbox at every step.
 */
import { getShortestPaths } from 'xstate/graph';
import { batchMachine, provisionedEssayIds, type BatchEvent, type BatchInput, type BatchState } from '../../machines/batch/index.js';
import * as f from './batchFixtures.js';
import type { BatchSnapshot } from './machineSpec.js';

export type ClassType = 'GUEST' | 'REGULAR';

export interface BatchPath {
  target: BatchState;
  classType: ClassType;
  /** The registration the events apply to (a batch of two essays). */
  input: BatchInput;
  events: BatchEvent[];
}

export const GRAPH_INPUTS: Record<ClassType, BatchInput> = { REGULAR: f.buildBatchInput(), GUEST: f.buildGuestInput() };

/**
 * The finite alphabet: two good files, two bad ones, every deadline, and the matcher/teacher/class
 * answers for whatever essays are provisioned in `snapshot` (so a confirmation covers the batch).
 */
export function graphEvents(snapshot: BatchSnapshot): BatchEvent[] {
  const ids = provisionedEssayIds(snapshot.context);
  return [
    f.provisioned(1), f.provisioned(2), f.rejected(1), f.rejected(2), f.provisioningDeadline(),
    f.suggestions(ids), f.matchingDeadline(),
    f.associationChanged(ids[0] ?? f.ESSAY_IDS[0]), f.confirmation(ids), f.validationDeadline(),
    f.timeoutPolicyApplied(ids), f.cancel(),
  ];
}

/**
 * A vertex is the state value + slot statuses + re-request count. Content keys, teacher choices and
 * payloads are left out on purpose: they would multiply vertices without adding a state to reach.
 */
export function serializeBatch(snapshot: BatchSnapshot): string {
  const { slots, matchingRerequests } = snapshot.context;
  return `${JSON.stringify(snapshot.value)}|${slots.map((s) => s.status).join(',')}|${matchingRerequests}`;
}

/** Traversal options shared by the path generator and the tests that walk the same graph. */
export function graphOptions(classType: ClassType) {
  return {
    input: GRAPH_INPUTS[classType],
    events: graphEvents,
    // Only accepted events are edges: ignored ones are self-loops the table test covers.
    filterEvents: (snapshot: BatchSnapshot, event: BatchEvent) => snapshot.can(event),
    serializeState: serializeBatch,
  };
}

/** One shortest path per state value reachable from `classType`'s registration. */
export function shortestBatchPaths(classType: ClassType): BatchPath[] {
  const input = GRAPH_INPUTS[classType];
  const paths = getShortestPaths(batchMachine, graphOptions(classType));
  const best = new Map<BatchState, BatchPath>();
  for (const path of paths) {
    const target = path.state.value as BatchState;
    // Step 0 is the synthetic `xstate.init` (the registration itself); each later step ends in `step.state`.
    const events = path.steps.slice(1).map((step) => step.event);
    const known = best.get(target);
    if (!known || events.length < known.events.length) best.set(target, { target, classType, input, events });
  }
  return [...best.values()];
}

export const BATCH_PATHS: readonly BatchPath[] = [...shortestBatchPaths('REGULAR'), ...shortestBatchPaths('GUEST')];

/** The shortest exported path to `target` (REGULAR first on ties, since it passes through more states). */
export function pathTo(target: BatchState, classType?: ClassType): BatchPath {
  const candidates = BATCH_PATHS.filter((p) => p.target === target && (!classType || p.classType === classType));
  const path = candidates.reduce<BatchPath | undefined>((a, b) => (!a || b.events.length < a.events.length ? b : a), undefined);
  if (!path) throw new Error(`no path to ${target}${classType ? ` for ${classType}` : ''}`);
  return path;
}
