import { DataSource, DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import type { ClientBase } from 'pg';
import { DatabaseTimeouts, dropConnectionOnReadTimeout, timeoutPoolOptions } from './bounded-waits';
import { MIGRATIONS } from './migrations';
import { prepareStatements, StatementNames } from './prepared-statements';
import { SnakeNamingStrategy } from './naming.strategy';

export interface DatabaseOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  migrationsRun?: boolean;
  poolSize?: number;
  logQueries?: boolean;
  /** Send parameterised statements as named (prepared) statements; off behind a transaction-mode pooler. */
  preparedStatements?: boolean;
  applicationName?: string;
  /** Bounds on statement, lock, idle-in-transaction, pool-acquisition and answer waits; none when absent. */
  timeouts?: DatabaseTimeouts;
}

/** The one place TypeORM is configured: migrations only, never `synchronize`. */
export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  const names = new StatementNames();
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // Never TypeORM's own run-on-start: the app runs them under a lock (runMigrations).
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Failed statements surface as errors (logged, with a reference, by the GraphQL error formatter).
    logging: options.logQueries ? ['query', 'error'] : false,
    applicationName: options.applicationName ?? 'common-ground',
    extra: {
      max: options.poolSize ?? 10,
      // TCP keep-alive probes find a connection to a server that vanished without closing it.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(options.timeouts ? timeoutPoolOptions(options.timeouts) : {}),
      ...(options.preparedStatements || options.timeouts?.queryMs
        ? {
            onConnect: (client: ClientBase) => {
              if (options.timeouts?.queryMs) dropConnectionOnReadTimeout(client);
              if (options.preparedStatements) prepareStatements(client, names);
            },
          }
        : {}),
    },
  };
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource(dataSourceOptions(options));
}

/** Arbitrary, fixed key of the advisory lock that serialises migration runs across replicas. */
const MIGRATION_LOCK = 4_711_202_611;

/**
 * Applies pending migrations while holding a session advisory lock, so replicas starting
 * together run them once, one after another.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}
