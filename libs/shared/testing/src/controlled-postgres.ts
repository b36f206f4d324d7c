import { mkdtempSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource, ensureDatabase, RunningPostgres, runMigrations, startEmbeddedPostgres, withDatabase } from '@common-ground/shared/database';

/**
 * A real PostgreSQL of its own, for fault tests: it can be stopped and started again (same
 * folder, port and socket, so the same URLs work again), frozen and thawed (SIGSTOP/SIGCONT
 * of the postmaster and every backend: it accepts connections and answers nothing), and its
 * sessions can be terminated.
 */
export class ControlledPostgres {
  /** Where the server keeps its files (as root, a folder the postgres OS user can reach). */
  private readonly serverDataDir: string;

  private constructor(
    private readonly dataDir: string,
    private running: RunningPostgres | undefined,
    readonly port: number,
    /** URL of the `postgres` database, as the superuser. */
    readonly serverUrl: string,
    private readonly log?: (line: string) => void,
  ) {
    this.serverDataDir = running?.dataDir ?? dataDir;
  }

  static async start(options: { log?: (line: string) => void } = {}): Promise<ControlledPostgres> {
    const dataDir = mkdtempSync(join(tmpdir(), 'cg-fault-pg-'));
    const running = await startEmbeddedPostgres({ dataDir, ephemeral: false, log: options.log });
    return new ControlledPostgres(dataDir, running, running.port, running.url, options.log);
  }

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  /** The URL of another database on this server. */
  url(database: string): string {
    return withDatabase(this.serverUrl, database);
  }

  /** A new database with every migration applied; returns its URL. */
  async createMigratedDatabase(name: string): Promise<string> {
    await ensureDatabase(this.serverUrl, name);
    const dataSource = createDataSource({ url: this.url(name), entities: [] });
    await dataSource.initialize();
    try {
      await runMigrations(dataSource);
    } finally {
      await dataSource.destroy();
    }
    return this.url(name);
  }

  /** Fast shutdown: open sessions are told 57P01 (admin shutdown) and closed; new ones are refused. */
  async stop(): Promise<void> {
    this.thaw();
    const running = this.running;
    this.running = undefined;
    await running?.stop();
  }

  /** Starts it again after `stop()`, on the same port and socket. */
  async restart(): Promise<void> {
    if (this.running) return;
    this.running = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port, ephemeral: false, log: this.log });
  }

  /** SIGSTOP the postmaster and every backend: connections are accepted and nothing answers. */
  freeze(): void {
    for (const pid of this.processes()) signal(pid, 'SIGSTOP');
  }

  /** SIGCONT: the server carries on where it stopped. */
  thaw(): void {
    if (!this.running) return;
    for (const pid of this.processes().reverse()) signal(pid, 'SIGCONT');
  }

  /** Ends every session on `database` (pg_terminate_backend); returns how many. */
  async terminateSessions(database: string): Promise<number> {
    return this.withClient(async (client) => {
      const result = await client.query(
        'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      return (result.rows[0] as { n: number }).n;
    });
  }

  /** A superuser session on `database` (default: the `postgres` database), for the test's own statements. */
  async connect(database?: string): Promise<Client> {
    const client = new Client({ connectionString: database ? this.url(database) : this.serverUrl });
    await client.connect();
    return client;
  }

  async withClient<T>(run: (client: Client) => Promise<T>, database?: string): Promise<T> {
    const client = await this.connect(database);
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  /** Stops it and removes its files. */
  async destroy(): Promise<void> {
    await this.stop();
    await fs.rm(this.dataDir, { recursive: true, force: true });
    await fs.rm(this.serverDataDir, { recursive: true, force: true });
  }

  /** The postmaster first, then its children (backends and auxiliary processes). */
  private processes(): number[] {
    const postmaster = this.running?.pid;
    if (!postmaster) return [];
    const children: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === postmaster) children.push(Number(entry));
      } catch {
        // The process ended while we looked.
      }
    }
    return [postmaster, ...children];
  }
}

/** Signals a server process; one that has just ended (a backend whose session closed) is no error. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
