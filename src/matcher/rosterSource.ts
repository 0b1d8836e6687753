/**
 * The roster port (issue 5 item 4): where the matcher reads a class's students. Two adapters:
 * knexRosterSource.ts (class tables, in-process) and httpRosterSource.ts (the class API, for a matcher
 * running in another process or service). Neither caches: the reference's 1 h roster cache hid
 * students added after a first match (flow-spec §10 G18), and one read per request is cheap.
 */
import type { RosterStudent } from '../matching/index.js';

export type { RosterStudent };

export interface RosterSource {
  /**
   * The enrolled real students of a class, never the UNKNOWN placeholder (G8); `null` when the class
   * does not exist. Throws on transport/database failures, which the bus retries.
   */
  rosterOf(classId: string): Promise<RosterStudent[] | null>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our ids are UUID columns: anything else cannot name a row, and PostgreSQL would reject the query. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
