import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { suiteSwitches } from '../../support/switches';

/** The built API (`npm run build`), as `npm start` runs it. */
const MAIN = join(__dirname, '../../../../../dist/apps/api/src/main.js');
const HOST = '127.0.0.1';

export interface GraphQLAnswer<T = Record<string, unknown>> {
  status: number;
  retryAfter: string | null;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** A free TCP port on the loopback address. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The API as its own process on the loopback address, on a given database: the fault tests
 * watch that it stays up while its database fails under it.
 */
export class ApiProcess {
  private readonly output: string[] = [];
  private exited?: { code: number | null; signal: NodeJS.Signals | null };

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.output.length > 5000) this.output.splice(0, this.output.length - 5000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.once('exit', (code, signal) => {
      this.exited = { code, signal };
    });
  }

  /** Starts it and resolves once it listens (its start-up log line), or fails after `startMs`. */
  static async start(env: Record<string, string>, startMs = 30_000): Promise<ApiProcess> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm run test:faults does)`);
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', HOST, PORT: String(port), LOG_LEVEL: 'info', ...suiteSwitches(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child, `http://${HOST}:${port}`);
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        child.stdout?.off('data', listening);
        child.off('exit', early);
      };
      const listening = (chunk: Buffer) => {
        if (!chunk.toString('utf8').includes('Common Ground API on')) return;
        done();
        resolve();
      };
      const early = (code: number | null) => {
        done();
        reject(new Error(`the API exited (${code}) before listening:\n${api.tail()}`));
      };
      const timer = setTimeout(() => {
        done();
        child.kill('SIGKILL');
        reject(new Error(`the API did not listen within ${startMs} ms:\n${api.tail()}`));
      }, startMs);
      child.stdout?.on('data', listening);
      child.once('exit', early);
    });
    return api;
  }

  /** Null while it runs; how it ended otherwise. */
  get exit(): { code: number | null; signal: NodeJS.Signals | null } | null {
    return this.exited ?? null;
  }

  /** The error lines of its log that mention `text` (e.g. an error's reference), for a failure message. */
  loggedErrors(text = ''): string[] {
    return this.output.filter((line) => /"level":(50|60)/.test(line) && line.includes(text));
  }

  /** The last lines it wrote (for a failure message). */
  tail(lines = 60): string {
    return this.output.slice(-lines).join('\n');
  }

  /** One GraphQL request over HTTP; a request that gets no answer within `timeoutMs` throws. */
  async graphql<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    options: { token?: string; idempotencyKey?: string; timeoutMs?: number } = {},
  ): Promise<GraphQLAnswer<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    const response = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    });
    const body = (await response.json()) as { data?: T | null; errors?: GraphQLAnswer['errors'] };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), data: body.data, errors: body.errors };
  }

  /** SIGTERM, and the exit awaited. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }
}
