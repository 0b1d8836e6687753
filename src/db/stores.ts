import type { Knex } from 'knex';
import { createPgActorStore } from './actorStore.js';
import { createKnexOutboxStore } from './outboxStore.js';
import { createKnexTimerStore } from './timerStore.js';

/** The runtime's stores: the hot write path on node-postgres, timers and outbox on knex. */
export function createStores(databaseUrl: string, knex: Knex, onIdleError?: (error: Error) => void) {
  return {
    actors: createPgActorStore(databaseUrl, knex, { onIdleError }),
    timers: createKnexTimerStore(knex),
    outbox: createKnexOutboxStore(knex),
  };
}
