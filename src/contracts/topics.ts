/**
 * Reference topic names (flow-spec §2). Each topic is one stream; its key is the topic itself,
 * optionally prefixed (ARCHITECTURE §4), so the platform's other services can interoperate.
 * The envelope's `event_type` carries the same full topic name (flow-spec §1).
 */
export const TOPICS = {
  /** E1 BOS → ELS */
  batchEssaysRegistered: 'huleedu.batch.essays.registered.v1',
  /** E2 File service → ELS */
  essayContentProvisioned: 'huleedu.file.essay.content.provisioned.v1',
  /** E3 File service → ELS */
  essayValidationFailed: 'huleedu.file.essay.validation.failed.v1',
  /** E4 ELS → tracing only */
  essaySlotAssigned: 'huleedu.els.essay.slot.assigned.v1',
  /** E5 ELS → nobody in the reference; kept so an excess upload is visible on the bus */
  excessContentProvisioned: 'huleedu.els.excess.content.provisioned.v1',
  /** E6 ELS → BOS */
  batchContentProvisioningCompleted: 'huleedu.batch.content.provisioning.completed.v1',
  /** E7 BOS → ELS */
  studentMatchingInitiateCommand: 'huleedu.batch.student.matching.initiate.command.v1',
  /** E8 ELS → NLP (our matcher) */
  studentMatchingRequested: 'huleedu.batch.student.matching.requested.v1',
  /** E9 NLP → CMS */
  authorMatchesSuggested: 'huleedu.batch.author.matches.suggested.v1',
  /** E10 CMS → ELS and BOS */
  studentAssociationsConfirmed: 'huleedu.class.student.associations.confirmed.v1',
  /** E11 ELS → BOS (REGULAR batches only) */
  batchEssaysReady: 'huleedu.els.batch.essays.ready.v1',
  /** E12 anyone → websocket relay */
  teacherNotificationRequested: 'huleedu.notification.teacher.requested.v1',
  /** Ours: a batch timed out; the class side applies the timeout policy and answers (ARCHITECTURE §3) */
  validationTimeoutRequested: 'huleedu.batch.validation.timeout.requested.v1',
  /** E13 CMS → nobody in Phase 1 */
  classCreated: 'huleedu.class.created.v1',
  classUpdated: 'huleedu.class.updated.v1',
  studentCreated: 'huleedu.class.student.created.v1',
  studentUpdated: 'huleedu.class.student.updated.v1',
} as const;

export type TopicName = keyof typeof TOPICS;
export type Topic = (typeof TOPICS)[TopicName];

export const ALL_TOPICS: readonly Topic[] = Object.values(TOPICS);

/**
 * The reference CMS matcher also accepts the bare enum value as `event_type` for E9 (flow-spec §1, §9),
 * so a reference NLP producer that sends it is still understood. No other topic has such an alias.
 */
export const E9_SHORT_EVENT_TYPE = 'batch.author.matches.suggested';

export function isTopic(value: string): value is Topic {
  return (ALL_TOPICS as readonly string[]).includes(value);
}

/** Separators a configured prefix may already end with; anything else gets `:` added. */
const PREFIX_SEPARATORS = [':', '.', '_', '-'];

/**
 * The Redis stream key for a topic: the topic itself, or `<prefix>:<topic>` when `STREAM_PREFIX` is set
 * (the prefix is used verbatim when it already ends with one of `: . _ -`). The prefix lets test runs or
 * tenants share one Redis without their streams colliding.
 */
export function streamKey(prefix: string, topic: string): string {
  if (prefix === '') return topic;
  const last = prefix.slice(-1);
  return PREFIX_SEPARATORS.includes(last) ? `${prefix}${topic}` : `${prefix}:${topic}`;
}
