import { createKnexRosterSource, createKnexTextSource, createMatcherRole } from '../matcher/index.js';
import type { MatcherRoleDeps } from './context.js';
import type { Subscription } from '../streams/bus.js';

/** The matcher role: answers each student-matching request with one author-matches-suggested event. */
export async function startMatcherRole(ctx: MatcherRoleDeps): Promise<Subscription[]> {
  const subscription = await createMatcherRole({
    bus: ctx.bus,
    knex: ctx.knex,
    logger: ctx.logger,
    roster: createKnexRosterSource(ctx.knex),
    texts: createKnexTextSource(ctx.knex),
    engine: ctx.untrusted(),
    sourceService: ctx.config.SERVICE_NAME,
    streamKey: ctx.streamKey,
    consumer: ctx.consumer,
    onOutboxWritten: ctx.nudgeRelay,
    // Several requests at once: 50 concurrent batches waited in line behind one matcher loop (bench:e2e).
    concurrency: 4,
  });
  return [subscription];
}
