import { Client } from 'pg';
import { startEmbeddedPostgres } from './embedded-postgres';

export interface DatabaseServer {
  /** The URL the application connects to. */
  url: string;
  /** True when this process started the server (embedded PostgreSQL). */
  embedded: boolean;
  stop(): Promise<void>;
}

export interface DatabaseServerOptions {
  url?: string;
  embeddedDataDir: string;
  embeddedPort?: number;
  databaseName?: string;
  log?: (line: string) => void;
}

/**
 * With a URL: use that server. Without one: start the embedded PostgreSQL in the data folder and
 * make sure the application database exists in it.
 */
export async function openDatabaseServer(options: DatabaseServerOptions): Promise<DatabaseServer> {
  if (options.url) {
    return { url: options.url, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({
    dataDir: options.embeddedDataDir,
    port: options.embeddedPort,
    log: options.log,
  });
  const name = options.databaseName ?? 'common_ground';
  await ensureDatabase(server.url, name);
  return { url: withDatabase(server.url, name), embedded: true, stop: server.stop };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export async function ensureDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
