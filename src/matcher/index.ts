/** Public API of the matcher role (issue 5 item 4); wiring is in src/main.ts. */
export { createMatcherRole, MATCHER_GROUP, DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_CONCURRENCY, type MatcherRoleOptions } from './matcherRole.js';
export { createMatcherHandler, type MatcherHandlerDeps } from './matcherHandler.js';
export type { RosterSource, RosterStudent } from './rosterSource.js';
export { createKnexRosterSource } from './knexRosterSource.js';
export { createHttpRosterSource, RosterHttpError, ROSTER_TIMEOUT_MS, type HttpRosterOptions } from './httpRosterSource.js';
export { createKnexTextSource, type EssayText, type TextSource } from './textSource.js';
export { INBOX_CONSUMER, REQUEST_KEY_CONSUMER } from './matcherInbox.js';
export { requestKeyOf } from './requestKey.js';
export { ENGINE_VERSION } from './version.js';
