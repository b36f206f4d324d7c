import { EntityManager } from 'typeorm';

/**
 * The rows of a statement's RETURNING clause, for any command. (EntityManager.query hands back
 * `[rows, rowCount]` for UPDATE and DELETE but plain rows for INSERT and SELECT.) Runs on the
 * manager's transaction.
 */
export async function returning<Row>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<Row[]> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('returning() needs a transactional EntityManager');
  const result = await runner.query(sql, parameters, true);
  return (result.records ?? []) as Row[];
}
