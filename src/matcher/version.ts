/**
 * The version of the matching rules this matcher runs, reported in E9 `processing_metadata` so a
 * teacher's suggestion can be traced to the calibration that produced it. Bump it whenever
 * src/matching changes scores or reasons: it is also part of the request key (requestKey.ts), so a
 * re-sent request after an upgrade is answered again instead of being taken for a duplicate.
 */
export const ENGINE_VERSION = 'matching-engine/2'; // issue 13: the roster-driven engine
