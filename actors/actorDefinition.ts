import type { AnyStateMachine } from 'xstate';
import { UnknownMachineVersionError } from './errors.js';
import type { Envelope } from './ports.js';

export interface MachineEvent {
  type: string;
  [field: string]: unknown;
}

/** What a snapshot row holds: enough to resolve a flat machine (no children, no history, no delays). */
export interface PersistedSnapshot {
  value: unknown;
  context: Record<string, unknown>;
}

/**
 * How the runtime runs one kind of actor: the pure machine, how its snapshot is read back
 * (validated: jsonb is a boundary), and how wire envelopes become machine events.
 */
export interface ActorDefinition {
  machineId: string;
  machineVersion: number;
  machine: AnyStateMachine;
  parseSnapshot(raw: unknown): PersistedSnapshot;
  /** Envelope from a stream → machine event; null when this machine has no input for it (journaled as ignored). */
  toEvent(envelope: Envelope): MachineEvent | null;
  /**
   * Issue 14: an older version's snapshot (already parsed by that version) → this version's, for an
   * operator's explicit migration. Throws when the snapshot cannot be placed (e.g. its state is gone).
   */
  migrateFrom?(snapshot: PersistedSnapshot, fromVersion: number): PersistedSnapshot;
  /** Columns copied onto the actor row when it is created (owner_id, class_id, …). */
  attributes?(input: unknown): Record<string, unknown>;
}

/** Machines by id and version, so rows created by an older version keep running on it. */
export class ActorRegistry {
  private readonly definitions = new Map<string, ActorDefinition>();

  constructor(definitions: ActorDefinition[]) {
    for (const definition of definitions) this.definitions.set(keyOf(definition.machineId, definition.machineVersion), definition);
  }

  get(machineId: string, machineVersion: number): ActorDefinition {
    const definition = this.definitions.get(keyOf(machineId, machineVersion));
    if (!definition) throw new UnknownMachineVersionError(machineId, machineVersion);
    return definition;
  }
}

const keyOf = (machineId: string, version: number) => `${machineId}@${version}`;

/** Commands (REST, operator) and timers carry the machine event itself in `data`. */
export const DIRECT_EVENT_PREFIXES = ['command.', 'timer.'] as const;

export function isDirectEnvelope(envelope: Envelope): boolean {
  return DIRECT_EVENT_PREFIXES.some((prefix) => envelope.event_type.startsWith(prefix));
}
