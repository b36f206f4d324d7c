import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { Target } from '../servers/launch';

/** One measured (or warm-up) window of load on one target. */
export interface LoadSpec {
  target: Target;
  scenario: string;
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  seed: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  /** Latencies in milliseconds. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Responses whose body was checked. */
  checked: number;
  /** Everything that went wrong: invalid answers (status, body, GraphQL errors) and socket errors. */
  errors: number;
  invalid: number;
  socketErrors: number;
  timeouts: number;
  samples: string[];
}

export interface WorkerRequest {
  id: number;
  spec: LoadSpec;
}

export type WorkerMessage = { id: number; ready: true } | { id: number; result: LoadResult } | { id: number; error: string };

/** The load generator process, driven over IPC. */
export class LoadWorker {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('error', () => undefined); // a send after the worker went away; run() rejects instead
    child.on('message', (message: WorkerMessage) => {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if ('result' in message) waiting.resolve(message.result);
      else if ('error' in message) waiting.reject(new Error(message.error));
    });
    child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`the load generator exited (code ${code})`));
      this.pending.clear();
    });
  }

  static start(fixturesPath: string): Promise<LoadWorker> {
    const child = fork(join(__dirname, 'worker.js'), [fixturesPath], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      const exitedDuringStart = (code: number | null) => reject(new Error(`the load generator exited during start (code ${code})`));
      child.once('exit', exitedDuringStart);
      child.once('message', () => {
        child.off('exit', exitedDuringStart);
        resolve(new LoadWorker(child));
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  run(spec: LoadSpec): Promise<LoadResult> {
    const id = this.next++;
    if (!this.child.connected) return Promise.reject(new Error('the load generator has stopped'));
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, spec } satisfies WorkerRequest);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    if (this.child.connected) this.child.disconnect();
    else this.child.kill('SIGTERM');
    await exited;
  }
}
