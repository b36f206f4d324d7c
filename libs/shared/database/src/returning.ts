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

/**
 * Hides or shows a moderated row (a table with `id` and `hidden`), locking it for the rest of the
 * transaction (FOR NO KEY UPDATE, as the lock order in transaction.ts says). Returns whether it
 * was hidden before, or null when there is no such row.
 */
export async function setHiddenColumn(manager: EntityManager, table: string, id: string, hidden: boolean): Promise<boolean | null> {
  const [row] = await returning<{ was: boolean }>(
    manager,
    `UPDATE ${table} t SET hidden = $2 FROM (SELECT id, hidden AS was FROM ${table} WHERE id = $1 FOR NO KEY UPDATE) before
      WHERE t.id = before.id RETURNING before.was`,
    [id, hidden],
  );
  return row ? row.was : null;
}
