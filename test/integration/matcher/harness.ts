/**
 * One matcher role on a fresh PostgreSQL database and a real bus (the in-process bus or Redis Streams),
 * with unique stream names per fixture so tests never see each other's entries.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Envelope } from '../../../actors/ports.js';
import { TOPICS, type BatchAuthorMatchesSuggestedV1 } from '../../../src/contracts/index.js';
import { createDeadLetterSink, listDeadLetters, type DeadLetterRow } from '../../../src/db/deadLetterRepository.js';
import { createSilentLogger } from '../../../src/logger.js';
import { createKnexRosterSource, createKnexTextSource, createMatcherRole, MATCHER_GROUP, type RosterSource, type TextSource } from '../../../src/matcher/index.js';
import type { StreamBus, Subscription } from '../../../src/streams/bus.js';
import { InProcessBus } from '../../../src/streams/inProcessBus.js';
import { RedisStreamBus } from '../../../src/streams/redisStreamBus.js';
import { createTestDatabase, sharedRedis } from '../../support/infra.js';
import { sharedUntrustedPool } from '../../support/untrustedPool.js';
import { waitFor } from '../../support/waitFor.js';

export type Transport = 'in-process' | 'redis';

export interface FixtureOptions {
  wrapRoster?: (inner: RosterSource) => RosterSource;
  wrapTexts?: (inner: TextSource) => TextSource;
  chunkSize?: number;
  chunkConcurrency?: number;
}

export class MatcherFixture {
  /** How many commits wrote an E9 (the role's onOutboxWritten hook). */
  written = 0;
  private subscription: Subscription | null = null;
  private options: FixtureOptions = {};

  private constructor(
    readonly knex: Knex,
    readonly bus: StreamBus,
    readonly prefix: string,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async open(ctx: Mocha.Context, transport: Transport, options: FixtureOptions = {}): Promise<MatcherFixture> {
    const redisUrl = transport === 'redis' ? sharedRedis(ctx).url : null;
    const db = await createTestDatabase(8);
    const busOptions = { claimIdleMs: 200, maxDeliveries: 5, deadLetters: createDeadLetterSink(db.knex), logger: createSilentLogger(), blockMs: 100 };
    const bus = redisUrl ? new RedisStreamBus(redisUrl, busOptions) : new InProcessBus(db.knex, busOptions);
    const fixture = new MatcherFixture(db.knex, bus, `mt-${randomUUID().slice(0, 8)}:`, db.destroy);
    try {
      await fixture.startRole(options);
    } catch (error) {
      await fixture.close();
      throw error;
    }
    return fixture;
  }

  /** Starts the matcher role (again, after stopRole: like a process restart with the same consumer name). */
  async startRole(options: FixtureOptions = this.options): Promise<void> {
    this.options = options;
    const roster = createKnexRosterSource(this.knex);
    const texts = createKnexTextSource(this.knex);
    this.subscription = await createMatcherRole({
      bus: this.bus,
      knex: this.knex,
      logger: createSilentLogger(),
      roster: options.wrapRoster ? options.wrapRoster(roster) : roster,
      texts: options.wrapTexts ? options.wrapTexts(texts) : texts,
      engine: sharedUntrustedPool(),
      sourceService: 'matcher-test',
      streamKey: (topic) => this.stream(topic),
      consumer: 'matcher-1',
      concurrency: 2,
      ...(options.chunkSize !== undefined && { chunkSize: options.chunkSize }),
      ...(options.chunkConcurrency !== undefined && { chunkConcurrency: options.chunkConcurrency }),
      onOutboxWritten: () => {
        this.written += 1;
      },
    });
  }

  async stopRole(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }

  stream(topic: string): string {
    return `${this.prefix}${topic}`;
  }

  publish(envelope: Envelope): Promise<void> {
    return this.bus.publish(this.stream(TOPICS.studentMatchingRequested), envelope);
  }

  /** Every E9 the matcher wrote to the outbox, oldest first. */
  async results(): Promise<Envelope<BatchAuthorMatchesSuggestedV1>[]> {
    const rows = (await this.knex('outbox').where({ event_type: TOPICS.authorMatchesSuggested }).orderBy('seq')) as { envelope: Envelope<BatchAuthorMatchesSuggestedV1>; stream: string }[];
    return rows.map((r) => r.envelope);
  }

  async resultFor(requestEventId: string): Promise<Envelope<BatchAuthorMatchesSuggestedV1> | undefined> {
    return (await this.results()).find((e) => e.data.processing_metadata.request_event_id === requestEventId);
  }

  async waitForResult(requestEventId: string): Promise<Envelope<BatchAuthorMatchesSuggestedV1>> {
    await waitFor(async () => Boolean(await this.resultFor(requestEventId)), { message: `E9 answering ${requestEventId}` });
    return (await this.resultFor(requestEventId))!;
  }

  async inboxRow(eventId: string): Promise<{ status: string; reason: string | null } | undefined> {
    return this.knex('inbox').select('status', 'reason').where({ consumer: 'matcher', message_id: eventId }).first();
  }

  async deadLetterFor(eventId: string): Promise<DeadLetterRow | undefined> {
    return (await listDeadLetters(this.knex)).find((d) => d.eventId === eventId);
  }

  /** True once the matcher group has nothing undelivered or unacknowledged on the E8 stream. */
  async drained(): Promise<boolean> {
    const stream = this.stream(TOPICS.studentMatchingRequested);
    const stats = (await this.bus.stats([stream])).find((s) => s.stream === stream && s.group === MATCHER_GROUP);
    return stats !== undefined && stats.pending === 0 && stats.lag === 0;
  }

  async close(): Promise<void> {
    await this.stopRole();
    await this.bus.close();
    await this.dropDatabase();
  }
}
