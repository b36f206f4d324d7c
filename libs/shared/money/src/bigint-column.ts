import { MoneyOverflowError } from './money.errors';

/**
 * A `bigint` column of minor units (which pg returns as text) read as a number, exactly: a value
 * beyond 2^53 − 1 is refused with a MoneyOverflowError rather than rounded. Shaped as a TypeORM
 * column transformer (`@Column('bigint', { transformer: BIGINT_AS_NUMBER })`) without importing it.
 */
export const BIGINT_AS_NUMBER = {
  to: (value: number | null | undefined): number | null | undefined => value,
  from: (value: string | null | undefined): number | null => {
    if (value === null || value === undefined) return null;
    const parsed = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(parsed)) throw new MoneyOverflowError(`the stored bigint ${value.slice(0, 24)}`);
    return parsed;
  },
};
