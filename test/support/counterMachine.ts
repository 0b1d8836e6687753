/**
 * A small machine that exercises every runtime feature (emit, durable timer, cancel, projection,
 * final state) without the batch domain: the runtime is proven before the batch machine exists.
 */
import { assign, setup } from 'xstate';
import { z } from 'zod';
import type { ActorDefinition } from '../../actors/actorDefinition.js';
import { UnknownEffectError } from '../../actors/errors.js';
import type { EffectInterpreter, ProjectionMeta } from '../../actors/ports.js';

/** The counter machine's effects port for tests: its one effect (recordNote) by the handler a test passes. */
export function counterInterpreter<S>(handlers: { recordNote?: (session: S, params: unknown, meta: ProjectionMeta) => Promise<void> } = {}): EffectInterpreter<S> {
  return {
    async apply(session, action, meta) {
      const handler = action.type === 'recordNote' ? handlers.recordNote : undefined;
      if (!handler) throw new UnknownEffectError(`the counter machine has no handler for "${action.type}"`);
      await handler(session, action.params, meta);
    },
  };
}

export const COUNTER_TOPIC = 'test.counter.incremented.v1';

type CounterEvent =
  | { type: 'INC'; by?: number }
  | { type: 'ARM'; delayMs: number }
  | { type: 'DISARM' }
  | { type: 'DEADLINE' }
  | { type: 'RECORD'; note: string }
  | { type: 'CLOSE' };

export const counterMachine = setup({
  types: { context: {} as { count: number }, events: {} as CounterEvent, input: {} as { start?: number } },
  actions: {
    emit: (_, _params: { topic: string; data: Record<string, unknown> }) => {},
    scheduleTimer: (_, _params: { key: string; delayMs: number; event: { type: string } }) => {},
    cancelTimer: (_, _params: { key: string }) => {},
    recordNote: (_, _params: { note: string }) => {},
  },
}).createMachine({
  id: 'counter',
  context: ({ input }) => ({ count: input.start ?? 0 }),
  initial: 'open',
  states: {
    open: {
      on: {
        INC: {
          actions: [
            assign({ count: ({ context, event }) => context.count + (event.by ?? 1) }),
            { type: 'emit', params: ({ context }) => ({ topic: COUNTER_TOPIC, data: { count: context.count } }) },
          ],
        },
        ARM: { actions: { type: 'scheduleTimer', params: ({ event }) => ({ key: 'deadline', delayMs: event.delayMs, event: { type: 'DEADLINE' } }) } },
        DISARM: { actions: { type: 'cancelTimer', params: { key: 'deadline' } } },
        DEADLINE: 'expired',
        RECORD: { actions: { type: 'recordNote', params: ({ event }) => ({ note: event.note }) } },
        CLOSE: 'closed',
      },
    },
    expired: { on: { CLOSE: 'closed' } },
    closed: { type: 'final' },
  },
});

const snapshotSchema = z.object({
  value: z.enum(['open', 'expired', 'closed']),
  context: z.object({ count: z.number().int() }),
});

export const counterDefinition: ActorDefinition = {
  machineId: 'counter',
  machineVersion: 1,
  machine: counterMachine,
  parseSnapshot: (raw) => snapshotSchema.parse(raw),
  toEvent: (envelope) => (envelope.event_type === 'test.external.inc.v1' ? { type: 'INC' } : null),
};
