import type { z } from 'zod';
import type { OutboxMessage } from '../../actors/ports.js';
import {
  TOPICS,
  classCreatedSchema,
  classUpdatedSchema,
  newEnvelope,
  studentCreatedSchema,
  studentUpdatedSchema,
  teacherNotificationRequestedSchema,
  type CourseCode,
  type TeacherNotificationRequestedV1,
} from '../contracts/index.js';

// E13 class/student events and E12 teacher notifications (flow-spec §2, §7). They are written to the
// outbox in the transaction of the change itself, never afterwards (fixes G7).

export interface EventContext {
  correlationId: string;
  sourceService: string;
  streamKey: (topic: string) => string;
  /** The teacher who made the change (and who is notified). */
  userId: string;
  now: Date;
}

function message<S extends z.ZodType>(ctx: EventContext, topic: string, schema: S, data: z.input<S>, key: string): OutboxMessage {
  const envelope = newEnvelope({
    eventType: topic,
    data: schema.parse(data), // a drifting payload is our bug: fail the transaction, not the consumer
    correlationId: ctx.correlationId,
    sourceService: ctx.sourceService,
    metadata: { user_id: ctx.userId, partition_key: key },
    now: ctx.now,
  });
  return { batchId: null, batchVersion: null, stream: ctx.streamKey(topic), envelope };
}

type NotificationFields = Pick<TeacherNotificationRequestedV1, 'notification_type' | 'category' | 'priority' | 'payload' | 'class_id'>;

export function notification(ctx: EventContext, fields: NotificationFields): OutboxMessage {
  const data = {
    teacher_id: ctx.userId,
    action_required: false,
    deadline_timestamp: null,
    correlation_id: ctx.correlationId,
    batch_id: null,
    timestamp: ctx.now.toISOString(),
    ...fields,
  };
  return message(ctx, TOPICS.teacherNotificationRequested, teacherNotificationRequestedSchema, data, ctx.userId);
}

const base = (ctx: EventContext) => ({ correlation_id: ctx.correlationId, timestamp: ctx.now.toISOString() });

export function classCreatedMessages(ctx: EventContext, cls: { id: string; name: string; course_code: CourseCode }): OutboxMessage[] {
  const data = { event: 'class.created' as const, class_id: cls.id, class_designation: cls.name, course_codes: [cls.course_code], user_id: ctx.userId, ...base(ctx) };
  return [
    message(ctx, TOPICS.classCreated, classCreatedSchema, data, cls.id),
    notification(ctx, {
      notification_type: 'class_created',
      category: 'class_management',
      priority: 'standard',
      class_id: cls.id,
      payload: { class_id: cls.id, class_designation: cls.name, course_codes: [cls.course_code], message: `Class "${cls.name}" was created` },
    }),
  ];
}

/** `null` fields mean "unchanged" (reference ClassUpdatedV1). */
export function classUpdatedMessage(ctx: EventContext, classId: string, change: { name?: string | undefined; course_code?: CourseCode | undefined }): OutboxMessage {
  const data = {
    event: 'class.updated' as const,
    class_id: classId,
    class_designation: change.name ?? null,
    course_codes: change.course_code ? [change.course_code] : null,
    user_id: ctx.userId,
    ...base(ctx),
  };
  return message(ctx, TOPICS.classUpdated, classUpdatedSchema, data, classId);
}

export interface StudentFacts {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
}

export function studentCreatedMessage(ctx: EventContext, student: StudentFacts, classIds: readonly string[]): OutboxMessage {
  const data = {
    event: 'student.created' as const,
    student_id: student.id,
    first_name: student.first_name,
    last_name: student.last_name,
    student_email: student.email,
    class_ids: [...classIds],
    created_by_user_id: ctx.userId,
    ...base(ctx),
  };
  return message(ctx, TOPICS.studentCreated, studentCreatedSchema, data, student.id);
}

export interface StudentChange {
  first_name?: string | undefined;
  last_name?: string | undefined;
  email?: string | null | undefined;
  add_class_ids?: readonly string[] | undefined;
  remove_class_ids?: readonly string[] | undefined;
}

/** Only what changed is non-null; an e-mail cleared to null is indistinguishable in the reference shape. */
export function studentUpdatedMessage(ctx: EventContext, studentId: string, change: StudentChange): OutboxMessage {
  const list = (ids: readonly string[] | undefined) => (ids && ids.length > 0 ? [...ids] : null);
  const data = {
    event: 'student.updated' as const,
    student_id: studentId,
    first_name: change.first_name ?? null,
    last_name: change.last_name ?? null,
    student_email: change.email ?? null,
    add_class_ids: list(change.add_class_ids),
    remove_class_ids: list(change.remove_class_ids),
    updated_by_user_id: ctx.userId,
    ...base(ctx),
  };
  return message(ctx, TOPICS.studentUpdated, studentUpdatedSchema, data, studentId);
}

/** flow-spec §7 `student_added_to_class` (class_management, low); the teacher is the class owner = the caller. */
export function studentAddedNotification(ctx: EventContext, student: StudentFacts, cls: { id: string; name: string }): OutboxMessage {
  const studentName = `${student.first_name} ${student.last_name}`;
  return notification(ctx, {
    notification_type: 'student_added_to_class',
    category: 'class_management',
    priority: 'low',
    class_id: cls.id,
    payload: { student_id: student.id, student_name: studentName, class_id: cls.id, class_designation: cls.name, message: `${studentName} was added to ${cls.name}` },
  });
}

export interface RosterImportSummary {
  rows: number;
  created: number;
  already_present: number;
  rejected: number;
}

/** Issue 6 "roster import finished": one per import, with the report's counts (class_management, standard). */
export function rosterImportedNotification(ctx: EventContext, cls: { id: string; name: string }, summary: RosterImportSummary): OutboxMessage {
  const message = `Roster import into ${cls.name} finished: ${summary.created} created, ${summary.already_present} already present, ${summary.rejected} rejected`;
  return notification(ctx, {
    notification_type: 'roster_import_finished',
    category: 'class_management',
    priority: 'standard',
    class_id: cls.id,
    payload: { class_id: cls.id, class_designation: cls.name, ...summary, message },
  });
}
