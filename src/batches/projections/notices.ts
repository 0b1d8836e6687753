import { TOPICS } from '../../contracts/index.js';
import { isoNow, loadBatch, publish, type ProjectionContext } from './publish.js';

type Category = 'batch_progress' | 'file_operations' | 'student_workflow' | 'system_alerts' | 'class_management';
type Priority = 'critical' | 'immediate' | 'high' | 'standard' | 'low';

interface NoticeKind {
  type: string;
  category: Category;
  priority: Priority;
  actionRequired: boolean;
  message: string;
}

/** What each machine notice means to a teacher (flow-spec §7 enums; G10: every step tells the teacher). */
export const NOTICES: Record<string, NoticeKind> = {
  validation_required: { type: 'student_matching_validation_required', category: 'student_workflow', priority: 'high', actionRequired: true, message: 'Suggested authors are ready: please check and confirm them before the deadline' },
  association_changed: { type: 'student_association_changed', category: 'student_workflow', priority: 'low', actionRequired: false, message: 'An essay was assigned to a student' },
  associations_confirmed: { type: 'student_associations_confirmed', category: 'student_workflow', priority: 'high', actionRequired: false, message: 'Student associations confirmed' },
  validation_timed_out: { type: 'validation_timeout_processed', category: 'student_workflow', priority: 'immediate', actionRequired: false, message: 'Nobody confirmed in time: confident suggestions were kept, the rest went to UNKNOWN' },
  batch_ready: { type: 'batch_ready', category: 'batch_progress', priority: 'standard', actionRequired: false, message: 'The batch is ready for processing' },
  batch_failed: { type: 'batch_failed', category: 'system_alerts', priority: 'immediate', actionRequired: false, message: 'The batch failed: no essay could be read' },
  batch_cancelled: { type: 'batch_cancelled', category: 'batch_progress', priority: 'low', actionRequired: false, message: 'The batch was cancelled' },
  essay_rejected: { type: 'essay_rejected', category: 'file_operations', priority: 'high', actionRequired: false, message: 'A file could not be used as an essay' },
};

/**
 * Records a teacher notification (kept for websocket resume, issue 6) and publishes E12 in the same
 * transaction. The notification id travels in the payload so every process pushes the same id.
 */
export async function notify(ctx: ProjectionContext, notice: string, detail: Record<string, unknown> = {}): Promise<void> {
  const kind = NOTICES[notice];
  if (!kind) throw new Error(`unknown notice "${notice}"`);
  const batch = await loadBatch(ctx);
  const deadline = kind.actionRequired ? await validationDeadline(ctx) : null;
  const data = { ...detail, message: kind.message, batch_id: batch.id, class_id: batch.class_id, deadline, state_version: ctx.meta.version };
  const request = {
    teacher_id: batch.owner_id,
    notification_type: kind.type,
    category: kind.category,
    priority: kind.priority,
    payload: data,
    action_required: kind.actionRequired,
    deadline_timestamp: deadline,
    correlation_id: ctx.meta.correlationId,
    batch_id: batch.id,
    class_id: batch.class_id,
    timestamp: isoNow(ctx),
  };
  const id = await ctx.tx.recordNotification(request);
  publish(ctx, TOPICS.teacherNotificationRequested, { ...request, payload: { ...data, notification_id: id } });
}

async function validationDeadline(ctx: ProjectionContext): Promise<string | null> {
  const due = await ctx.tx.validationDeadline(ctx.meta.batchId);
  return due ? due.toISOString() : null;
}
