/**
 * The embedded default StreamBus (no Redis): streams and consumer groups live in PostgreSQL
 * (migration 20261122000200_local_stream), so a published entry survives kill -9 exactly like an
 * outbox row. Same port and contract suite as the Redis adapter.
 */
import type { Knex } from 'knex';
import type { Envelope } from '../../actors/ports.js';
import type { Logger } from '../logger.js';
import type { Sleeper } from './backoff.js';
import { deadLetterStreamOf, type BusOptions, type DeadLetter, type GroupStats, type StreamBus, type SubscribeOptions, type Subscription } from './bus.js';
import { startLocalSubscription } from './localSubscription.js';
import { appendEntry, localStats, localTrim, type NewLocalEntry } from './localStreamStore.js';
import { validateSubscription } from './subscribeOptions.js';

export class InProcessBus implements StreamBus {
  private readonly listeners = new Map<string, Set<Sleeper>>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly logger: Logger;
  private closed = false;

  /** `knex` belongs to the caller: close() stops the subscriptions but does not destroy it. */
  constructor(
    private readonly knex: Knex,
    private readonly options: BusOptions,
  ) {
    this.logger = options.logger.child({ component: 'in-process-bus' });
  }

  async publish(stream: string, envelope: Envelope): Promise<void> {
    await this.append({ stream, envelope: JSON.stringify(envelope), eventId: envelope.event_id, eventType: envelope.event_type });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error('the stream bus is closed');
    validateSubscription(options);
    const inner = await startLocalSubscription(
      {
        knex: this.knex,
        options: this.options,
        logger: this.logger,
        deadLetter: (group, letter) => this.deadLetter(group, letter),
        listen: (streams, sleeper) => this.listen(streams, sleeper),
      },
      options,
    );
    const subscription: Subscription = {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await inner.stop();
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  stats(streams: string[]): Promise<GroupStats[]> {
    return localStats(this.knex, streams);
  }

  trim(streams: string[], olderThanMs: number): Promise<number> {
    return localTrim(this.knex, streams, olderThanMs);
  }

  async ping(): Promise<void> {
    await this.knex.raw('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  private async append(entry: NewLocalEntry): Promise<void> {
    await appendEntry(this.knex, entry);
    // Committed: wake this process's readers of the stream now instead of at their next poll.
    for (const sleeper of this.listeners.get(entry.stream) ?? []) sleeper.wake();
  }

  /** The copy keeps the payload as its envelope (replayable) and where it came from and why in headers. */
  private async deadLetter(group: string, letter: DeadLetter): Promise<void> {
    await this.append({
      stream: deadLetterStreamOf(this.options, group),
      envelope: letter.payload,
      eventId: letter.eventId,
      eventType: letter.eventType,
      headers: { source_stream: letter.stream, source_entry_id: letter.entryId, group, error: letter.error, deliveries: letter.deliveries },
    });
    await this.options.deadLetters.record(letter);
  }

  private listen(streams: string[], sleeper: Sleeper): () => void {
    for (const stream of streams) {
      const set = this.listeners.get(stream) ?? new Set<Sleeper>();
      set.add(sleeper);
      this.listeners.set(stream, set);
    }
    return () => {
      for (const stream of streams) this.listeners.get(stream)?.delete(sleeper);
    };
  }
}
