import { DataSource, Logger, QueryRunner } from 'typeorm';

export interface RecordedQuery {
  query: string;
  parameters: unknown[];
}

/**
 * Records the SQL statements the app sends through TypeORM while `run` executes (the app's
 * queries all go through its DataSource). Used to count statements and to EXPLAIN real queries.
 */
export async function recordSql<T>(dataSource: DataSource, run: () => Promise<T>): Promise<{ result: T; queries: RecordedQuery[] }> {
  const queries: RecordedQuery[] = [];
  const original = dataSource.logger;
  const recorder: Logger = {
    logQuery: (query: string, parameters?: unknown[], _runner?: QueryRunner) => {
      if (!/^(START TRANSACTION|COMMIT|ROLLBACK|BEGIN)/i.test(query.trim())) queries.push({ query, parameters: parameters ?? [] });
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  (dataSource as { logger: Logger }).logger = recorder;
  try {
    const result = await run();
    return { result, queries };
  } finally {
    (dataSource as { logger: Logger }).logger = original;
  }
}
