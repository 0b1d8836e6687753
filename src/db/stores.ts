import type { Knex } from 'knex';
import { createPgActorStore, type Projector } from './actorStore.js';
import { createKnexOutboxStore } from './outboxStore.js';
import { createKnexTimerStore } from './timerStore.js';

/** The runtime's stores: the hot write path on node-postgres, timers and outbox on knex. */
export function createStores(databaseUrl: string, knex: Knex, projectors: Record<string, Projector> = {}, onIdleError?: (error: Error) => void) {
  return {
    actors: createPgActorStore(databaseUrl, knex, { projectors, onIdleError }),
    timers: createKnexTimerStore(knex),
    outbox: createKnexOutboxStore(knex),
  };
}
