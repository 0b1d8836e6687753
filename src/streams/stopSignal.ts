/**
 * Lets a loop abandon a transport call when its subscription stops. Needed because ioredis does not
 * reject queued commands when disconnect() is called while it is reconnecting (the command would
 * hang forever), and a knex pool waits up to its acquire timeout while PostgreSQL is down.
 */
export class StoppedError extends Error {
  override readonly name = 'StoppedError';
}

export interface StopSignal {
  readonly stopped: boolean;
  stop(): void;
  /** Settles like `work`, or rejects with StoppedError as soon as stop() is called. */
  race<T>(work: Promise<T>): Promise<T>;
}

export function createStopSignal(): StopSignal {
  let stopped = false;
  let fire = () => {};
  const onStop = new Promise<never>((_, reject) => {
    fire = () => reject(new StoppedError('the subscription was stopped'));
  });
  onStop.catch(() => undefined); // observed through race(); this only marks the rejection handled
  return {
    get stopped() {
      return stopped;
    },
    stop() {
      stopped = true;
      fire();
    },
    race<T>(work: Promise<T>): Promise<T> {
      // An abandoned call may still settle later; its outcome no longer matters to anyone.
      work.catch(() => undefined);
      return Promise.race([work, onStop]);
    },
  };
}
