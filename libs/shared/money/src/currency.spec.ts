import { BIGINT_AS_NUMBER } from './bigint-column';
import { CURRENCY_CODES, currencyCode, isCurrencyCode, minorUnitExponent } from './currency';
import { MAX_MINOR_UNITS, MoneyOverflowError, MoneyReason } from './money.errors';

describe('currency codes', () => {
  it('come from the runtime: the ISO 4217 currencies in use, not test codes, metals or units of account', () => {
    expect(CURRENCY_CODES.size).toBeGreaterThan(150);
    for (const code of ['EUR', 'GBP', 'USD', 'JPY', 'CHF', 'BHD', 'XOF']) expect(isCurrencyCode(code)).toBe(true);
    for (const code of ['XXX', 'XTS', 'XAU', 'XDR', 'XSU', 'XYZ', 'ABC']) expect(isCurrencyCode(code)).toBe(false);
  });

  it('are three upper-case letters exactly', () => {
    for (const code of ['eur', 'Eur', 'EURO', 'EU', '', ' EUR', 'E1R', 42, null, undefined, {}]) expect(isCurrencyCode(code)).toBe(false);
  });

  it('are refused with UNKNOWN_CURRENCY', () => {
    expect(currencyCode('EUR')).toBe('EUR');
    expect(() => currencyCode('XYZ')).toThrow(
      expect.objectContaining({ reason: MoneyReason.UNKNOWN_CURRENCY, message: '"XYZ" is not an ISO 4217 currency code, e.g. EUR' }),
    );
    expect(() => currencyCode(7)).toThrow('number is not an ISO 4217 currency code');
  });

  it.each([
    ['EUR', 2],
    ['GBP', 2],
    ['USD', 2],
    ['JPY', 0],
    ['KRW', 0],
    ['ISK', 0],
    ['XOF', 0],
    ['BHD', 3],
    ['KWD', 3],
    ['TND', 3],
    // ISO, not Intl's display digits (CLDR shows 0 for these).
    ['HUF', 2],
    ['IDR', 2],
    ['COP', 2],
    ['IQD', 3],
  ])('%s has %p decimal places of minor units (ISO 4217)', (code, exponent) => {
    expect(minorUnitExponent(code)).toBe(exponent);
  });

  it('every known code has an exponent', () => {
    for (const code of CURRENCY_CODES) expect([0, 2, 3]).toContain(minorUnitExponent(code));
    expect(() => minorUnitExponent('XXX')).toThrow(expect.objectContaining({ reason: MoneyReason.UNKNOWN_CURRENCY }));
  });
});

describe('BIGINT_AS_NUMBER', () => {
  it('reads bigint columns exactly, and refuses what a number cannot hold', () => {
    expect(BIGINT_AS_NUMBER.from('9007199254740991')).toBe(MAX_MINOR_UNITS);
    expect(BIGINT_AS_NUMBER.from('-42')).toBe(-42);
    expect(BIGINT_AS_NUMBER.from('0')).toBe(0);
    expect(BIGINT_AS_NUMBER.from(null)).toBeNull();
    expect(() => BIGINT_AS_NUMBER.from('9007199254740993')).toThrow(MoneyOverflowError);
    expect(() => BIGINT_AS_NUMBER.from('9007199254740992')).toThrow('would pass 9007199254740991 minor units');
    expect(BIGINT_AS_NUMBER.to(1250)).toBe(1250);
    expect(BIGINT_AS_NUMBER.to(null)).toBeNull();
  });
});
