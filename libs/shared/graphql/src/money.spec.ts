import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { BIGINT_AS_NUMBER, isCurrencyCode, MoneyInput } from './money';

const problemsOf = (plain: object) =>
  validateSync(plainToInstance(MoneyInput, plain)).flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property} ${m}`));

describe('money', () => {
  it('knows ISO 4217 codes and nothing else', () => {
    for (const code of ['EUR', 'GBP', 'USD', 'JPY', 'CHF']) expect(isCurrencyCode(code)).toBe(true);
    for (const code of ['XYZ', 'ABC', 'EURO', 'eu', '', 'E1R', 42, null]) expect(isCurrencyCode(code)).toBe(false);
  });

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
  ])('refuses %j', (plain, problem) => {
    expect(problemsOf(plain)).toContain(problem);
  });

  it('reads bigint columns exactly, and refuses what a number cannot hold', () => {
    expect(BIGINT_AS_NUMBER.from('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(BIGINT_AS_NUMBER.from(null)).toBeNull();
    expect(() => BIGINT_AS_NUMBER.from('9007199254740993')).toThrow('beyond a safe integer');
  });
});
