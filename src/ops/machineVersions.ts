/**
 * The drain report (issue 14 §4): per machine id and version, the batches still on it by state, and
 * whether the version can be retired — registered, not the one new batches start on, and no live batch
 * left (every batch on it is final). A version found on rows but not registered is listed too: those
 * batches cannot run until it is registered again or they are migrated.
 */
import type { ActorDefinition } from '../../actors/actorDefinition.js';
import type { BatchOperatorReads } from '../batches/index.js';

export interface VersionInfo {
  definitions: readonly Pick<ActorDefinition, 'machineId' | 'machineVersion' | 'machine'>[];
  /** machine id → the version new actors start on. */
  current: Readonly<Record<string, number>>;
}

export interface MachineVersionRow {
  machine_id: string;
  machine_version: number;
  registered: boolean;
  current: boolean;
  live_batches: number;
  final_batches: number;
  by_state: Record<string, number>;
  /** The non-final states with batches: what a migration "by state" of this version would move. */
  live_states: string[];
  retirable: boolean;
}

const finalStatesOf = (definition: VersionInfo['definitions'][number]) =>
  Object.entries(definition.machine.root.states as Record<string, { type: string }>).filter(([, node]) => node.type === 'final').map(([name]) => name);

export async function machineVersionReport(batches: Pick<BatchOperatorReads, 'versionCounts'>, info: VersionInfo): Promise<{ versions: MachineVersionRow[] }> {
  const counts = await batches.versionCounts();
  const keyOf = (id: string, version: number) => `${id}@${version}`;
  const rows = new Map<string, MachineVersionRow>();
  const rowOf = (machineId: string, version: number, registered: boolean) => {
    const key = keyOf(machineId, version);
    let row = rows.get(key);
    if (!row) {
      row = { machine_id: machineId, machine_version: version, registered, current: info.current[machineId] === version, live_batches: 0, final_batches: 0, by_state: {}, live_states: [], retirable: false };
      rows.set(key, row);
    }
    return row;
  };
  const finals = new Map(info.definitions.map((d) => [keyOf(d.machineId, d.machineVersion), new Set(finalStatesOf(d))]));
  for (const d of info.definitions) rowOf(d.machineId, d.machineVersion, true);
  for (const count of counts) {
    const version = Number(count.machine_version);
    const row = rowOf(count.machine_id, version, false);
    const n = Number(count.n);
    row.by_state[count.state] = n;
    if (finals.get(keyOf(count.machine_id, version))?.has(count.state)) row.final_batches += n;
    else {
      row.live_batches += n;
      row.live_states.push(count.state);
    }
  }
  for (const row of rows.values()) row.retirable = row.registered && !row.current && row.live_batches === 0;
  const versions = [...rows.values()].sort((a, b) => a.machine_id.localeCompare(b.machine_id) || a.machine_version - b.machine_version);
  return { versions };
}
