import { FindOperator, Raw } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** A new time-ordered (v7) UUID: ids made by the application sort by creation time. */
export function newId(): string {
  return uuidv7();
}

/** True for the error PostgreSQL raises on a unique index (23505), optionally a named one. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })?.driverError ?? error;
  const pg = driverError as { code?: string; constraint?: string };
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/**
 * A `column = ANY(:values)` condition for TypeORM's find options, in place of `In([...])`:
 * one parameter (an array) whatever the number of values, so the SQL text stays the same and
 * its prepared statement is reused. One per query (the parameter is named `anyOf`).
 */
export function anyOf<T>(values: readonly T[]): FindOperator<T> {
  return Raw((column) => `${column} = ANY(:anyOf)`, { anyOf: [...values] });
}
