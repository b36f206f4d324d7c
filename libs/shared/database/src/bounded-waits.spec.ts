import { timeoutPoolOptions } from './bounded-waits';
import { dataSourceOptions } from './data-source';

describe('bounded waits', () => {
  it('maps each bound onto its pg setting and leaves out the ones turned off', () => {
    expect(timeoutPoolOptions({ statementMs: 10_000, lockMs: 2_000, idleInTransactionMs: 30_000, acquireMs: 5_000, queryMs: 15_000 })).toEqual({
      statement_timeout: 10_000,
      lock_timeout: 2_000,
      idle_in_transaction_session_timeout: 30_000,
      connectionTimeoutMillis: 5_000,
      query_timeout: 15_000,
    });
    expect(timeoutPoolOptions({ statementMs: 0, lockMs: 0, idleInTransactionMs: 0, acquireMs: 0, queryMs: 0 })).toEqual({});
  });

  it('hooks new connections when an answer time-out is set, so a timed-out connection is dropped', () => {
    const extra = (queryMs: number) =>
      (
        dataSourceOptions({
          url: 'postgresql://localhost/x',
          entities: [],
          timeouts: { statementMs: 1000, lockMs: 100, idleInTransactionMs: 1000, acquireMs: 500, queryMs },
        }) as { extra: Record<string, unknown> }
      ).extra;
    expect(extra(2000)).toMatchObject({ statement_timeout: 1000, lock_timeout: 100, connectionTimeoutMillis: 500, query_timeout: 2000, keepAlive: true });
    expect(typeof extra(2000).onConnect).toBe('function');
    expect(extra(0).onConnect).toBeUndefined();
  });
});
