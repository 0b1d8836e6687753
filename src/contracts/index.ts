/** Public API of the event contracts (ARCHITECTURE §4): topics, envelope, payload schemas, decoding. */
export * from './topics.js';
export * from './common.js';
export * from './envelope.js';
export * from './batchEvents.js';
export * from './fileEvents.js';
export * from './matchResults.js';
export * from './matchingEvents.js';
export * from './validationEvents.js';
export * from './notificationEvents.js';
export * from './classEvents.js';
export { describeIssues, pathToString, validate, type ParseOutcome, type Validated } from './issues.js';
export { acceptedEventTypes, parseEnvelope, parseEvent, payloadSchemas, type PayloadOf } from './registry.js';
