/**
 * The product alone in a child process (all roles, configured from the environment like `npm start`),
 * so the memory stage reads the RSS of a process that holds nothing but the product. Talks over IPC:
 * sends {url} once started, answers 'memory' with process.memoryUsage(), registers batches through the
 * product's own registration function (the runtime API, without HTTP) on request, stops on 'stop'.
 */
import { randomUUID } from 'node:crypto';
import { registerBatch } from '../../src/batches/registration.js';
import { configFromProcessEnv } from '../../src/config.js';
import { streamKey } from '../../src/contracts/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { startService } from '../../src/main.js';

export type ChildMessage =
  | { type: 'started'; url: string }
  | { type: 'memory'; usage: NodeJS.MemoryUsage }
  | { type: 'registered'; seconds: number };

export type ParentMessage =
  | 'memory'
  | 'stop'
  | { type: 'register'; owners: { ownerId: string; classId: string }[]; count: number; slots: number; concurrency: number };

const send = (message: ChildMessage) => process.send?.(message);

const logger = createSilentLogger();
const config = configFromProcessEnv();
const service = await startService(config, logger);
const deps = { store: service.batchStore, runtime: service.runtime, logger, config, streamKey: (topic: string) => streamKey(config.STREAM_PREFIX, topic), now: () => new Date(), untrusted: service.untrusted() };

/** What POST /v1/batches does after auth and validation, `concurrency` at a time. */
async function register(request: Extract<ParentMessage, { type: 'register' }>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: request.concurrency }, async () => {
      while (next < request.count) {
        const owner = request.owners[next++ % request.owners.length]!;
        await registerBatch(deps, {
          principal: { userId: owner.ownerId, role: 'teacher', via: 'jwt' },
          body: { expected_essay_count: request.slots, course_code: 'ENG6', class_id: owner.classId },
          correlationId: randomUUID(),
        });
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

process.on('message', (message: ParentMessage) => {
  if (message === 'memory') send({ type: 'memory', usage: process.memoryUsage() });
  else if (message === 'stop') void service.stop().then(() => process.exit(0), () => process.exit(1));
  else if (message.type === 'register') void register(message).then((seconds) => send({ type: 'registered', seconds }), (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
send({ type: 'started', url: service.url! });
