/** What a server process under test tells the harness (over the IPC channel of `fork`). */
export type ServerMessage = { type: 'ready'; port: number } | { type: 'failed'; error: string };

/**
 * Runs a server under test as a child of the harness: reports its port once listening, stops on
 * the harness's `stop` message (or when the harness goes away), and reports a failed start.
 */
export function serveChild(start: () => Promise<{ port: number; close: () => Promise<void> }>): void {
  const send = (message: ServerMessage) => process.send?.(message);
  let close: (() => Promise<void>) | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(code), 10_000);
    force.unref();
    try {
      await close?.();
    } finally {
      process.exit(code);
    }
  };
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'stop') void stop(0);
  });
  process.on('disconnect', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));
  start().then(
    (server) => {
      close = server.close;
      send({ type: 'ready', port: server.port });
    },
    (error: unknown) => {
      send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      setTimeout(() => process.exit(1), 100);
    },
  );
}

/** Settings the harness passes to every server under test. */
export interface ServerEnv {
  BENCH_DB_URL: string;
  BENCH_POOL_SIZE: string;
  BENCH_JWT_SECRET: string;
}

export function serverEnv(): ServerEnv {
  const read = (name: keyof ServerEnv) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  return { BENCH_DB_URL: read('BENCH_DB_URL'), BENCH_POOL_SIZE: read('BENCH_POOL_SIZE'), BENCH_JWT_SECRET: read('BENCH_JWT_SECRET') };
}
