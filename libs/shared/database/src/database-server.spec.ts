import { withDatabase } from './database-server';
import { isUniqueViolation, newId } from './ids';
import { SnakeNamingStrategy } from './naming.strategy';

describe('database helpers', () => {
  it('points a server URL at another database, keeping host and query', () => {
    expect(withDatabase('postgresql://postgres@localhost/postgres?host=%2Ftmp%2Fpg&port=5555', 'common_ground')).toBe(
      'postgresql://postgres@localhost/common_ground?host=%2Ftmp%2Fpg&port=5555',
    );
  });

  it('makes time-ordered v7 UUIDs', () => {
    const [a, b] = [newId(), newId()];
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });

  it('recognises unique violations, optionally by constraint', () => {
    const error = { driverError: { code: '23505', constraint: 'users_email_key' } };
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'users_email_key')).toBe(true);
    expect(isUniqueViolation(error, 'other')).toBe(false);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
  });

  it('names tables and columns in snake_case', () => {
    const naming = new SnakeNamingStrategy();
    expect(naming.tableName('ProblemSupportEntity', undefined)).toBe('problem_support');
    expect(naming.columnName('displayName', undefined, [])).toBe('display_name');
    expect(naming.columnName('lat', undefined, ['location'])).toBe('location_lat');
  });
});
