import 'reflect-metadata';
import { loadConfig } from '@common-ground/shared/config';
import { createDataSource, openDatabaseServer, runMigrations } from '@common-ground/shared/database';
import { ENTITIES } from '@common-ground/api';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database. */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await openDatabaseServer({
    url: config.database.url,
    embeddedDataDir: config.database.embeddedDataDir,
    embeddedPort: config.database.embeddedPort,
  });
  try {
    const dataSource = createDataSource({ url: server.url, entities: ENTITIES });
    await dataSource.initialize();
    try {
      const applied = await runMigrations(dataSource);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Nothing to apply.\n');
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
