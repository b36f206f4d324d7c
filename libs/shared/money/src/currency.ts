import { InvalidMoneyError, MoneyReason } from './money.errors';

/**
 * ISO 4217 minor-unit exponents that are not 2, for the codes the runtime knows (ISO 4217 list
 * one, 2024): 0 = no minor unit (1 JPY is the smallest amount), 3 = thousandths (1 BHD = 1000
 * fils). Taken from ISO rather than from Intl, whose digits are for display (CLDR shows 0 for
 * HUF, IDR, COP and IQD, which ISO divides into 100 or 1000 minor units).
 */
const EXPONENTS: Readonly<Record<string, 0 | 3>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** Codes ISO 4217 lists without a minor unit (units of account, not money one can give): refused. */
const NO_MINOR_UNIT: ReadonlySet<string> = new Set(['XDR', 'XSU']);

/**
 * The ISO 4217 currency codes accepted: those the runtime's Intl knows (`Intl.supportedValuesOf`,
 * about 160 in Node 24, e.g. EUR, GBP, JPY; not the test code XXX nor metals such as XAU), less
 * those without a minor unit.
 */
export const CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency').filter((code) => !NO_MINOR_UNIT.has(code)));

const ISO_SHAPE = /^[A-Z]{3}$/;

/** Three upper-case letters of a known currency. No trimming or case folding: inputs normalise before. */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && ISO_SHAPE.test(value) && CURRENCY_CODES.has(value);
}

/** The code itself, or an InvalidMoneyError (reason UNKNOWN_CURRENCY). */
export function currencyCode(value: unknown): string {
  if (!isCurrencyCode(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 8)) : typeof value;
    throw new InvalidMoneyError(MoneyReason.UNKNOWN_CURRENCY, `${shown} is not an ISO 4217 currency code, e.g. EUR`);
  }
  return value;
}

/** How many decimal places a currency's minor unit has: 2 for EUR (cents), 0 for JPY, 3 for BHD. */
export function minorUnitExponent(currency: string): 0 | 2 | 3 {
  return EXPONENTS[currencyCode(currency)] ?? 2;
}
