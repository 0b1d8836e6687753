import { z } from 'zod';
import type { ActorDefinition, MachineEvent } from '../../actors/actorDefinition.js';
import type { Envelope } from '../../actors/ports.js';
import { batchMachine, BATCH_STATES, type BatchEvent, type BatchInput } from '../../machines/batch/index.js';
import { parseKnownState } from './snapshotStates.js';
import { TOPICS, type EssayContentProvisionedV1, type EssayValidationFailedV1, type BatchAuthorMatchesSuggestedV1 } from '../contracts/index.js';

export const BATCH_MACHINE_ID = 'batch';
export const BATCH_MACHINE_VERSION = 1;

/** jsonb is a boundary: a snapshot that does not fit the machine fails loudly instead of misbehaving. */
export const snapshotSchema = z.object({
  value: z.enum(BATCH_STATES),
  context: z.object({
    batchId: z.string(),
    ownerId: z.string(),
    classId: z.string().nullable(),
    courseCode: z.string(),
    slots: z.array(z.object({ essayId: z.string(), status: z.enum(['awaiting', 'provisioned', 'failed']), contentKey: z.string().nullable() })),
    matchingRerequests: z.number().int().min(0),
  }),
});

/** Registration input plus what only the read model needs (client essay ids). */
export interface BatchRegistration extends BatchInput {
  clientEssayIds: (string | null)[];
}

export const batchDefinition: ActorDefinition = {
  machineId: BATCH_MACHINE_ID,
  machineVersion: BATCH_MACHINE_VERSION,
  machine: batchMachine,
  parseSnapshot: (raw) => parseKnownState(raw, BATCH_MACHINE_VERSION, (value) => snapshotSchema.parse(value)),
  toEvent: (envelope) => toBatchEvent(envelope) as MachineEvent | null,
  attributes: (input) => {
    const registration = input as BatchRegistration;
    return { owner_id: registration.ownerId, class_id: registration.classId, course_code: registration.courseCode, expected_count: registration.essayIds.length };
  },
};

/** Stream events → machine events. Payloads were validated by the consumer's route before this runs. */
function toBatchEvent(envelope: Envelope): BatchEvent | null {
  switch (envelope.event_type) {
    case TOPICS.essayContentProvisioned: {
      const data = envelope.data as EssayContentProvisionedV1;
      return {
        type: 'CONTENT_PROVISIONED',
        contentKey: data.content_md5_hash ?? data.text_storage_id,
        fileUploadId: data.file_upload_id,
        filename: data.original_file_name,
        textStorageId: data.text_storage_id,
        sizeBytes: data.file_size_bytes,
      };
    }
    case TOPICS.essayValidationFailed: {
      const data = envelope.data as EssayValidationFailedV1;
      return {
        type: 'CONTENT_REJECTED',
        contentKey: `upload:${data.file_upload_id}`,
        fileUploadId: data.file_upload_id,
        filename: data.original_file_name,
        code: data.validation_error_code,
        detail: data.validation_error_detail.message,
      };
    }
    case TOPICS.authorMatchesSuggested: {
      const data = envelope.data as BatchAuthorMatchesSuggestedV1;
      return { type: 'SUGGESTIONS_RECEIVED', results: data.match_results, summary: data.processing_summary };
    }
    default:
      return null;
  }
}
