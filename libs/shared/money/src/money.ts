import { currencyCode, minorUnitExponent } from './currency';
import { CurrencyMismatchError, InvalidMoneyError, MAX_MINOR_UNITS, MoneyOverflowError, MoneyReason, NegativeMoneyError } from './money.errors';

declare const CHECKED: unique symbol;

/**
 * An exact amount: a whole number of minor units (cents, pence; yen for JPY, fils for BHD: see
 * `minorUnitExponent`) of an ISO 4217 currency, never a float. A frozen plain object, so it
 * reads and serialises as `{ amountMinor, currency }` (the GraphQL `Money` shape); the type
 * brand means one is only made by `money()` or the operations here, which check it:
 * `amountMinor` is a safe integer (|amount| ≤ 2^53 − 1), zero or more unless made `signed`.
 *
 * Every operation refuses, with a `MoneyError` and its reason, rather than round or wrap:
 * amounts of two currencies (`CurrencyMismatchError`), a result past 2^53 − 1
 * (`MoneyOverflowError`), a result below zero where none may be (`NegativeMoneyError`).
 */
export type Money = Readonly<{ amountMinor: number; currency: string }> & { readonly [CHECKED]: true };

export interface MoneyOptions {
  /** Allow an amount below zero (a difference, a correction). Off: below zero is refused. */
  signed?: boolean;
}

/** A checked amount of minor units of `currency` (an ISO 4217 code in use, upper case). */
export function money(amountMinor: number, currency: string, options: MoneyOptions = {}): Money {
  const code = currencyCode(currency);
  if (typeof amountMinor !== 'number' || !Number.isInteger(amountMinor)) {
    throw new InvalidMoneyError(MoneyReason.AMOUNT_NOT_WHOLE, 'the amount must be a whole number of minor units');
  }
  if (!Number.isSafeInteger(amountMinor)) throw new MoneyOverflowError();
  if (amountMinor < 0 && !options.signed) throw new NegativeMoneyError();
  return make(amountMinor, code);
}

/** Nothing, in `currency`. */
export function zero(currency: string): Money {
  return money(0, currency);
}

function make(amountMinor: number, currency: string): Money {
  // `+ 0` turns −0 (from a truncated negative share) into 0.
  return Object.freeze({ amountMinor: amountMinor + 0, currency }) as Money;
}

function fromBig(value: bigint, currency: string, what?: string): Money {
  if (value > BigInt(MAX_MINOR_UNITS) || value < -BigInt(MAX_MINOR_UNITS)) throw new MoneyOverflowError(what);
  return make(Number(value), currency);
}

/** The common currency of a and b, or a CurrencyMismatchError naming both (a's is the one expected). */
function currencyOf(a: Money, b: Money): string {
  if (a.currency !== b.currency) throw new CurrencyMismatchError(a.currency, b.currency);
  return a.currency;
}

/** `amount` if it is in `currency` (e.g. a pledge towards a goal in that currency), else a CurrencyMismatchError. */
export function inCurrency(amount: Money, currency: string): Money {
  if (amount.currency !== currency) throw new CurrencyMismatchError(currency, amount.currency);
  return amount;
}

/** a + b; refused past 2^53 − 1. */
export function add(a: Money, b: Money): Money {
  const currency = currencyOf(a, b);
  // Two safe integers sum exactly unless the sum leaves the safe range, which isSafeInteger then sees.
  const total = a.amountMinor + b.amountMinor;
  if (!Number.isSafeInteger(total)) throw new MoneyOverflowError('the total');
  return make(total, currency);
}

export interface SubtractOptions {
  /**
   * What a result below zero does: `refuse` (the default) throws a NegativeMoneyError,
   * `zero` gives zero (what is left of a cap that was passed), `allow` gives the negative amount.
   */
  belowZero?: 'refuse' | 'zero' | 'allow';
}

/** a − b; below zero is refused unless asked for (`belowZero`). */
export function subtract(a: Money, b: Money, options: SubtractOptions = {}): Money {
  const currency = currencyOf(a, b);
  const difference = a.amountMinor - b.amountMinor;
  if (!Number.isSafeInteger(difference)) throw new MoneyOverflowError('the difference');
  if (difference < 0) {
    const belowZero = options.belowZero ?? 'refuse';
    if (belowZero === 'refuse') throw new NegativeMoneyError('the difference');
    if (belowZero === 'zero') return make(0, currency);
  }
  return make(difference, currency);
}

