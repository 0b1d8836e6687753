import type { PersistedSnapshot } from '../../actors/actorDefinition.js';
import { statesOf } from '../../machines/batch/index.js';

/**
 * A persisted state its machine version does not have (a row written by a machine that was changed without
 * a new version, or hand-edited) is refused with the state and version named (issue 14 §2): the batch
 * is not guessed into some state; an operator migrates or repairs it explicitly.
 */
export class UnknownBatchStateError extends Error {
  override readonly name = 'UnknownBatchStateError';
  constructor(
    readonly state: unknown,
    readonly machineVersion: number,
  ) {
    super(`persisted state ${JSON.stringify(state)} does not exist in batch v${machineVersion} (its states: ${statesOf(machineVersion).join(', ')}); migrate or repair the batch explicitly`);
  }
}

export function parseKnownState(raw: unknown, version: number, parse: (raw: unknown) => PersistedSnapshot): PersistedSnapshot {
  const value = (raw as { value?: unknown } | null)?.value;
  if (typeof value !== 'string' || !statesOf(version).includes(value)) throw new UnknownBatchStateError(value, version);
  return parse(raw);
}
