import { Client } from 'pg';

/**
 * SQL statements per request, from pg_stat_statements (the embedded server preloads it): reset
 * before a measured window, summed after, over this database only and leaving out the bench's
 * own reads of the view. Statements are counted as sent by clients (top level), BEGIN and COMMIT
 * included.
 */
export class StatementCounter {
  private constructor(
    private readonly client: Client | null,
    private readonly dbOid: number,
    readonly reason: string | null,
  ) {}

  static async open(url: string): Promise<StatementCounter> {
    const client = new Client({ connectionString: url, application_name: 'bench-statements' });
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      await client.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
      const oid = Number((await client.query('SELECT oid FROM pg_database WHERE datname = current_database()')).rows[0].oid);
      return new StatementCounter(client, oid, null);
    } catch (error) {
      await client.end();
      return new StatementCounter(null, 0, `pg_stat_statements is not available: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  get available(): boolean {
    return this.client !== null;
  }

  /**
   * Waits until requests still in flight from the previous load have finished: no statement of
   * this database runs and the count stops moving (3 checks, 50 ms apart), so they are neither
   * counted in the next window nor slow it down.
   */
  async settle(): Promise<void> {
    if (!this.client) return;
    let last = await this.read();
    let steady = 0;
    for (let i = 0; i < 600 && steady < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const { rows } = await this.client.query(
        "SELECT count(*)::int AS busy /* not counted: pg_stat_statements filter */ FROM pg_stat_activity WHERE datname = current_database() AND state NOT IN ('idle') AND pid <> pg_backend_pid()",
      );
      const now = await this.read();
      steady = now === last && rows[0].busy === 0 ? steady + 1 : 0;
      last = now;
    }
  }

  async reset(): Promise<void> {
    await this.client?.query('SELECT pg_stat_statements_reset(0, $1::oid, 0)', [this.dbOid]);
  }

  /** Statements since the last reset, or null without pg_stat_statements. */
  async read(): Promise<number | null> {
    if (!this.client) return null;
    const { rows } = await this.client.query(
      "SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements WHERE dbid = $1 AND query NOT ILIKE '%pg_stat_statements%'",
      [this.dbOid],
    );
    return Number(rows[0].calls);
  }

  async close(): Promise<void> {
    await this.client?.end();
  }
}
