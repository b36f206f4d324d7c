import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@common-ground/shared/graphql';

@ObjectType('MatchOffer', {
  description:
    'An organisation adds `ratio` for each 1 residents pledge toward the solution, up to `cap`. Offers on one solution match in the order they were made: the next one starts where the earlier ones are full.',
})
export class MatchOfferModel {
  @Field(() => ID)
  id: string;

  @Field(() => MoneyModel)
  cap: MoneyModel;

  @Field(() => Int)
  ratio: number;

  @Field(() => MoneyModel, { description: 'What its open and fulfilled match pledges add up to; never more than the cap.' })
  matched: MoneyModel;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  // Internal: the field `organisation` is resolved from it.
  organisationId: string;
  solutionId: string;
}
