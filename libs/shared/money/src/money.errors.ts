/**
 * Why a money operation was refused: stable codes a client can act on (the API puts them in
 * `extensions.reason`).
 */
export enum MoneyReason {
  /** Two amounts of different currencies were added, compared or capped by one another. */
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
  /** The amount, or a total or product of amounts, would pass Number.MAX_SAFE_INTEGER minor units. */
  AMOUNT_TOO_LARGE = 'AMOUNT_TOO_LARGE',
  /** The amount is not a whole number of minor units. */
  AMOUNT_NOT_WHOLE = 'AMOUNT_NOT_WHOLE',
  /** The amount is below zero where only zero or more is allowed (a subtraction took more than there was). */
  AMOUNT_NEGATIVE = 'AMOUNT_NEGATIVE',
  /** Not an ISO 4217 code of a currency in use. */
  UNKNOWN_CURRENCY = 'UNKNOWN_CURRENCY',
  /** A ratio or share that is not a non-negative whole numerator over a positive whole denominator. */
  INVALID_RATIO = 'INVALID_RATIO',
}

/** The largest amount, total or product in minor units: 2^53 − 1, what a GraphQL SafeInt and a JS number hold exactly. */
export const MAX_MINOR_UNITS = Number.MAX_SAFE_INTEGER;

/** Every refusal of the money arithmetic: a stable reason and details without secrets. */
export class MoneyError extends Error {
  constructor(
    readonly reason: MoneyReason,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Amounts of two currencies met in one operation. */
export class CurrencyMismatchError extends MoneyError {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(MoneyReason.CURRENCY_MISMATCH, `expected an amount in ${expected}, got ${actual}`, { expected, actual });
  }
}

/** A result beyond ±MAX_MINOR_UNITS: refused, never rounded. */
export class MoneyOverflowError extends MoneyError {
  constructor(what = 'the amount') {
    super(MoneyReason.AMOUNT_TOO_LARGE, `${what} would pass ${MAX_MINOR_UNITS} minor units`, { limit: MAX_MINOR_UNITS });
  }
}

/** A result below zero where none may be. */
export class NegativeMoneyError extends MoneyError {
  constructor(what = 'the amount') {
    super(MoneyReason.AMOUNT_NEGATIVE, `${what} would be below zero`);
  }
}

/** A value that is not an amount, a currency or a ratio. */
export class InvalidMoneyError extends MoneyError {
  constructor(reason: MoneyReason.AMOUNT_NOT_WHOLE | MoneyReason.UNKNOWN_CURRENCY | MoneyReason.INVALID_RATIO, message: string) {
    super(reason, message);
  }
}
