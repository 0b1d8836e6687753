/**
 * The service as a child process (`npm start`, `node --import tsx scripts/start.ts` or the compiled
 * `node dist/scripts/start.js`), in its own process group so a stop reaches npm's children too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ServiceProcess {
  child: ChildProcess;
  /** Where the api role listens (null for a process without it). */
  url: string | null;
  /** Every line the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM to the group and wait for the exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

const STARTED = /essay matching service (?:listening on (http:\/\/\S+)|running)/;

export async function startServiceProcess(command: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<ServiceProcess> {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const url = await new Promise<string | null>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = STARTED.exec(output);
      if (match) resolve(match[1] ?? null);
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited with ${code} before it started:\n${output}`)));
  });
  return {
    child,
    url,
    output: () => output,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
