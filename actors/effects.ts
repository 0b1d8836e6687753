import { randomUUID } from 'node:crypto';
import { UnknownEffectError } from './errors.js';
import type { ActorTx, EffectInterpreter, Envelope, OutboxMessage, ProjectionMeta, TimerSpec } from './ports.js';

/** The named actions a machine may return; everything else is a projection for the read model. */
export interface EmitParams {
  topic: string;
  data: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}
export interface ScheduleTimerParams {
  key: string;
  /** A named duration from config (e.g. 'validation'), or an explicit `delayMs`. */
  delay?: string;
  delayMs?: number;
  event: TimerSpec['event'];
}
export interface CancelTimerParams {
  key: string;
}

export interface EffectSettings {
  sourceService: string;
  streamKey(topic: string): string;
  timerDurations: Record<string, number>;
  now(): Date;
}

export interface ExecutableAction {
  type: string;
  params?: unknown;
}

/** Turns the actions of one transition into rows, in order, inside the caller's transaction. */
export async function writeEffects(
  tx: ActorTx,
  actions: readonly ExecutableAction[],
  meta: ProjectionMeta,
  settings: EffectSettings,
  interpreter: EffectInterpreter,
): Promise<void> {
  const outbox: OutboxMessage[] = [];
  for (const action of actions) {
    switch (action.type) {
      case 'emit':
        outbox.push(toOutboxMessage(action.params as EmitParams, meta, settings));
        break;
      case 'scheduleTimer':
        await tx.scheduleTimer(meta.batchId, toTimerSpec(action.params as ScheduleTimerParams, settings));
        break;
      case 'cancelTimer':
        await tx.cancelTimer(meta.batchId, (action.params as CancelTimerParams).key);
        break;
      default:
        // xstate#5331: delayed raise/send are not persisted; machines must use scheduleTimer instead.
        if (action.type.startsWith('xstate.')) throw new UnknownEffectError(`machine returned ${action.type}; use scheduleTimer`);
        await interpreter.apply(tx.session, { type: action.type, params: action.params }, meta);
    }
  }
  await tx.enqueueOutbox(outbox);
}

function toOutboxMessage(params: EmitParams, meta: ProjectionMeta, settings: EffectSettings): OutboxMessage {
  const envelope: Envelope = {
    event_id: randomUUID(),
    event_type: params.topic,
    event_timestamp: settings.now().toISOString(),
    source_service: settings.sourceService,
    schema_version: 1,
    correlation_id: meta.correlationId,
    data_schema_uri: null,
    data: params.data,
    metadata: { ...params.metadata, partition_key: meta.batchId, batch_version: meta.version },
  };
  return { batchId: meta.batchId, batchVersion: meta.version, stream: settings.streamKey(params.topic), envelope };
}

function toTimerSpec(params: ScheduleTimerParams, settings: EffectSettings): TimerSpec {
  const delayMs = params.delayMs ?? (params.delay === undefined ? undefined : settings.timerDurations[params.delay]);
  if (delayMs === undefined) throw new UnknownEffectError(`timer ${params.key} has no known duration (${params.delay ?? 'none'})`);
  return { key: params.key, delayMs, event: params.event };
}
