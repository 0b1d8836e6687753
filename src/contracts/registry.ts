/**
 * Topic → payload schema, and the two-step decode every consumer uses (flow-spec §1): envelope first,
 * then `data` against the topic's schema. Failures come back as a precise reason for the dead-letter path.
 */
import type { z } from 'zod';
import type { Envelope } from '../../actors/ports.js';
import { batchContentProvisioningCompletedSchema, batchEssaysReadySchema, batchEssaysRegisteredSchema } from './batchEvents.js';
import { classCreatedSchema, classUpdatedSchema, studentCreatedSchema, studentUpdatedSchema } from './classEvents.js';
import { envelopeSchema, type UntypedEnvelope } from './envelope.js';
import {
  essayContentProvisionedSchema,
  essaySlotAssignedSchema,
  essayValidationFailedSchema,
  excessContentProvisionedSchema,
} from './fileEvents.js';
import { type ParseOutcome, validate } from './issues.js';
import {
  authorMatchesSuggestedSchema,
  studentMatchingInitiateCommandSchema,
  studentMatchingRequestedSchema,
} from './matchingEvents.js';
import { teacherNotificationRequestedSchema } from './notificationEvents.js';
import { E9_SHORT_EVENT_TYPE, isTopic, type Topic, TOPICS } from './topics.js';
import { studentAssociationsConfirmedSchema, validationTimeoutRequestedSchema } from './validationEvents.js';

export const payloadSchemas = {
  [TOPICS.batchEssaysRegistered]: batchEssaysRegisteredSchema,
  [TOPICS.essayContentProvisioned]: essayContentProvisionedSchema,
  [TOPICS.essayValidationFailed]: essayValidationFailedSchema,
  [TOPICS.essaySlotAssigned]: essaySlotAssignedSchema,
  [TOPICS.excessContentProvisioned]: excessContentProvisionedSchema,
  [TOPICS.batchContentProvisioningCompleted]: batchContentProvisioningCompletedSchema,
  [TOPICS.studentMatchingInitiateCommand]: studentMatchingInitiateCommandSchema,
  [TOPICS.studentMatchingRequested]: studentMatchingRequestedSchema,
  [TOPICS.authorMatchesSuggested]: authorMatchesSuggestedSchema,
  [TOPICS.studentAssociationsConfirmed]: studentAssociationsConfirmedSchema,
  [TOPICS.batchEssaysReady]: batchEssaysReadySchema,
  [TOPICS.teacherNotificationRequested]: teacherNotificationRequestedSchema,
  [TOPICS.validationTimeoutRequested]: validationTimeoutRequestedSchema,
  [TOPICS.classCreated]: classCreatedSchema,
  [TOPICS.classUpdated]: classUpdatedSchema,
  [TOPICS.studentCreated]: studentCreatedSchema,
  [TOPICS.studentUpdated]: studentUpdatedSchema,
} as const satisfies Record<Topic, z.ZodType>;

export type PayloadOf<T extends Topic> = z.output<(typeof payloadSchemas)[T]>;

/** What `event_type` may say on a topic: the topic itself; for E9 also the reference's short name (flow-spec §1). */
export function acceptedEventTypes(topic: Topic): readonly string[] {
  return topic === TOPICS.authorMatchesSuggested ? [topic, E9_SHORT_EVENT_TYPE] : [topic];
}

/** Stream entries arrive as text (or bytes); anything else is taken as an already-decoded value. */
function decode(raw: unknown): { ok: true; value: unknown } | { ok: false; reason: string } {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (raw instanceof Uint8Array) text = new TextDecoder().decode(raw);
  else return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Step one: JSON text (or a decoded value) → envelope with `data` still untyped. */
export function parseEnvelope(raw: unknown): ParseOutcome<UntypedEnvelope> {
  const decoded = decode(raw);
  if (!decoded.ok) return decoded;
  const envelope = validate(envelopeSchema, decoded.value, 'envelope');
  return envelope.ok ? { ok: true, envelope: envelope.value } : envelope;
}

/** Both steps for a message read from `topic`'s stream; `data` comes back typed by the topic's schema. */
export function parseEvent<T extends Topic>(topic: T, raw: unknown): ParseOutcome<Envelope<PayloadOf<T>>>;
export function parseEvent(topic: string, raw: unknown): ParseOutcome<Envelope<unknown>>;
export function parseEvent(topic: string, raw: unknown): ParseOutcome<Envelope<unknown>> {
  if (!isTopic(topic)) return { ok: false, reason: `unknown topic "${topic}"` };
  const parsed = parseEnvelope(raw);
  if (!parsed.ok) return parsed;
  const { envelope } = parsed;
  const accepted = acceptedEventTypes(topic);
  if (!accepted.includes(envelope.event_type)) {
    const expected = accepted.map((t) => `"${t}"`).join(' or ');
    return { ok: false, reason: `envelope.event_type: "${envelope.event_type}" does not belong on topic "${topic}" (expected ${expected})` };
  }
  const schema: z.ZodType = payloadSchemas[topic];
  const data = validate(schema, envelope.data, 'data');
  return data.ok ? { ok: true, envelope: { ...envelope, data: data.value } } : data;
}
