import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, startEmbeddedPostgres, withDatabase, ensureDatabase, dropDatabase } from '@common-ground/shared/database';
import { ENTITIES } from '@common-ground/api';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * Applies every committed migration to a scratch database (a throw-away embedded PostgreSQL,
 * or a scratch database on MIGRATION_DATABASE_URL's server) and asks TypeORM what the entities
 * still need: the SQL a new migration would hold. Empty means entities and migrations agree.
 */
export async function schemaDiff(): Promise<SchemaDiff> {
  const serverUrl = process.env['MIGRATION_DATABASE_URL'];
  const server = serverUrl
    ? { url: serverUrl, stop: async () => undefined }
    : await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'cg-migrations-')), ephemeral: true });
  const scratch = `cg_schema_diff_${process.pid}`;
  try {
    await ensureDatabase(server.url, scratch);
    const dataSource = createDataSource({ url: withDatabase(server.url, scratch), entities: ENTITIES });
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const sql = await dataSource.driver.createSchemaBuilder().log();
      // TypeORM records generated columns in typeorm_metadata under the database's name; the
      // migration must record them under whichever database it runs in.
      const portable = (q: { query: string; parameters?: unknown[] }) => withParameters(q.query, q.parameters).replaceAll(`'${scratch}'`, 'current_database()');
      const up = sql.upQueries.map(portable);
      if (up.some((q) => q.includes('typeorm_metadata'))) {
        up.unshift(
          'CREATE TABLE IF NOT EXISTS "typeorm_metadata" ("type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text)',
        );
      }
      return { up, down: sql.downQueries.reverse().map(portable) };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await dropDatabase(server.url, scratch).catch(() => undefined);
    await server.stop();
  }
}

function withParameters(query: string, parameters: unknown[] | undefined): string {
  if (!parameters || parameters.length === 0) return query;
  return query.replace(/\$(\d+)/g, (_, n: string) => {
    const value = parameters[Number(n) - 1];
    return value === null || value === undefined ? 'NULL' : `'${String(value).replace(/'/g, "''")}'`;
  });
}
