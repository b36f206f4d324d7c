import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, MoneyModel, SafeInt } from '@common-ground/shared/graphql';
import { CapacityKind, PledgeKind, PledgeStatus } from './pledge-status';

registerEnumType(PledgeStatus, {
  name: 'PledgeStatus',
  description: 'PLEDGED (open) → FULFILLED (an officer confirmed delivery) | WITHDRAWN | RELEASED (its solution was rejected).',
});
registerEnumType(PledgeKind, { name: 'PledgeKind', description: 'FUNDING (an exact amount) or CAPACITY (a kind, a quantity, a unit).' });
registerEnumType(CapacityKind, { name: 'CapacityKind' });

@ObjectType('PledgeCapacity', { description: 'What a CAPACITY pledge promises.' })
export class PledgeCapacityModel {
  @Field(() => CapacityKind)
  kind: CapacityKind;

  @Field(() => SafeInt)
  quantity: number;

  @Field(() => String, { nullable: true, description: 'e.g. hours, people, m².' })
  unit: string | null;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => ID, { nullable: true, description: 'The capacity need of the solution it counts toward, if any.' })
  needId: string | null;
}

@ObjectType('PledgeChange', { description: 'One change of a pledge’s status: who, when, from, to.' })
export class PledgeChangeModel {
  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => PledgeStatus, { nullable: true, description: 'Null when the pledge was made.' })
  fromStatus: PledgeStatus | null;

  @Field(() => PledgeStatus)
  toStatus: PledgeStatus;

  @Field(() => String, { nullable: true })
  note: string | null;

  // Internal: the field `actor` is resolved from it.
  actorId: string | null;
}

@ObjectType('Pledge', { description: 'A promise of money or capacity toward a solution, by a user or on behalf of an organisation.' })
export class PledgeModel {
  @Field(() => ID)
  id: string;

  @Field(() => PledgeKind)
  kind: PledgeKind;

  @Field(() => MoneyModel, { nullable: true, description: 'A FUNDING pledge’s amount; null for CAPACITY.' })
  amount: MoneyModel | null;

  @Field(() => PledgeCapacityModel, { nullable: true, description: 'A CAPACITY pledge’s promise; null for FUNDING.' })
  capacity: PledgeCapacityModel | null;

  @Field(() => PledgeStatus)
  status: PledgeStatus;

  @Field(() => String, { nullable: true, description: 'The pledger’s public note.' })
  note: string | null;

  @Field({ description: 'Made by a match offer for a resident’s pledge (see `matchOf`).' })
  isMatch: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'What the officer who confirmed the delivery wrote; for officers and the pledger only (null for everyone else).',
  })
  evidence: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  fulfilledAt: Date | null;

  // Internal: never fields.
  solutionId: string;
  pledgedById: string;
  organisationId: string | null;
  matchesPledgeId: string | null;
}

@ObjectType('PledgeConnection')
export class PledgeConnection extends Connection(PledgeModel, 'Pledge') {}

@ObjectType('PledgeTotals', { description: 'What an organisation has pledged (open and fulfilled pledges) and fulfilled, one amount per currency.' })
export class PledgeTotalsModel {
  @Field(() => [MoneyModel])
  pledged: MoneyModel[];

  @Field(() => [MoneyModel])
  fulfilled: MoneyModel[];
}
