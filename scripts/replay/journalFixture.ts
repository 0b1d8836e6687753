/**
 * A batch's journal → a replay fixture (issue 14 §3). The journal keeps the envelope of every input; the
 * machine event is what the batch's own definition made of it (commands and timers carry the event in
 * `data`, stream envelopes go through `toEvent`). Steps the machine never saw are left out: duplicates
 * (never journaled), fenced-off timers and envelopes that are no input of the machine.
 */
import type { Knex } from 'knex';
import { isDirectEnvelope, type ActorRegistry, type MachineEvent } from '../../actors/actorDefinition.js';
import type { Envelope } from '../../actors/ports.js';
import { createNormaliser, type ReplayFixture, type ReplayStep } from '../../test/replay/fixture.js';

interface JournalRow {
  outcome: 'applied' | 'ignored';
  event_type: string;
  event: Envelope;
  to_state: string;
  actions: { type: string; params?: unknown }[];
  reason: string | null;
}

/** The journal's reason for a `can(event) === false` miss (actors/actorRuntime.ts). */
const NOT_ACCEPTED = 'not accepted in state';

export async function journalFixture(knex: Knex, registry: ActorRegistry, scenario: string, batchId: string): Promise<ReplayFixture> {
  const batch = await knex('batches').where({ id: batchId }).first('id', 'machine_id', 'machine_version', 'owner_id', 'class_id', 'course_code');
  const essays = await knex('batch_essays').where({ batch_id: batchId }).orderBy('slot_index').pluck('essay_id');
  const rows = (await knex('batch_journal').where({ batch_id: batchId }).orderBy('id').select('outcome', 'event_type', 'event', 'to_state', 'actions', 'reason')) as JournalRow[];
  const definition = registry.get(batch.machine_id, Number(batch.machine_version));
  const input = { batchId: batch.id, ownerId: batch.owner_id, classId: batch.class_id, courseCode: batch.course_code, essayIds: essays };
  const steps: ReplayStep[] = [];
  for (const row of rows) {
    if (row.event_type === 'xstate.init') {
      if (row.outcome === 'applied') steps.push({ event: { type: 'xstate.init' }, outcome: 'applied', state: row.to_state, actions: row.actions });
      continue;
    }
    if (row.outcome === 'ignored' && !row.reason?.startsWith(NOT_ACCEPTED)) continue;
    const event = isDirectEnvelope(row.event) ? (row.event.data as MachineEvent) : definition.toEvent(row.event);
    if (!event) continue;
    steps.push({ event, outcome: row.outcome, state: row.to_state, actions: row.outcome === 'applied' ? row.actions : [] });
  }
  const normalise = createNormaliser();
  const fixture: ReplayFixture = { scenario, machineId: batch.machine_id, machineVersion: Number(batch.machine_version), input, steps };
  // Input first, so the batch id is id-1 and the essays follow in slot order in every fixture.
  return normalise(fixture) as ReplayFixture;
}
