export { batchMachine, batchMachineV2, createBatchMachine, type BatchMachineVersion } from './batch.machine.js';
export * from './batch.types.js';
export * from './batch.migrations.js';
export { provisionedEssayIds, isGuest } from './batch.guards.js';
