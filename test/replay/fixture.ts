/**
 * The replay fixture format (issue 14 §3): a batch history recorded from an end-to-end scenario, with the
 * machine id and version that wrote it, every step's machine event and what the machine did — the
 * resulting state and the actions, in a normalised form (ids and timestamps replaced) so a fixture is
 * stable across recordings and never holds a real id.
 */

export interface RecordedAction {
  type: string;
  params?: unknown;
}

export interface ReplayStep {
  /** `xstate.init` (with the registration input) for step 0, then the machine event the runtime applied. */
  event: { type: string; [field: string]: unknown };
  /** `ignored`: the runtime journaled it as not accepted in this state (snapshot.can was false). */
  outcome: 'applied' | 'ignored';
  state: string;
  actions: RecordedAction[];
}

export interface ReplayFixture {
  scenario: string;
  machineId: string;
  machineVersion: number;
  input: Record<string, unknown>;
  steps: ReplayStep[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

/**
 * Replaces every uuid by `id-N` (N in order of first appearance, one N per distinct uuid, so equal ids stay
 * equal and different ones stay different) and every ISO timestamp by `<time>`. Also drops `undefined`
 * fields the way the journal's JSON does. Idempotent: a normalised value normalises to itself.
 */
export function createNormaliser(): (value: unknown) => unknown {
  const ids = new Map<string, string>();
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (UUID.test(value)) {
        if (!ids.has(value)) ids.set(value, `id-${ids.size + 1}`);
        return ids.get(value);
      }
      return ISO_TIME.test(value) ? '<time>' : value;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return walk;
}
