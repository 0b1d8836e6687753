/**
 * What E10 says for each REGULAR batch against what happened: a batch the teacher confirmed (200) carries
 * their choices with method human and timeout_triggered false; every other batch was confirmed by the
 * deadline (timeout_triggered true, method timeout). And attribution: no suggestion at ≥ 0.7 names anyone
 * but the essay's author, and the timeout never attributes an essay to anyone but its author or UNKNOWN.
 */
import { TOPICS } from '../../src/contracts/index.js';
import { emptyResult, submitted, type CheckInput, type CheckResult } from './checkKit.js';
import type { Json } from './http.js';
import type { BatchRun } from './teachers.js';

const SURE = 0.7;

export async function checkDecisions(input: CheckInput): Promise<CheckResult> {
  const result = emptyResult();
  const regular = submitted(input.runs).filter((r) => !r.guest);
  const rows = (await input.knex('outbox').select('batch_id', 'envelope').where({ event_type: TOPICS.studentAssociationsConfirmed }).whereIn('batch_id', regular.map((r) => r.batchId))) as { batch_id: string; envelope: Json }[];
  const e10 = new Map(rows.map((r) => [r.batch_id, r.envelope.data]));
  const suggestions = (await input.knex('essay_student_associations').select('batch_id', 'essay_id', 'suggested_student_id', 'confidence').whereIn('batch_id', regular.map((r) => r.batchId))) as {
    batch_id: string; essay_id: string; suggested_student_id: string | null; confidence: number | null;
  }[];
  for (const run of regular) {
    const data = e10.get(run.batchId);
    if (!data) continue; // reported by checkEvents
    const authorOf = authorsOf(run);
    if (run.confirm === 'confirmed') checkTeacherConfirm(result, run, data);
    else checkTimeoutConfirm(result, run, data, authorOf);
    for (const s of suggestions.filter((x) => x.batch_id === run.batchId && (x.confidence ?? 0) >= SURE)) {
      // An essay the teacher could not map to its file (a failed upload, reported by the driver check) is skipped.
      if (authorOf.has(s.essay_id) && s.suggested_student_id !== authorOf.get(s.essay_id)) {
        result.violations.push({ check: 'attribution', batch: run.batchId, detail: `essay ${s.essay_id} (${styleOf(run, s.essay_id)}) suggested ${s.suggested_student_id} at ${s.confidence}, author is ${authorOf.get(s.essay_id)}` });
      }
    }
  }
  const confirms = regular.map((r) => r.confirm);
  result.facts.regular_batches = {
    confirmed_by_teacher: confirms.filter((c) => c === 'confirmed').length,
    teacher_lost_race_to_timeout: confirms.filter((c) => c === 'lost_to_timeout').length,
    left_to_timeout: regular.filter((r) => !r.teacherConfirms).length,
    teacher_never_saw_validation: regular.filter((r) => r.teacherConfirms && r.confirm === 'not_attempted').length,
  };
  return result;
}

function checkTeacherConfirm(result: CheckResult, run: BatchRun & { batchId: string }, data: Json): void {
  if (data.timeout_triggered !== false) result.violations.push({ check: 'teacher decisions', batch: run.batchId, detail: 'the teacher confirmed (200) but E10 says timeout_triggered' });
  const finals = new Map<string, Json>(data.associations.map((a: Json) => [a.essay_id, a]));
  for (const [essayId, studentId] of run.decided) {
    const final = finals.get(essayId);
    const expected = studentId ?? 'UNKNOWN';
    const got = final?.student_id && run.teacher.studentIds.includes(final.student_id) ? final.student_id : 'UNKNOWN';
    if (got !== expected || final?.validation_method !== 'human') {
      result.violations.push({ check: 'teacher decisions', batch: run.batchId, detail: `essay ${essayId}: teacher chose ${expected}, E10 has ${got} (${final?.validation_method})` });
    }
  }
}

function checkTimeoutConfirm(result: CheckResult, run: BatchRun & { batchId: string }, data: Json, authorOf: Map<string, string>): void {
  if (data.timeout_triggered !== true) result.violations.push({ check: 'teacher decisions', batch: run.batchId, detail: `nobody confirmed (${run.confirm}) but E10 says timeout_triggered false` });
  for (const a of data.associations as Json[]) {
    if (a.validation_method !== 'timeout') result.violations.push({ check: 'teacher decisions', batch: run.batchId, detail: `essay ${a.essay_id} confirmed ${a.validation_method} without a teacher` });
    const isRealStudent = run.teacher.studentIds.includes(a.student_id);
    if (isRealStudent && authorOf.has(a.essay_id) && a.student_id !== authorOf.get(a.essay_id)) {
      result.violations.push({ check: 'attribution', batch: run.batchId, detail: `timeout gave essay ${a.essay_id} (${styleOf(run, a.essay_id)}) to ${a.student_id}, author is ${authorOf.get(a.essay_id)}` });
    }
  }
}

/** essay id → the author's student id, from the teacher's plan and the upload's file names. */
function authorsOf(run: BatchRun): Map<string, string> {
  return new Map(run.essays.flatMap((e) => {
    const essayId = run.essayIds.get(e.filename);
    return essayId ? [[essayId, run.teacher.studentIds[e.author]!] as const] : [];
  }));
}

function styleOf(run: BatchRun, essayId: string): string {
  const essay = run.essays.find((e) => run.essayIds.get(e.filename) === essayId);
  return essay ? `${essay.style}, ${essay.filename}` : 'unknown essay';
}
