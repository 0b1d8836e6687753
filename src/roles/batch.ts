import type { BatchRoleDeps } from './context.js';
import { BATCH_GROUP, batchStreamRoutes, createTimeoutPolicyConsumer } from '../batches/index.js';
import { createActorGroupHandler, createActorHandler } from '../runtime/actorConsumer.js';
import type { Subscription } from '../streams/bus.js';

/** The batch role: applies stream events (file, matcher, timeout policy) to batch actors; timers are polled by main. */
export async function startBatchRole(ctx: BatchRoleDeps): Promise<Subscription[]> {
  const routes = batchStreamRoutes({ streamKey: ctx.streamKey, ownSourceService: ctx.config.SERVICE_NAME });
  const consumer = { runtime: ctx.runtime, group: BATCH_GROUP, routes, logger: ctx.logger };
  const events = await ctx.bus.subscribe({
    group: BATCH_GROUP,
    consumer: ctx.consumer,
    streams: routes.map((r) => r.stream),
    handler: createActorHandler(consumer),
    // Group commit (ARCHITECTURE §2): each read's entries in one transaction, one fsync for many events.
    groupHandler: ctx.config.GROUP_COMMIT_MAX > 1 ? createActorGroupHandler(consumer) : undefined,
    readCount: ctx.config.GROUP_COMMIT_MAX,
    concurrency: 4,
  });
  // The class side's answer to a timed-out batch (ARCHITECTURE §3 timedOut).
  const policy = await createTimeoutPolicyConsumer({ bus: ctx.bus, store: ctx.batchStore, runtime: ctx.runtime, logger: ctx.logger, streamKey: ctx.streamKey, consumer: ctx.consumer });
  return [events, policy];
}
