import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ActorRegistry } from '../../actors/actorDefinition.js';
import { createActorRuntime, type ActorRuntime } from '../../actors/actorRuntime.js';
import type { Envelope } from '../../actors/ports.js';
import { createKnexActorStore, type Projector } from '../../src/db/actorStore.js';
import { createSilentLogger } from '../../src/logger.js';
import { counterDefinition } from './counterMachine.js';

export function counterRuntime(knex: Knex, projectors: Record<string, Projector> = {}): ActorRuntime {
  return createActorRuntime({
    store: createKnexActorStore(knex, { projectors }),
    registry: new ActorRegistry([counterDefinition]),
    effects: { sourceService: 'test', streamKey: (topic) => topic, timerDurations: {}, now: () => new Date() },
    logger: createSilentLogger(),
  });
}

/** A command envelope: `data` is the machine event itself. */
export function command(event: { type: string; [k: string]: unknown }, eventId: string = randomUUID()): Envelope {
  return {
    event_id: eventId,
    event_type: `command.${event.type}`,
    event_timestamp: new Date().toISOString(),
    source_service: 'test',
    schema_version: 1,
    correlation_id: randomUUID(),
    data: event,
  };
}

export async function newCounter(runtime: ActorRuntime, start = 0): Promise<string> {
  const id = randomUUID();
  await runtime.createActor(id, counterDefinition, { start }, command({ type: 'CREATE' }), { consumer: 'rest', source: 'rest' });
  return id;
}
