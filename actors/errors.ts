/** The actor row does not exist (yet): a stream consumer retries, then dead-letters (issue 4 §3). */
export class ActorNotFoundError extends Error {
  override readonly name = 'ActorNotFoundError';
  constructor(readonly batchId: string) {
    super(`batch ${batchId} does not exist`);
  }
}

/** A REST command carried an If-Match version that is no longer current (HTTP 412). */
export class StaleVersionError extends Error {
  override readonly name = 'StaleVersionError';
  constructor(
    readonly batchId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`batch ${batchId} is at version ${actual}, not ${expected}`);
  }
}

/** A machine action the runtime cannot interpret (a bug in a machine, never bad input). */
export class UnknownEffectError extends Error {
  override readonly name = 'UnknownEffectError';
}

/**
 * A row names a machine version this process has no definition for — typically after a rollback to an
 * older deploy (docs/versions.md: register the version again, do not edit the rows).
 */
export class UnknownMachineVersionError extends Error {
  override readonly name = 'UnknownMachineVersionError';
  constructor(
    readonly machineId: string,
    readonly machineVersion: number,
  ) {
    super(`no machine ${machineId} version ${machineVersion} is registered`);
  }
}
