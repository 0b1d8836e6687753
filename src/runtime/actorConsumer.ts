import { ActorNotFoundError } from '../../actors/errors.js';
import type { ActorRuntime } from '../../actors/actorRuntime.js';
import { parseEnvelope, type UntypedEnvelope } from '../contracts/index.js';
import type { Logger } from '../logger.js';
import { PoisonMessageError, type BusEntry, type BusHandler } from '../streams/bus.js';

/** How a stream routes to an actor: which batch an envelope is about (after its payload was validated). */
export interface ActorRoute {
  stream: string;
  /** Validates the payload (throw PoisonMessageError with the reason) and names the batch. */
  batchIdOf(envelope: UntypedEnvelope): string;
  /** Messages this consumer acknowledges without applying (e.g. echoes of its own events). */
  skip?(envelope: UntypedEnvelope): boolean;
}

/**
 * The batch role's stream handler: parse → route → applyEvent → (the bus acks after we return).
 * Malformed messages are poison (dead-lettered at once with the reason); a batch that does not exist
 * yet is retried, then dead-lettered after the bus's max deliveries (issue 4 §3).
 */
export function createActorHandler(options: { runtime: ActorRuntime; group: string; routes: ActorRoute[]; logger: Logger }): BusHandler {
  const routes = new Map(options.routes.map((route) => [route.stream, route]));
  return async (entry: BusEntry) => {
    const route = routes.get(entry.stream);
    if (!route) throw new PoisonMessageError(`no route for stream ${entry.stream}`);
    const parsed = parseEnvelope(entry.envelope);
    if (!parsed.ok) throw new PoisonMessageError(parsed.reason);
    if (route.skip?.(parsed.envelope)) return;
    const batchId = route.batchIdOf(parsed.envelope);
    const log = options.logger.child({ batch_id: batchId, event_id: parsed.envelope.event_id, correlation_id: parsed.envelope.correlation_id });
    try {
      const result = await options.runtime.applyEvent(batchId, parsed.envelope, { consumer: options.group, source: 'stream' });
      log.debug('stream event handled', { event_type: parsed.envelope.event_type, status: result.status, deliveries: entry.deliveries });
    } catch (error) {
      if (error instanceof ActorNotFoundError) log.warn('event for an unknown batch; will retry', { deliveries: entry.deliveries });
      throw error;
    }
  };
}
