import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  createDataSource,
  dropDatabase,
  ensureDatabase,
  RunningPostgres,
  runMigrations,
  startEmbeddedPostgres,
  withDatabase,
} from '@common-ground/shared/database';

const SERVER_URL = 'CG_TEST_SERVER_URL';
const TEMPLATE = 'CG_TEST_TEMPLATE_DB';

// Global setup and teardown run in the same process; the server handle lives on globalThis.
const state = globalThis as typeof globalThis & { cgTestPostgres?: RunningPostgres };

/**
 * Jest global setup: a real PostgreSQL for the whole run — TEST_DATABASE_URL's (or
 * DATABASE_URL's) server when set, otherwise a throw-away embedded one — and a template database
 * with every migration applied. Each test file then gets its own copy of the template.
 */
export async function setUpTestServer(): Promise<void> {
  const configured = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  let serverUrl: string;
  if (configured) {
    serverUrl = configured;
  } else {
    state.cgTestPostgres = await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'cg-test-pg-')), ephemeral: true });
    serverUrl = state.cgTestPostgres.url;
  }
  const template = `cg_test_template_${process.pid}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(serverUrl, template);
  // Migrations only: loading entities or GraphQL models here would register their metadata in
  // this process's globals, which a test running in band shares.
  const dataSource = createDataSource({ url: withDatabase(serverUrl, template), entities: [] });
  await dataSource.initialize();
  await runMigrations(dataSource);
  await dataSource.destroy();
  process.env[SERVER_URL] = serverUrl;
  process.env[TEMPLATE] = template;
}

export async function tearDownTestServer(): Promise<void> {
  const serverUrl = process.env[SERVER_URL];
  const template = process.env[TEMPLATE];
  if (serverUrl && template) await dropDatabase(serverUrl, template).catch(() => undefined);
  await state.cgTestPostgres?.stop();
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, copied from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[SERVER_URL];
  const template = process.env[TEMPLATE];
  if (!serverUrl || !template) throw new Error('The test database server is not set up (jest globalSetup)');
  const name = `cg_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(serverUrl, name, template);
  return { url: withDatabase(serverUrl, name), name, drop: () => dropDatabase(serverUrl, name) };
}
