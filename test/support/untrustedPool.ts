/** One untrusted-work pool for a test process (issue 10): worker start-up under tsx costs ~1 s, so it is shared. */
import { loadConfig } from '../../src/config.js';
import { createUntrustedPool, untrustedPoolOptions, type UntrustedPool } from '../../src/untrusted/index.js';

let shared: UntrustedPool | null = null;

export function sharedUntrustedPool(): UntrustedPool {
  return (shared ??= createUntrustedPool(untrustedPoolOptions(loadConfig({}))));
}
