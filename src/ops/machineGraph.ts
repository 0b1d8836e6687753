/**
 * The statechart as JSON for the inspector, derived at runtime from the machine definition itself (its
 * `root` state node), so the drawing can never drift from the code the runtime executes (runtime-anchors
 * §7.7). Guards and actions are named, not evaluated: this is the shape of the chart, not a simulation.
 */
import type { AnyStateMachine } from 'xstate';

export interface GraphState {
  /** Dotted path below the root (`awaitingValidation`, or `parent.child` for nested states). */
  id: string;
  parent: string | null;
  type: string;
  initial: string | null;
  entry: string[];
  exit: string[];
}

export interface GraphTransition {
  source: string;
  /** Null for a targetless transition: actions only, the state is not left. */
  target: string | null;
  /** The event type, or `always` for an eventless branch. */
  event: string;
  guard: string | null;
  /** A self-transition that exits and re-enters (entry actions run again). */
  reenter: boolean;
  actions: string[];
  /** What the diagram writes on the arrow: `EVENT [guard]`. */
  label: string;
}

export interface MachineGraph {
  machineId: string;
  initial: string | null;
  states: GraphState[];
  transitions: GraphTransition[];
  /** Every event type some transition listens to, in declaration order. */
  events: string[];
}

/** Structural view of xstate's StateNode (the fields we read), so we do not depend on internal types. */
interface NodeLike {
  key: string;
  type: string;
  path: string[];
  states: Record<string, NodeLike>;
  initial?: { target: readonly NodeLike[] } | undefined;
  entry: readonly unknown[];
  exit: readonly unknown[];
  transitions: Map<string, readonly TransitionLike[]>;
  always?: readonly TransitionLike[] | undefined;
}

interface TransitionLike {
  target?: readonly NodeLike[] | undefined;
  guard?: unknown;
  reenter?: boolean;
  actions: readonly unknown[];
}

export function machineGraph(machineId: string, machine: AnyStateMachine): MachineGraph {
  const root = machine.root as unknown as NodeLike;
  const states: GraphState[] = [];
  const transitions: GraphTransition[] = [];
  const walk = (node: NodeLike) => {
    for (const child of Object.values(node.states)) {
      const id = idOf(child);
      states.push({
        id,
        parent: node === root ? null : idOf(node),
        type: child.type,
        initial: child.initial?.target[0] ? idOf(child.initial.target[0]) : null,
        entry: child.entry.map(actionName),
        exit: child.exit.map(actionName),
      });
      for (const [event, list] of child.transitions) for (const t of list) transitions.push(edge(id, event, t));
      for (const t of child.always ?? []) transitions.push(edge(id, 'always', t));
      walk(child);
    }
  };
  walk(root);
  const events = [...new Set(transitions.map((t) => t.event).filter((e) => e !== 'always'))];
  const initial = root.initial?.target[0];
  return { machineId, initial: initial ? idOf(initial) : null, states, transitions, events };
}

const idOf = (node: NodeLike) => node.path.join('.');

function edge(source: string, event: string, t: TransitionLike): GraphTransition {
  const guard = t.guard === undefined ? null : guardName(t.guard);
  const target = t.target?.[0] ? idOf(t.target[0]) : null;
  return { source, target, event, guard, reenter: Boolean(t.reenter), actions: t.actions.map(actionName), label: guard ? `${event} [${guard}]` : event };
}

/** `and([...])`, `or([...])`, `not(...)` are functions carrying their operands; named guards are strings or `{ type }`. */
function guardName(guard: unknown): string {
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    const fn = guard as { check?: { name?: string }; guards?: unknown[]; guard?: unknown; name?: string };
    const op = fn.check?.name;
    if (op === 'checkAnd' && fn.guards) return fn.guards.map(guardName).join(' && ');
    if (op === 'checkOr' && fn.guards) return fn.guards.map(guardName).join(' || ');
    if (op === 'checkNot' && fn.guard !== undefined) return `!${guardName(fn.guard)}`;
    return fn.name || 'inline guard';
  }
  if (guard && typeof guard === 'object' && 'type' in guard) return String((guard as { type: unknown }).type);
  return 'guard';
}

function actionName(action: unknown): string {
  if (typeof action === 'string') return action;
  if (action && (typeof action === 'object' || typeof action === 'function')) {
    const named = action as { type?: unknown; name?: string };
    if (typeof named.type === 'string') return named.type;
    if (named.name) return named.name;
  }
  return 'inline action';
}
