export { batchMachine } from './batch.machine.js';
export * from './batch.types.js';
export { provisionedEssayIds, isGuest } from './batch.guards.js';
