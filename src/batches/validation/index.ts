/** Teacher validation of essay authors and the validation-timeout policy (issue 4 §5–6). */
export { validationRoutes } from './validation.routes.js';
export { createTimeoutPolicyConsumer, createTimeoutPolicyHandler, TIMEOUT_POLICY_GROUP, type TimeoutPolicyConsumerOptions, type TimeoutPolicyDeps } from './timeoutPolicy.js';
