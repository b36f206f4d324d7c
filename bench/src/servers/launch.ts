import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { ServerEnv, ServerMessage } from './child';

export type Target = 'ours' | 'postgraphile' | 'limit';

export interface RunningServer {
  target: Target;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const ENTRY: Record<Target, string> = { ours: 'ours.js', postgraphile: 'postgraphile.js', limit: 'limit.js' };

/**
 * Starts a server under test in its own Node.js process (so it never shares an event loop with
 * the load generator or another server) and waits until it listens on 127.0.0.1.
 */
export function launchServer(target: Target, env: ServerEnv, nodeFlags: string[] = []): Promise<RunningServer> {
  const child: ChildProcess = fork(join(__dirname, ENTRY[target]), [], {
    execArgv: nodeFlags,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.on('error', () => undefined); // e.g. a send after it went away; stop() falls back to a signal
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${target} did not start within 120 s`));
    }, 120_000);
    const exitedDuringStart = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${target} exited during start (code ${code})`));
    };
    child.once('exit', exitedDuringStart);
    child.on('message', (message: ServerMessage) => {
      clearTimeout(timer);
      if (message.type === 'failed') {
        reject(new Error(`${target} failed to start: ${message.error}`));
        return;
      }
      child.off('exit', exitedDuringStart);
      let stopping: Promise<void> | undefined;
      resolve({
        target,
        url: `http://127.0.0.1:${message.port}`,
        pid: child.pid ?? -1,
        stop: () =>
          (stopping ??= (async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            if (child.connected) child.send({ type: 'stop' });
            else child.kill('SIGTERM');
            const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
            await exited;
            clearTimeout(timeout);
          })()),
      });
    });
  });
}
