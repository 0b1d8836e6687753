import { startInfra, stopInfra } from './infra.js';

export async function mochaGlobalSetup(): Promise<void> {
  await startInfra();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopInfra();
}
