import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { createDataSource, dropDatabase, ensureDatabase, MIGRATIONS, runMigrations, startEmbeddedPostgres, withDatabase } from '@common-ground/shared/database';
import { DataSize } from './config';
import { checkConsistency, ConsistencyReport } from './seed/checks';
import { SEEDER_VERSION, SeedSummary, seedDatabase } from './seed/seeder';

export interface BenchDatabaseServer {
  /** URL of the server's `postgres` database (or of BENCH_DATABASE_URL). */
  serverUrl: string;
  embedded: boolean;
  /** The embedded server's data folder (where its postmaster is found for CPU accounting). */
  dataDir?: string;
  version: string;
  stop(): Promise<void>;
}

/**
 * The bench's own PostgreSQL: an embedded server in its own data folder (never the app's), or
 * the server of BENCH_DATABASE_URL, on which the bench creates and drops its own databases.
 */
export async function openBenchServer(options: { databaseUrl?: string; dataDir: string }, log: (line: string) => void): Promise<BenchDatabaseServer> {
  if (options.databaseUrl) {
    return { serverUrl: options.databaseUrl, embedded: false, version: await serverVersion(options.databaseUrl), stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ dataDir: options.dataDir, log: (line) => /FATAL|PANIC|ERROR/.test(line) && log(`postgres: ${line}`) });
  // A bulk load writes gigabytes of WAL: fewer forced checkpoints while seeding. Reloadable, no restart.
  await withClient(server.url, async (client) => {
    await client.query("ALTER SYSTEM SET max_wal_size = '8GB'");
    await client.query("ALTER SYSTEM SET checkpoint_timeout = '30min'");
    await client.query('SELECT pg_reload_conf()');
  });
  return { serverUrl: server.url, embedded: true, dataDir: server.dataDir, version: await serverVersion(server.url), stop: server.stop };
}

async function serverVersion(url: string): Promise<string> {
  return withClient(url, async (client) => (await client.query('SHOW server_version')).rows[0].server_version as string);
}

export async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, application_name: 'bench' });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface SeededDatabase {
  name: string;
  url: string;
  reused: boolean;
  seed?: SeedSummary;
  checks: ConsistencyReport;
}

/**
 * A database with the real schema (the project's migrations) and the seeded data set, kept for
 * later runs: its name is a hash of the sizes, the seed, the generator version and the migration
 * history, so any change makes a new one. Runs that write work on a copy (see cloneDatabase).
 */
export async function seededDatabase(
  server: BenchDatabaseServer,
  size: DataSize,
  seed: number,
  log: (line: string) => void,
  options: { reseed?: boolean; plain?: boolean } = {},
): Promise<SeededDatabase> {
  const key = JSON.stringify({ size, seed, version: SEEDER_VERSION, migrations: MIGRATIONS.map((m) => m.name) });
  const name = `bench_seed_${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
  const url = withDatabase(server.serverUrl, name);
  const complete =
    !options.reseed &&
    (await withClient(server.serverUrl, async (client) => {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (!found.rowCount) return false;
      return withClient(url, async (db) => {
        const marker = await db.query("SELECT to_regclass('bench_meta.seed_info') IS NOT NULL AS ok");
        if (!marker.rows[0].ok) return false;
        return (await db.query("SELECT 1 FROM bench_meta.seed_info WHERE key = 'complete'")).rowCount === 1;
      });
    }));
  if (complete) {
    log(`reusing the seeded database ${name} (${describe(size)})`);
    const checks = await withClient(url, async (db) => (await db.query("SELECT value FROM bench_meta.seed_info WHERE key = 'checks'")).rows[0]?.value);
    return { name, url, reused: true, checks };
  }

  log(`seeding ${name}: ${describe(size)}, seed ${seed}`);
  await dropDatabase(server.serverUrl, name);
  await ensureDatabase(server.serverUrl, name);
  const dataSource = createDataSource({ url, entities: [], applicationName: 'bench-migrate' });
  await dataSource.initialize();
  try {
    const applied = await runMigrations(dataSource);
    log(`migrations: ${applied.join(', ')}`);
  } finally {
    await dataSource.destroy();
  }
  const summary = await seedDatabase(url, size, seed, log, { plain: options.plain });
  const checks = await checkConsistency(url);
  await withClient(url, async (db) => {
    await db.query('CREATE SCHEMA bench_meta');
    await db.query('CREATE TABLE bench_meta.seed_info (key text PRIMARY KEY, value jsonb NOT NULL)');
    await db.query("INSERT INTO bench_meta.seed_info VALUES ('summary', $1), ('checks', $2), ('complete', 'true')", [
      JSON.stringify({ ...summary, size, seed }),
      JSON.stringify(checks),
    ]);
    await db.query('CHECKPOINT');
  });
  log(
    `seeded in ${summary.seconds.toFixed(1)} s: ${Object.entries(summary.rows)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
  return { name, url, reused: false, seed: summary, checks };
}

/** A fresh copy of a seeded database for a run that writes (a file copy: seconds, not a re-seed). */
export async function cloneDatabase(server: BenchDatabaseServer, template: string, name: string): Promise<string> {
  await withClient(server.serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)} STRATEGY FILE_COPY`);
  });
  return withDatabase(server.serverUrl, name);
}

export { dropDatabase };

export function describe(size: DataSize): string {
  const n = (value: number) => value.toLocaleString('en-GB');
  return `${n(size.problems)} problems, ${n(size.users)} users, ${n(size.solutions)} solutions, ${n(size.votes)} votes, ${size.areas} areas`;
}
