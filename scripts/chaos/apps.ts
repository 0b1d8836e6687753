/**
 * The app processes of a chaos run: `node --import tsx scripts/start.ts` with roles split, supervised. A
 * process we SIGKILL is restarted after a short pause; one that exits on its own is restarted too, but
 * recorded — before it was ready that is a failed start (PostgreSQL or Redis may be down), after that a crash.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const READY_LINE = 'essay matching service';
const TAIL_LINES = 30;

export interface AppSpec {
  name: string;
  roles: string;
  env: Record<string, string>;
}

export interface Crash {
  app: string;
  at: string;
  code: number | null;
  signal: string | null;
  /** The process's last output lines, for the report. */
  tail: string[];
}

export interface AppStats {
  kills: number;
  starts: number;
  failedStarts: number;
  crashes: Crash[];
}

/** Every app process alive, so an interrupted run can take them down with it. */
const LIVE = new Set<ChildProcess>();

export function killAllApps(): void {
  for (const child of LIVE) child.kill('SIGKILL');
}

export class SupervisedApp {
  private child: ChildProcess | null = null;
  private killedByUs = false;
  private restartDelayMs = 500;
  private ready = false;
  private stopping = false;
  private readonly tail: string[] = [];
  private partial = '';
  private readonly log: WriteStream;
  readonly stats: AppStats = { kills: 0, starts: 0, failedStarts: 0, crashes: [] };
  private readyWaiters: (() => void)[] = [];

  constructor(
    readonly spec: AppSpec,
    logDir: string,
  ) {
    this.log = createWriteStream(path.join(logDir, `${spec.name}.log`), { flags: 'a' });
  }

  get isUp(): boolean {
    return this.child !== null && this.ready;
  }

  start(): void {
    this.killedByUs = false;
    this.ready = false;
    this.partial = '';
    this.stats.starts += 1;
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: REPO,
      env: { ...process.env, ...this.spec.env, ROLES: this.spec.roles },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    LIVE.add(child);
    child.once('exit', () => LIVE.delete(child));
    this.log.write(`\n=== start ${new Date().toISOString()} pid ${child.pid}\n`);
    child.stdout!.on('data', (chunk: Buffer) => this.output(chunk));
    child.stderr!.on('data', (chunk: Buffer) => this.output(chunk));
    child.once('exit', (code, signal) => this.exited(child, code, signal));
  }

  /** Resolves when the process printed that it runs (its roles are started). */
  untilReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** SIGKILL now; the supervisor starts it again after `restartAfterMs`. */
  kill(restartAfterMs: number): boolean {
    if (!this.child || this.child.exitCode !== null || this.stopping) return false;
    this.killedByUs = true;
    this.stats.kills += 1;
    this.child.kill('SIGKILL');
    this.restartDelayMs = restartAfterMs;
    return true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      // 'close', not 'exit': output may still arrive after exit, and the log must not be written after it ends.
      const exited = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    await new Promise((resolve) => this.log.end(resolve));
  }

  private output(chunk: Buffer): void {
    if (!this.log.writableEnded) this.log.write(chunk);
    const lines = (this.partial + chunk.toString()).split('\n');
    this.partial = lines.pop() ?? ''; // a line split across chunks is completed by the next one
    for (const line of lines.filter(Boolean)) {
      this.tail.push(line.slice(0, 500));
      if (this.tail.length > TAIL_LINES) this.tail.shift();
      if (!this.ready && line.includes(READY_LINE)) this.becameReady();
    }
  }

  private becameReady(): void {
    this.ready = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    if (!this.log.writableEnded) this.log.write(`=== exit ${new Date().toISOString()} code ${code} signal ${signal}\n`);
    this.child = null;
    const wasReady = this.ready;
    this.ready = false;
    if (this.stopping) return;
    if (!this.killedByUs) this.recordUnexpectedExit(wasReady, code, signal);
    const delay = this.killedByUs ? this.restartDelayMs : 1000;
    setTimeout(() => {
      if (!this.stopping) this.start();
    }, delay);
  }

  private recordUnexpectedExit(wasReady: boolean, code: number | null, signal: NodeJS.Signals | null): void {
    if (!wasReady) this.stats.failedStarts += 1;
    else this.stats.crashes.push({ app: this.spec.name, at: new Date().toISOString(), code, signal, tail: [...this.tail] });
  }
}
