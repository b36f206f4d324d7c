import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { GraphQLScalarType } from 'graphql';
import { GraphQLSafeInt } from 'graphql-scalars';

/** The ISO 4217 currency codes the runtime knows (Intl), e.g. EUR, GBP, JPY. */
const CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && CURRENCY_CODES.has(value);
}

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

/**
 * graphql-scalars' SafeInt (whole numbers within ±(2^53 − 1), parsed and serialised by its own
 * code), without the @specifiedBy URL: a standard introspection query does not ask for it, so
 * the schema a client rebuilds would otherwise differ from the committed schema.graphql.
 */
export const SafeInt = new GraphQLScalarType({ ...GraphQLSafeInt.toConfig(), specifiedByURL: undefined });

/** An exact amount: integer minor units (cents, pence) of an ISO 4217 currency. Never a float. */
@ObjectType('Money', { description: 'An exact amount in minor units (e.g. cents) of an ISO 4217 currency.' })
export class MoneyModel {
  @Field(() => SafeInt, { description: 'Minor units, e.g. 1250 for 12.50 EUR.' })
  amountMinor: number;

  @Field({ description: 'ISO 4217 code, e.g. EUR.' })
  currency: string;
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

/** A stored bigint column (pg returns text) as a number; the cap keeps it a safe integer. */
export const BIGINT_AS_NUMBER = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null): number | null => {
    if (value === null || value === undefined) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new Error(`bigint ${value} is beyond a safe integer`);
    return parsed;
  },
};
