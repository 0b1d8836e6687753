/**
 * The content key of a matching request, for deduplicating *re-sent* requests (new event_id, same
 * batch). Two requests with the same key would get the same answer: same batch, class and course, same
 * essays (id, text, file name), the same roster and the same engine version. So:
 * - a redelivered E8 (same event_id) is stopped by the inbox row `(matcher, event_id)`;
 * - a re-sent E8 with this key already answered (without failures) produces no second E9;
 * - a re-sent E8 after the roster changed (a teacher added the missing student) or whose earlier answer
 *   had failed essays is answered again — that is what a re-request is for (G5: no silent dead end).
 * The batch actor ignores late or duplicate results itself, so this only saves it noise.
 */
import { createHash } from 'node:crypto';
import type { BatchStudentMatchingRequestedV1 } from '../contracts/index.js';
import type { RosterStudent } from './rosterSource.js';
import { ENGINE_VERSION } from './version.js';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function requestKeyOf(request: BatchStudentMatchingRequestedV1, roster: readonly RosterStudent[] | null, rematch = 0): string {
  const essays = request.essays_to_process.map((e) => [e.essay_id, e.text_storage_id, e.filename]).sort((a, b) => byText(a.join('\u0000'), b.join('\u0000')));
  // null (unknown class) and [] (empty roster) are different answers, so they hash differently.
  const students =
    roster === null
      ? null
      : roster
          .map((s) => [s.student_id, s.first_name, s.last_name, s.full_legal_name ?? '', s.email ?? ''])
          .sort((a, b) => byText(a.join('\u0000'), b.join('\u0000')));
  // A teacher's "match again" (issue 14, envelope metadata.rematch) is a new request, never a re-sent one;
  // 0 adds nothing, so the keys of ordinary requests stay what they were.
  const parts = [ENGINE_VERSION, request.batch_id, request.class_id, request.course_code, essays, students];
  const material = JSON.stringify(rematch > 0 ? [...parts, rematch] : parts);
  return createHash('sha256').update(material).digest('hex');
}
