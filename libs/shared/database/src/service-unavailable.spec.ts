import { DomainError } from '@common-ground/shared/graphql';
import { asServiceUnavailable } from './service-unavailable';

class RecordingLogger {
  readonly warnings: unknown[][] = [];
  warn(...args: unknown[]) {
    this.warnings.push(args);
  }
}

const terminated = () => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe('asServiceUnavailable', () => {
  it('turns a database outage into SERVICE_UNAVAILABLE and logs the real cause with its reference', () => {
    const logger = new RecordingLogger();
    const cause = terminated();
    const error = asServiceUnavailable(cause, logger as never) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.details).toEqual({ retryAfterSeconds: 5, reason: 'DATABASE_UNREACHABLE', reference: expect.any(String) });
    expect(logger.warnings).toEqual([
      [{ reference: error.details['reference'], reason: 'DATABASE_UNREACHABLE', err: cause }, expect.stringContaining(String(error.details['reference']))],
    ]);
  });

  it('leaves every other error as it is', () => {
    const logger = new RecordingLogger();
    const bug = new TypeError('x is undefined');
    expect(asServiceUnavailable(bug, logger as never)).toBe(bug);
    expect(logger.warnings).toEqual([]);
  });
});
