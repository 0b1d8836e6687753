import type { Knex } from 'knex';
import { createKnexActorStore, type Projector } from './actorStore.js';
import { createKnexOutboxStore } from './outboxStore.js';
import { createKnexTimerStore } from './timerStore.js';

/** The runtime's three stores over one knex pool. */
export function createKnexStores(knex: Knex, projectors: Record<string, Projector> = {}) {
  return {
    actors: createKnexActorStore(knex, { projectors }),
    timers: createKnexTimerStore(knex),
    outbox: createKnexOutboxStore(knex),
  };
}
