import { MoneyError, MoneyReason } from '@common-ground/shared/money';
import { DomainError, ErrorCode } from './errors';

/**
 * Refusals of the money arithmetic as contract errors, with the MoneyError's reason in
 * `extensions.reason`. Input that cannot be money (two currencies met, a fraction, an unknown
 * code, a bad ratio) is `BAD_USER_INPUT`; an amount that is fine alone but does not fit what is
 * already there (a total past 2^53 − 1, taking more than there is) is `CONFLICT`.
 */
const CODES: Readonly<Record<MoneyReason, ErrorCode.BAD_USER_INPUT | ErrorCode.CONFLICT>> = {
  [MoneyReason.CURRENCY_MISMATCH]: ErrorCode.BAD_USER_INPUT,
  [MoneyReason.AMOUNT_NOT_WHOLE]: ErrorCode.BAD_USER_INPUT,
  [MoneyReason.UNKNOWN_CURRENCY]: ErrorCode.BAD_USER_INPUT,
  [MoneyReason.INVALID_RATIO]: ErrorCode.BAD_USER_INPUT,
  [MoneyReason.AMOUNT_TOO_LARGE]: ErrorCode.CONFLICT,
  [MoneyReason.AMOUNT_NEGATIVE]: ErrorCode.CONFLICT,
};

/**
 * The contract error of a MoneyError. With `field` (the GraphQL path of the offending input, e.g.
 * `input.amount.currency`) a `BAD_USER_INPUT` names it in `fields` as every other one does;
 * the error formatter maps a MoneyError a service let through without one.
 */
export function moneyDomainError(error: MoneyError, field?: string): DomainError {
  const code = CODES[error.reason];
  const fields = code === ErrorCode.BAD_USER_INPUT ? { fields: field ? [{ field, message: error.message }] : [] } : {};
  const message = code === ErrorCode.BAD_USER_INPUT && field ? `${field}: ${error.message}` : error.message;
  return new DomainError(code, message, { ...error.details, ...fields, reason: error.reason });
}
