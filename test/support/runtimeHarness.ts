import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ActorRegistry } from '../../actors/actorDefinition.js';
import { createActorRuntime, type ActorRuntime } from '../../actors/actorRuntime.js';
import type { ActorStore, Envelope, ProjectionMeta } from '../../actors/ports.js';
import { createPgActorStore, type ProjectionSql } from '../../src/db/actorStore.js';
import { createSilentLogger } from '../../src/logger.js';
import { counterDefinition, counterInterpreter } from './counterMachine.js';

export interface TestDb {
  knex: Knex;
  url: string;
}

export type ClosableRuntime = ActorRuntime & { close(): Promise<void> };

const open = new Set<ClosableRuntime>();

/** A runtime for the counter machine on its own connection pool; closeAllRuntimes() ends them. */
export function counterRuntime(db: TestDb, options: { recordNote?: (sql: ProjectionSql, params: unknown, meta: ProjectionMeta) => Promise<void>; poolMax?: number; wrapStore?: (s: ActorStore<ProjectionSql>) => ActorStore<ProjectionSql> } = {}): ClosableRuntime {
  const store = createPgActorStore(db.url, db.knex, { poolMax: options.poolMax });
  const runtime = createActorRuntime({
    store: options.wrapStore ? options.wrapStore(store) : store,
    registry: new ActorRegistry([counterDefinition]),
    effects: { sourceService: 'test', streamKey: (topic) => topic, timerDurations: {}, now: () => new Date() },
    interpreter: counterInterpreter<ProjectionSql>(options.recordNote ? { recordNote: options.recordNote } : {}),
    logger: createSilentLogger(),
  });
  const closable: ClosableRuntime = { ...runtime, close: () => (open.delete(closable), store.close()) };
  open.add(closable);
  return closable;
}

export async function closeAllRuntimes(): Promise<void> {
  await Promise.all([...open].map((r) => r.close()));
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
