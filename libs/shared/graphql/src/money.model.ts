import { Field, ObjectType } from '@nestjs/graphql';
import { Money } from '@common-ground/shared/money';
import { SafeInt } from './safe-int.scalar';

/** An exact amount: integer minor units (cents, pence) of an ISO 4217 currency. Never a float. */
@ObjectType('Money', { description: 'An exact amount in minor units (e.g. cents) of an ISO 4217 currency.' })
export class MoneyModel {
  @Field(() => SafeInt, { description: 'Minor units, e.g. 1250 for 12.50 EUR.' })
  amountMinor: number;

  @Field({ description: 'ISO 4217 code, e.g. EUR.' })
  currency: string;
}

/** The GraphQL shape of an amount (a copy: the model never shares the frozen value). */
export function toMoneyModel(amount: Money): MoneyModel {
  return { amountMinor: amount.amountMinor, currency: amount.currency };
}
