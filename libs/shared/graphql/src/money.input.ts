import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { isCurrencyCode, Money, money } from '@common-ground/shared/money';
import { SafeInt } from './safe-int.scalar';

/** Validates an ISO 4217 currency code (upper case, three letters, a currency in use). */
export function IsCurrencyCode(options: ValidationOptions = {}) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCurrencyCode',
      target: target.constructor,
      propertyName,
      options: { message: 'must be an ISO 4217 currency code, e.g. EUR', ...options },
      validator: { validate: (value: unknown) => isCurrencyCode(value) },
    });
}

@InputType()
export class MoneyInput {
  @Field(() => SafeInt, { description: 'Minor units, e.g. 1250 for 12.50 EUR; positive.' })
  @IsInt({ message: 'must be a whole number of minor units' })
  @Min(1, { message: 'must be positive' })
  amountMinor: number;

  @Field({ description: 'ISO 4217 code, e.g. EUR.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @IsCurrencyCode()
  currency: string;
}

/** A validated input as the shared Money value, for services (a refusal here is a MoneyError with its reason). */
export function fromMoneyInput(input: MoneyInput): Money {
  return money(input.amountMinor, input.currency);
}
