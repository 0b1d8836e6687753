import { ActorNotFoundError } from '../../actors/errors.js';
import type { ActorRuntime, GroupItem } from '../../actors/actorRuntime.js';
import { parseEnvelope, type UntypedEnvelope } from '../contracts/index.js';
import type { Logger } from '../logger.js';
import { PoisonMessageError, type BusEntry, type BusHandler, type GroupHandler } from '../streams/bus.js';

/** How a stream routes to an actor: which batch an envelope is about (after its payload was validated). */
export interface ActorRoute {
  stream: string;
  /** Validates the payload (throw PoisonMessageError with the reason) and names the batch. */
  batchIdOf(envelope: UntypedEnvelope): string;
  /** Messages this consumer acknowledges without applying (e.g. echoes of its own events). */
  skip?(envelope: UntypedEnvelope): boolean;
}

interface ConsumerOptions {
  runtime: ActorRuntime;
  group: string;
  routes: ActorRoute[];
  logger: Logger;
}

/**
 * The batch role's stream handlers: parse → route → apply (the bus acks after we return).
 * Malformed messages are poison (dead-lettered at once with the reason); a batch that does not exist
 * yet is retried, then dead-lettered after the bus's max deliveries (issue 4 §3).
 */
export function createActorHandler(options: ConsumerOptions): BusHandler {
  const toItem = itemOf(options);
  return async (entry: BusEntry) => {
    const item = toItem(entry);
    if (!item) return;
    try {
      report(options, item, await options.runtime.applyEvent(item.batchId, item.envelope, item.options), entry);
    } catch (error) {
      reportFailure(options, item, error, entry);
      throw error;
    }
  };
}

/**
 * Group commit (issue 11): the entries of one read are applied in one transaction (runtime.applyGroup);
 * a malformed entry fails alone, and a failing event is retried alone by the runtime, so neither blocks the rest.
 */
export function createActorGroupHandler(options: ConsumerOptions): GroupHandler {
  const toItem = itemOf(options);
  return async (entries) => {
    const outcomes: ({ error: unknown } | null)[] = entries.map(() => null);
    const items: GroupItem[] = [];
    const at: number[] = [];
    for (const [i, entry] of entries.entries()) {
      try {
        const item = toItem(entry);
        if (!item) continue;
        items.push(item);
        at.push(i);
      } catch (error) {
        outcomes[i] = { error };
      }
    }
    const results = await options.runtime.applyGroup(items);
    for (const [k, result] of results.entries()) {
      const item = items[k]!;
      const entry = entries[at[k]!]!;
      if (result.ok) {
        report(options, item, result.result, entry);
        continue;
      }
      reportFailure(options, item, result.error, entry);
      outcomes[at[k]!] = { error: result.error };
    }
    return outcomes;
  };
}

/** Validates and routes one entry; null when this consumer skips it. Throws PoisonMessageError for bad input. */
function itemOf(options: ConsumerOptions): (entry: BusEntry) => GroupItem | null {
  const routes = new Map(options.routes.map((route) => [route.stream, route]));
  return (entry) => {
    const route = routes.get(entry.stream);
    if (!route) throw new PoisonMessageError(`no route for stream ${entry.stream}`);
    const parsed = parseEnvelope(entry.envelope);
    if (!parsed.ok) throw new PoisonMessageError(parsed.reason);
    if (route.skip?.(parsed.envelope)) return null;
    return { batchId: route.batchIdOf(parsed.envelope), envelope: parsed.envelope, options: { consumer: options.group, source: 'stream' } };
  };
}

function logFor(options: ConsumerOptions, item: GroupItem) {
  return options.logger.child({ batch_id: item.batchId, event_id: item.envelope.event_id, correlation_id: item.envelope.correlation_id });
}

function report(options: ConsumerOptions, item: GroupItem, result: { status: string }, entry: BusEntry): void {
  if (!options.logger.isLevelEnabled('debug')) return; // a child logger per event is measurable on the hot path
  logFor(options, item).debug('stream event handled', { event_type: item.envelope.event_type, status: result.status, deliveries: entry.deliveries });
}

function reportFailure(options: ConsumerOptions, item: GroupItem, error: unknown, entry: BusEntry): void {
  if (error instanceof ActorNotFoundError) logFor(options, item).warn('event for an unknown batch; will retry', { deliveries: entry.deliveries });
}
