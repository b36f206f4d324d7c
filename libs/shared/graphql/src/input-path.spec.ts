import { BadUserInputError, ConflictError } from './errors';
import { atInput, underPath } from './input-path';

describe('atInput', () => {
  it('puts the fields of a refused command under the argument, keeping the details', async () => {
    const refused = new BadUserInputError([
      { field: 'email', message: 'is already registered' },
      { field: 'location.lat', message: 'out of range' },
    ]);
    refused.details['reason'] = 'EMAIL_TAKEN';
    const error = await atInput(() => Promise.reject(refused)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadUserInputError);
    expect((error as BadUserInputError).fields).toEqual([
      { field: 'input.email', message: 'is already registered' },
      { field: 'input.location.lat', message: 'out of range' },
    ]);
    expect((error as BadUserInputError).details).toEqual({ fields: (error as BadUserInputError).fields, reason: 'EMAIL_TAKEN' });
    expect((error as Error).message).toBe('input.email: is already registered; input.location.lat: out of range');
  });

  it('maps errors thrown synchronously, under any argument name, and passes other errors and results through', async () => {
    const sync = await atInput(() => {
      throw BadUserInputError.field('name', 'must contain visible characters');
    }, 'organisation').catch((e: unknown) => e);
    expect((sync as BadUserInputError).fields).toEqual([{ field: 'organisation.name', message: 'must contain visible characters' }]);
    const conflict = new ConflictError('taken');
    await expect(atInput(Promise.reject(conflict))).rejects.toBe(conflict);
    await expect(atInput(Promise.resolve(42))).resolves.toBe(42);
    expect(underPath(conflict, 'input')).toBe(conflict);
  });
});
