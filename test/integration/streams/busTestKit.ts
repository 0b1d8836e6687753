/** Fixture for the StreamBus contract: one database, one transport, unique streams per test. */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Envelope } from '../../../actors/ports.js';
import { createDeadLetterSink, listDeadLetters, type DeadLetterRow } from '../../../src/db/deadLetterRepository.js';
import { createSilentLogger } from '../../../src/logger.js';
import type { BusEntry, BusHandler, BusOptions, GroupStats, StreamBus } from '../../../src/streams/bus.js';
import { createTestDatabase } from '../../support/infra.js';
import { deferred } from '../../support/waitFor.js';

/** A copy in the dead-letter stream, as the adapter stored it. */
export interface DeadLetterCopy {
  envelope: string;
  error: string;
  sourceStream: string;
}

/** What each adapter's test file provides. */
export interface BusTransport {
  createBus(options: BusOptions): StreamBus;
  readDeadLetterStream(stream: string): Promise<DeadLetterCopy[]>;
  close(): Promise<void>;
}

export type TransportFactory = (ctx: Mocha.Context, knex: Knex) => Promise<BusTransport>;

export class BusFixture {
  readonly stream = `test-${randomUUID()}`;
  readonly group = `group-${randomUUID().slice(0, 8)}`;
  private readonly buses: StreamBus[] = [];
  private readonly gates: ReturnType<typeof deferred<void>>[] = [];

  private constructor(
    readonly knex: Knex,
    private readonly transport: BusTransport,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  static async open(ctx: Mocha.Context, factory: TransportFactory): Promise<BusFixture> {
    const db = await createTestDatabase(5);
    try {
      return new BusFixture(db.knex, await factory(ctx, db.knex), db.destroy);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }

  /** A new bus instance (another process, or this one after a restart) on the same transport. */
  bus(overrides: Partial<BusOptions> = {}): StreamBus {
    const bus = this.transport.createBus({
      claimIdleMs: 150,
      maxDeliveries: 5,
      deadLetters: createDeadLetterSink(this.knex),
      logger: createSilentLogger(),
      blockMs: 100,
      deadLetterStream: (group) => this.deadLetterStream(group),
      ...overrides,
    });
    this.buses.push(bus);
    return bus;
  }

  deadLetterStream(group = this.group): string {
    return `${this.stream}:dlq:${group}`;
  }

  readDeadLetterStream(group = this.group): Promise<DeadLetterCopy[]> {
    return this.transport.readDeadLetterStream(this.deadLetterStream(group));
  }

  deadLetterRows(): Promise<DeadLetterRow[]> {
    return listDeadLetters(this.knex);
  }

  /** A gate a handler can wait on; close() rejects any still closed, so no handler outlives the test. */
  gate(): ReturnType<typeof deferred<void>> {
    const gate = deferred<void>();
    this.gates.push(gate);
    return gate;
  }

  async close(): Promise<void> {
    for (const gate of this.gates) gate.reject(new Error('test finished'));
    await Promise.all(this.buses.map((bus) => bus.close()));
    await this.transport.close();
    await this.dropDatabase();
  }
}

export function testEnvelope(data: Record<string, unknown> = {}): Envelope {
  return {
    event_id: randomUUID(),
    event_type: 'test.bus.contract.v1',
    event_timestamp: new Date().toISOString(),
    source_service: 'bus-contract-test',
    schema_version: 1,
    correlation_id: randomUUID(),
    data_schema_uri: null,
    data,
    metadata: null,
  };
}

/** A handler that records every delivery, then does `then` (default: succeed). */
export function recording(into: BusEntry[], then: (entry: BusEntry) => Promise<void> = async () => {}): BusHandler {
  return async (entry) => {
    into.push(entry);
    await then(entry);
  };
}

export function eventIdOf(entry: BusEntry): string {
  return (JSON.parse(entry.envelope) as Envelope).event_id;
}

export function statsOf(stats: GroupStats[], stream: string, group: string): GroupStats | undefined {
  return stats.find((s) => s.stream === stream && s.group === group);
}

/** True once the group has nothing delivered-but-unacked and nothing undelivered on `stream`. */
export async function groupIsDrained(bus: StreamBus, stream: string, group: string): Promise<boolean> {
  const stats = statsOf(await bus.stats([stream]), stream, group);
  return stats !== undefined && stats.pending === 0 && stats.lag === 0;
}
