/**
 * The class side of the validation timeout (issue 4 §6, flow-spec §6): consumer group
 * `class-timeout-policy` on the batch's timeout-requested event. It decides every essay by the policy
 * and answers with TIMEOUT_POLICY_APPLIED through applyEvent. The answer's event_id is the trigger's,
 * so a redelivered or doubled trigger is an inbox duplicate: one E10, ever (G8, fixes the reference's
 * lock-free hourly monitor). The batch row lock decides any race with a teacher's confirm (G1, G2).
 */
import type { ActorRuntime } from '../../../actors/actorRuntime.js';
import { newEnvelope, parseEvent, TOPICS, type ValidationTimeoutRequested } from '../../contracts/index.js';
import type { Logger } from '../../logger.js';
import { PoisonMessageError, type BusHandler, type StreamBus, type Subscription } from '../../streams/bus.js';
import type { BatchStore } from '../batchStore.js';
import { timeoutDecision } from './decisions.js';
import { resolveFinals } from './finals.js';

export const TIMEOUT_POLICY_GROUP = 'class-timeout-policy';

export interface TimeoutPolicyDeps {
  store: BatchStore;
  runtime: ActorRuntime;
  logger: Logger;
  /** `source_service` of the answer envelope (journaled); default the group name. */
  sourceService?: string;
}

export function createTimeoutPolicyHandler(deps: TimeoutPolicyDeps): BusHandler {
  return async (entry) => {
    const parsed = parseEvent(TOPICS.validationTimeoutRequested, entry.envelope);
    if (!parsed.ok) throw new PoisonMessageError(parsed.reason);
    const trigger = parsed.envelope;
    const log = deps.logger.child({ batch_id: trigger.data.batch_id, event_id: trigger.event_id, correlation_id: trigger.correlation_id });
    // Only a timedOut batch can use an answer (what follows timedOut is final), so a late trigger creates
    // nothing; it still goes through applyEvent, empty, to be journaled as a duplicate or ignored.
    const associations = (await deps.store.statusOf(trigger.data.batch_id))?.state === 'timedOut' ? await decideAll(deps.store, trigger.data) : [];
    const answer = newEnvelope({
      eventType: 'command.TIMEOUT_POLICY_APPLIED',
      data: { type: 'TIMEOUT_POLICY_APPLIED', associations },
      correlationId: trigger.correlation_id,
      sourceService: deps.sourceService ?? TIMEOUT_POLICY_GROUP,
      eventId: trigger.event_id,
    });
    const result = await deps.runtime.applyEvent(trigger.data.batch_id, answer, { consumer: TIMEOUT_POLICY_GROUP, source: 'stream' });
    log.info('timeout policy handled', { status: result.status, essays: associations.length, deliveries: entry.deliveries });
  };
}

/** Every provisioned essay decided by the policy; UNKNOWN resolved (and created once per class, G8). */
async function decideAll(store: BatchStore, trigger: ValidationTimeoutRequested) {
  const [rows, roster] = await Promise.all([store.associationsOf(trigger.batch_id), store.classRoster(trigger.class_id)]);
  const existingIds = await store.existingStudents(rows.flatMap((r) => (r.chosen_student_id ? [r.chosen_student_id] : [])));
  const facts = { rosterIds: new Set(roster.map((s) => s.student_id)), existingIds };
  return resolveFinals(store, trigger.class_id, rows.map((row) => timeoutDecision(row, facts)));
}

export interface TimeoutPolicyConsumerOptions extends TimeoutPolicyDeps {
  bus: StreamBus;
  streamKey: (topic: string) => string;
  /** Stable consumer name (host-pid) so a restarted process drains its own pending entries first. */
  consumer: string;
}

export async function createTimeoutPolicyConsumer(options: TimeoutPolicyConsumerOptions): Promise<Subscription> {
  const stream = options.streamKey(TOPICS.validationTimeoutRequested);
  const subscription = await options.bus.subscribe({ group: TIMEOUT_POLICY_GROUP, consumer: options.consumer, streams: [stream], handler: createTimeoutPolicyHandler(options) });
  options.logger.info('timeout policy consumer subscribed', { stream, group: TIMEOUT_POLICY_GROUP, consumer: options.consumer });
  return subscription;
}
