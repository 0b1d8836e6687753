import { h } from '../dom.js';

// Batch states in words (the badge always carries text, so state never depends on colour alone).
const LABELS = {
  provisioning: 'Waiting for files',
  awaitingMatching: 'Finding the authors',
  awaitingValidation: 'Needs your check',
  timedOut: 'Deadline passed',
  ready: 'Ready',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** `withCode` adds the machine's state name, which the API and the operators use. */
export function stateBadge(state, { id, withCode = false } = {}) {
  const label = LABELS[state] ?? state;
  return h('span', { class: `state state-${state}`, 'data-state': state, id }, withCode && label !== state ? `${label} (${state})` : label);
}

export const isFinal = (state) => state === 'ready' || state === 'failed' || state === 'cancelled';