/** −1, 0 or 1 as a is less than, equal to or more than b; amounts of two currencies are not compared. */
export function compare(a: Money, b: Money): -1 | 0 | 1 {
  currencyOf(a, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

/** Same currency and amount (amounts of two currencies are never equal: no error). */
export function equals(a: Money, b: Money): boolean {
  return a.currency === b.currency && a.amountMinor === b.amountMinor;
}

export function isZero(a: Money): boolean {
  return a.amountMinor === 0;
}

/** The total of `amounts`, all in `currency` (so that an empty list has one: zero). Refused past 2^53 − 1. */
export function sum(amounts: Iterable<Money>, currency: string): Money {
  let total = zero(currency);
  for (const amount of amounts) total = add(total, amount);
  return total;
}

/** The smallest of one or more amounts of one currency. */
export function min(first: Money, ...rest: Money[]): Money {
  return rest.reduce((least, next) => (compare(least, next) > 0 ? next : least), first);
}

/** The largest of one or more amounts of one currency. */
export function max(first: Money, ...rest: Money[]): Money {
  return rest.reduce((most, next) => (compare(most, next) < 0 ? next : most), first);
}

/** An exact ratio numerator / denominator of whole numbers, e.g. 1/1 (match each 1 pledged with 1), 1/2, 3/2. */
export type Ratio = Readonly<{ numerator: number; denominator: number }>;

/** A checked ratio: numerator a safe integer ≥ 0, denominator a safe integer ≥ 1. */
export function ratio(numerator: number, denominator = 1): Ratio {
  if (!Number.isSafeInteger(numerator) || numerator < 0 || !Number.isSafeInteger(denominator) || denominator < 1) {
    throw new InvalidMoneyError(MoneyReason.INVALID_RATIO, 'a ratio is a whole numerator of zero or more over a whole denominator of one or more');
  }
  return Object.freeze({ numerator, denominator });
}

export interface MultiplyOptions {
  /**
   * At most this much (same currency): the product is capped before it is checked, so a product
   * that would pass 2^53 − 1 under a smaller cap is the cap, not an overflow. "Match each 1
   * pledged with `ratio`, until `cap`" is `multiply(pledge, ratio, { upTo: remainingOfCap })`:
   * the last match is partial.
   */
  upTo?: Money;
}

/**
 * amount × ratio, in exact integer arithmetic (bigint), rounded toward zero: for the amounts of
 * zero or more that pledges and matches are, that is down (floor). Never promise more than was
 * offered: a match of 1/3 on 100 cents is 33 cents, not 34; the unassigned fraction of a cent
 * stays with the one offering. Refused past 2^53 − 1 (after `upTo`).
 */
export function multiply(amount: Money, by: Ratio | number, options: MultiplyOptions = {}): Money {
  const r = typeof by === 'number' ? ratio(by) : ratio(by.numerator, by.denominator);
  // bigint division truncates toward zero.
  let product = (BigInt(amount.amountMinor) * BigInt(r.numerator)) / BigInt(r.denominator);
  if (options.upTo !== undefined) {
    currencyOf(amount, options.upTo);
    const cap = BigInt(options.upTo.amountMinor);
    if (product > cap) product = cap;
  }
  return fromBig(product, amount.currency, 'the product');
}

/**
 * The part numerator / denominator of amount (numerator ≤ denominator), rounded toward zero as
 * `multiply` is: a share never exceeds the amount it is a share of, and the shares of a split
 * never add up to more than it (use `allocate` to split it exactly).
 */
export function share(amount: Money, numerator: number, denominator: number): Money {
  const r = ratio(numerator, denominator);
  if (r.numerator > r.denominator) throw new InvalidMoneyError(MoneyReason.INVALID_RATIO, 'a share is at most the whole (numerator ≤ denominator)');
  return multiply(amount, r);
}

/**
 * Splits `total` (zero or more) into parts proportional to `weights` (whole numbers ≥ 0, not all
 * zero) that add up to exactly `total`: each part is first its share rounded down, then the
 * minor units left over (fewer than the number of parts) go one each to the parts with the
 * largest remainders, the earlier part first on a tie. Parts of weight zero get nothing.
 */
export function allocate(total: Money, weights: readonly number[]): Money[] {
  if (total.amountMinor < 0) throw new NegativeMoneyError('the amount to allocate');
  if (weights.length === 0 || weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new InvalidMoneyError(MoneyReason.INVALID_RATIO, 'weights are one or more whole numbers of zero or more');
  }
  const whole = BigInt(total.amountMinor);
  const big = weights.map(BigInt);
  const weightSum = big.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) throw new InvalidMoneyError(MoneyReason.INVALID_RATIO, 'weights must not all be zero');
  const parts = big.map((w) => (whole * w) / weightSum);
  const remainders = big.map((w, i) => ({ i, remainder: (whole * w) % weightSum }));
  let left = whole - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return parts.map((part) => make(Number(part), total.currency));
}

/** The amount in major units with the currency's decimals, for messages: "12.50 EUR", "1250 JPY", "1.250 BHD". */
export function formatMoney(amount: Money): string {
  const exponent = minorUnitExponent(amount.currency);
  const digits = Math.abs(amount.amountMinor)
    .toString()
    .padStart(exponent + 1, '0');
  const major = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits;
  return `${amount.amountMinor < 0 ? '-' : ''}${major} ${amount.currency}`;
}
