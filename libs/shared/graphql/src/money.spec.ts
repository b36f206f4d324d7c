import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { GraphQLError } from 'graphql';
import { add, money, MoneyReason, multiply, NegativeMoneyError, subtract } from '@common-ground/shared/money';
import { createErrorFormatter } from './format-error';
import { moneyDomainError } from './money.errors';
import { fromMoneyInput, MoneyInput } from './money.input';
import { toMoneyModel } from './money.model';
import { SafeInt } from './safe-int.scalar';

const problemsOf = (plain: object) =>
  validateSync(plainToInstance(MoneyInput, plain)).flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property} ${m}`));

describe('MoneyInput', () => {
  it('accepts a positive whole amount and normalises the code to upper case', () => {
    const input = plainToInstance(MoneyInput, { amountMinor: 125_000, currency: ' gbp ' });
    expect(validateSync(input)).toEqual([]);
    expect(input.currency).toBe('GBP');
  });

  it.each([
    [{ amountMinor: 0, currency: 'EUR' }, 'amountMinor must be positive'],
    [{ amountMinor: -500, currency: 'EUR' }, 'amountMinor must be positive'],
    [{ amountMinor: 12.5, currency: 'EUR' }, 'amountMinor must be a whole number of minor units'],
    [{ amountMinor: 100, currency: 'XYZ' }, 'currency must be an ISO 4217 currency code, e.g. EUR'],
    [{ amountMinor: 100, currency: 'EURO' }, 'currency must be an ISO 4217 currency code, e.g. EUR'],
    [{ amountMinor: 100, currency: 'XXX' }, 'currency must be an ISO 4217 currency code, e.g. EUR'],
  ])('refuses %j', (plain, problem) => {
    expect(problemsOf(plain)).toContain(problem);
  });

  it('maps to the shared Money value and back to the GraphQL shape', () => {
    const input = plainToInstance(MoneyInput, { amountMinor: 1250, currency: 'eur' });
    const value = fromMoneyInput(input);
    expect(value).toEqual({ amountMinor: 1250, currency: 'EUR' });
    expect(Object.isFrozen(value)).toBe(true);
    const model = toMoneyModel(add(value, money(50, 'EUR')));
    expect(model).toEqual({ amountMinor: 1300, currency: 'EUR' });
    expect(Object.isFrozen(model)).toBe(false);
  });
});

describe('SafeInt', () => {
  it('takes whole numbers up to 2^53 − 1 and refuses the next one', () => {
    expect(SafeInt.parseValue(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => SafeInt.parseValue(Number.MAX_SAFE_INTEGER + 1)).toThrow();
    expect(() => SafeInt.parseValue(12.5)).toThrow();
    expect(SafeInt.specifiedByURL).toBeUndefined();
  });
});

describe('money errors in the API', () => {
  const format = createErrorFormatter({ logger: { log: () => undefined, warn: () => undefined, error: () => undefined } });
  const formatted = (error: Error) =>
    format({ message: error.message, path: ['field'] }, new GraphQLError(error.message, { originalError: error, path: ['field'] }));
  const caught = (f: () => unknown): Error => {
    try {
      f();
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a refusal');
  };

  it('a currency mismatch is BAD_USER_INPUT with reason CURRENCY_MISMATCH, naming the field when the service gives it', () => {
    const mismatch = caught(() => add(money(100, 'EUR'), money(100, 'GBP')));
    expect(formatted(mismatch).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'CURRENCY_MISMATCH', expected: 'EUR', actual: 'GBP', fields: [] });
    const named = moneyDomainError(mismatch as never, 'input.amount.currency');
    expect(named.message).toBe('input.amount.currency: expected an amount in EUR, got GBP');
    expect(named.details).toEqual({
      reason: MoneyReason.CURRENCY_MISMATCH,
      expected: 'EUR',
      actual: 'GBP',
      fields: [{ field: 'input.amount.currency', message: 'expected an amount in EUR, got GBP' }],
    });
  });

  it('a total past 2^53 − 1 is CONFLICT with reason AMOUNT_TOO_LARGE, never an internal error', () => {
    const overflow = caught(() => add(money(Number.MAX_SAFE_INTEGER, 'EUR'), money(1, 'EUR')));
    expect(formatted(overflow)).toEqual({
      message: 'the total would pass 9007199254740991 minor units',
      path: ['field'],
      locations: undefined,
      extensions: { code: 'CONFLICT', reason: 'AMOUNT_TOO_LARGE', limit: Number.MAX_SAFE_INTEGER },
    });
    expect(formatted(caught(() => multiply(money(Number.MAX_SAFE_INTEGER, 'EUR'), 2))).extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'AMOUNT_TOO_LARGE',
    });
  });

  it('taking more than there is is CONFLICT with reason AMOUNT_NEGATIVE', () => {
    const negative = caught(() => subtract(money(1, 'EUR'), money(2, 'EUR')));
    expect(negative).toBeInstanceOf(NegativeMoneyError);
    expect(formatted(negative).extensions).toEqual({ code: 'CONFLICT', reason: 'AMOUNT_NEGATIVE' });
  });

  it('an unknown currency or a fraction is BAD_USER_INPUT with its reason', () => {
    expect(formatted(caught(() => money(100, 'XYZ'))).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_CURRENCY', fields: [] });
    expect(formatted(caught(() => money(1.5, 'EUR'))).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'AMOUNT_NOT_WHOLE', fields: [] });
  });
});
