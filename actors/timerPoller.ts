import type { ActorRuntime } from './actorRuntime.js';
import { createPollingLoop, type PollingLoop } from './pollingLoop.js';
import type { DueTimer, Envelope, RuntimeLogger, TimerStore } from './ports.js';
import { ATTR_BATCH_ID, inSpan } from './telemetry.js';

export interface TimerPollerOptions {
  store: TimerStore;
  runtime: ActorRuntime;
  logger: RuntimeLogger;
  sourceService: string;
  intervalMs: number;
  batchSize?: number;
  /** How long a claim keeps other pollers away; longer than one apply, short enough to recover a crash. */
  leaseMs?: number;
}

export const TIMER_CONSUMER = 'timer';

/**
 * Deadlines are rows, never XState `after` (xstate#5331). Every process polls due rows with
 * FOR UPDATE SKIP LOCKED and feeds them to applyEvent, fenced by token and state.
 */
export function createTimerPoller(options: TimerPollerOptions): PollingLoop {
  const batchSize = options.batchSize ?? 50;
  return createPollingLoop({
    intervalMs: options.intervalMs,
    onError: (error) => options.logger.error('timer poll failed', { error: String(error) }),
    work: async () => {
      const due = await options.store.claimDue(batchSize, options.leaseMs ?? 60_000);
      for (const timer of due) await inSpan(`timer fire ${timer.key}`, { attributes: { [ATTR_BATCH_ID]: timer.batchId, 'timer.token': timer.token } }, () => fire(options, timer));
      return due.length === batchSize;
    },
  });
}

async function fire(options: TimerPollerOptions, timer: DueTimer): Promise<void> {
  try {
    await options.runtime.applyEvent(timer.batchId, timerEnvelope(timer, options.sourceService), {
      consumer: TIMER_CONSUMER,
      source: 'timer',
      timerFence: { key: timer.key, token: timer.token },
    });
  } catch (error) {
    options.logger.warn('timer could not be applied; it will be retried after its lease', { batch_id: timer.batchId, timer_key: timer.key, error: String(error) });
    await options.store.recordFailure(timer, String(error));
  }
}

/** The inbox key `timer:<batch>:<key>:<token>` makes a re-fired claim a duplicate, never a second firing. */
export function timerEnvelope(timer: DueTimer, sourceService: string): Envelope {
  return {
    event_id: `timer:${timer.batchId}:${timer.key}:${timer.token}`,
    event_type: `timer.${timer.key}`,
    event_timestamp: timer.dueAt.toISOString(),
    source_service: sourceService,
    schema_version: 1,
    correlation_id: timer.token,
    data: timer.event,
    metadata: { due_at: timer.dueAt.toISOString() },
  };
}
