import { MAX_PREPARED_STATEMENTS, StatementNames } from './prepared-statements';
import { dataSourceOptions } from './data-source';

describe('prepared statements', () => {
  it('gives each text one stable name, and stops naming new texts at the cap', () => {
    const names = new StatementNames(2);
    const a = names.nameOf('SELECT $1');
    expect(a).toMatch(/^cg_[A-Za-z0-9_-]{32}$/);
    expect(names.nameOf('SELECT $1')).toBe(a);
    expect(names.nameOf('SELECT $1, $2')).not.toBe(a);
    expect(names.nameOf('SELECT $1, $2, $3')).toBeUndefined();
    expect(names.nameOf('SELECT $1')).toBe(a);
    expect(new StatementNames().nameOf('x')).toBeDefined();
    expect(MAX_PREPARED_STATEMENTS).toBeGreaterThan(100);
  });

  it('hooks the pool only when asked to', () => {
    const extra = (preparedStatements?: boolean) =>
      (dataSourceOptions({ url: 'postgresql://localhost/x', entities: [], preparedStatements }) as { extra: Record<string, unknown> }).extra;
    expect(typeof extra(true).onConnect).toBe('function');
    expect(extra(false).onConnect).toBeUndefined();
    expect(extra().onConnect).toBeUndefined();
  });
});
