/**
 * Every registered version of the batch machine (issue 14): a batch row names its `machine_version` and
 * keeps running on that version (pinned) until an operator migrates it; a version stays here until no live
 * batch uses it (docs/versions.md). The replay fixtures of each version are replayed against it in CI.
 */
import { ActorRegistry, type ActorDefinition } from '../../actors/actorDefinition.js';
import { batchDefinition } from './batchDefinition.js';

export const BATCH_DEFINITIONS: readonly ActorDefinition[] = [batchDefinition];

export const batchRegistry = new ActorRegistry([...BATCH_DEFINITIONS]);
