/** Teacher notifications (flow-spec §2 E12, §7): the only topic the websocket relay consumes. */
import { z } from 'zod';
import { idString, isoDateTime, jsonObject, uuid } from './common.js';

export const NOTIFICATION_CATEGORIES = [
  'batch_progress',
  'processing_results',
  'file_operations',
  'class_management',
  'student_workflow',
  'system_alerts',
] as const;
export const notificationCategorySchema = z.enum(NOTIFICATION_CATEGORIES);
export type NotificationCategory = z.infer<typeof notificationCategorySchema>;

export const NOTIFICATION_PRIORITIES = ['critical', 'immediate', 'high', 'standard', 'low'] as const;
export const notificationPrioritySchema = z.enum(NOTIFICATION_PRIORITIES);
export type NotificationPriority = z.infer<typeof notificationPrioritySchema>;

/**
 * E12 `huleedu.notification.teacher.requested.v1`. The relay trusts `teacher_id`, so the producer must
 * have checked ownership. `notification_type` stays an open string (e.g. `class_created`,
 * `student_associations_confirmed`); `payload` is type-specific.
 * `correlation_id` is a UUID because it is copied from the causing envelope's correlation id (flow-spec §1).
 */
export const teacherNotificationRequestedSchema = z.object({
  teacher_id: idString,
  notification_type: z.string().min(1),
  category: notificationCategorySchema,
  priority: notificationPrioritySchema,
  payload: jsonObject,
  action_required: z.boolean(),
  deadline_timestamp: isoDateTime.nullable(),
  correlation_id: uuid,
  batch_id: z.string().min(1).nullable(),
  class_id: z.string().min(1).nullable(),
  timestamp: isoDateTime,
});
export type TeacherNotificationRequestedV1 = z.infer<typeof teacherNotificationRequestedSchema>;
