import { money, Money, MoneyReason } from '@common-ground/shared/money';
import { PledgeableSolution } from '@common-ground/solutions';
import { Amount } from './pledge.commands';
import { PledgesReason, refusedField } from './pledges.exception';

/**
 * The amount a command asks for, checked against the limit; `field` names it in the command.
 * Refusals name the command's field (`amount.amountMinor`).
 */
export function checkedAmount(amount: Amount, max: number, field: string): Money {
  if (amount.amountMinor > max) {
    throw refusedField(`${field}.amountMinor`, `must be at most ${max} minor units`, PledgesReason.PLEDGE_AMOUNT_TOO_LARGE);
  }
  return money(amount.amountMinor, amount.currency);
}

/** An amount in the solution's pledge currency, or a CURRENCY_MISMATCH naming `field.currency`. */
export function inSolutionCurrency(amount: Money, solution: PledgeableSolution, field: string): Money {
  if (amount.currency !== solution.currency) {
    const error = refusedField(`${field}.currency`, `must be ${solution.currency}, the currency of this solution’s funding`, MoneyReason.CURRENCY_MISMATCH);
    Object.assign(error.details, { expected: solution.currency, actual: amount.currency });
    throw error;
  }
  return amount;
}
