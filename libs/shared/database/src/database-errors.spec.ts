import { createServer } from 'node:net';
import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';
import { classifyDatabaseError, isDatabaseUnavailable } from './database-errors';

/** A PostgreSQL error as pg raises it (pg-protocol's DatabaseError carries the SQLSTATE in `code`). */
function pgError(code: string, message = 'error'): Error {
  return Object.assign(new Error(message), { code, severity: 'ERROR' });
}

describe('classifyDatabaseError', () => {
  it.each([
    ['57P01', 'DATABASE_UNREACHABLE', 5], // terminating connection due to administrator command
    ['57P02', 'DATABASE_UNREACHABLE', 5],
    ['57P03', 'DATABASE_UNREACHABLE', 5], // the database system is starting up
    ['08006', 'DATABASE_UNREACHABLE', 5],
    ['08001', 'DATABASE_UNREACHABLE', 5],
    ['53300', 'DATABASE_BUSY', 2], // too many connections
    ['53200', 'DATABASE_BUSY', 2],
    ['57014', 'DATABASE_TIMEOUT', 2], // canceling statement due to statement timeout
    ['25P03', 'DATABASE_TIMEOUT', 2], // idle-in-transaction timeout
    ['55P03', 'LOCK_TIMEOUT', 1], // canceling statement due to lock timeout
  ])('SQLSTATE %s is %s (retry after %i s)', (code, reason, retryAfterSeconds) => {
    expect(classifyDatabaseError(pgError(code))).toEqual({ reason, retryAfterSeconds });
  });

  it.each(['23505', '23503', '42P01', '22P02', '40001', '42501', '28P01', '3D000'])(
    'SQLSTATE %s is not an outage (a statement, data or configuration problem)',
    (code) => {
      expect(classifyDatabaseError(pgError(code))).toBeUndefined();
    },
  );

  it.each([
    ['timeout exceeded when trying to connect', 'DATABASE_BUSY'],
    ['Connection terminated due to connection timeout', 'DATABASE_TIMEOUT'],
    ['Query read timeout', 'DATABASE_TIMEOUT'],
    ['Connection terminated unexpectedly', 'DATABASE_UNREACHABLE'],
    ['Connection terminated', 'DATABASE_UNREACHABLE'],
    ['Client has encountered a connection error and is not queryable', 'DATABASE_UNREACHABLE'],
    ['Cannot use a pool after calling end on the pool', 'DATABASE_UNREACHABLE'],
  ])('the driver error "%s" is %s', (message, reason) => {
    expect(classifyDatabaseError(new Error(message))?.reason).toBe(reason);
  });

  it('looks inside TypeORM query errors, causes and aggregate errors', () => {
    expect(classifyDatabaseError(new QueryFailedError('UPDATE solutions SET …', [], pgError('55P03')))?.reason).toBe('LOCK_TIMEOUT');
    expect(classifyDatabaseError(new Error('wrapped', { cause: pgError('57P01') }))?.reason).toBe('DATABASE_UNREACHABLE');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' });
    expect(classifyDatabaseError(new AggregateError([refused], ''))?.reason).toBe('DATABASE_UNREACHABLE');
    expect(classifyDatabaseError(Object.assign(new Error('Unexpected error value'), { thrownValue: refused }))?.reason).toBe('DATABASE_UNREACHABLE');
  });

  it('leaves every other error alone', () => {
    expect(classifyDatabaseError(new Error('Cannot read properties of undefined'))).toBeUndefined();
    expect(classifyDatabaseError(new QueryFailedError('SELECT', [], pgError('23505')))).toBeUndefined();
    expect(classifyDatabaseError(Object.assign(new Error('no such file'), { code: 'ENOENT', syscall: 'open' }))).toBeUndefined();
    expect(classifyDatabaseError(undefined)).toBeUndefined();
    expect(classifyDatabaseError('57P01')).toBeUndefined();
    const cyclic: { cause?: unknown } = {};
    cyclic.cause = cyclic;
    expect(classifyDatabaseError(cyclic)).toBeUndefined();
  });

  it('recognises what pg really raises when nothing listens, or the server hangs up', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await new Client({ host: '127.0.0.1', port, user: 'x', database: 'x' }).connect().catch((e: unknown) => e);
    expect(classifyDatabaseError(refused)?.reason).toBe('DATABASE_UNREACHABLE');

    const missingSocket = await new Client({ host: '/nonexistent-folder', port: 5432, user: 'x', database: 'x' }).connect().catch((e: unknown) => e);
    expect(isDatabaseUnavailable(missingSocket)).toBe(true);

    const hangUp = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
    const hungUp = await new Client({ host: '127.0.0.1', port: (hangUp.address() as { port: number }).port, user: 'x', database: 'x' })
      .connect()
      .catch((e: unknown) => e);
    await new Promise((resolve) => hangUp.close(resolve));
    expect(classifyDatabaseError(hungUp)?.reason).toBe('DATABASE_UNREACHABLE');
  });
});
