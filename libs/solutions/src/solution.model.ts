import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { hiddenUnlessAuthor } from '@common-ground/shared/auth';
import { Connection, MoneyModel, SafeInt } from '@common-ground/shared/graphql';
import { SolutionOrder } from './ranking';
import { SolutionStatus } from './solution-status';

export enum VoteValue {
  UP = 'UP',
  DOWN = 'DOWN',
}

registerEnumType(VoteValue, { name: 'VoteValue' });

registerEnumType(SolutionStatus, {
  name: 'SolutionStatus',
  description: 'Where a solution stands: officers shortlist, adopt, reject or mark it implemented.',
});

registerEnumType(SolutionOrder, {
  name: 'SolutionOrder',
  valuesMap: {
    TOP: { description: 'Best ranked first: the lower confidence bound of the share of UP votes, so 95 of 100 beats 3 of 3.' },
    NEWEST: { description: 'Most recently proposed first.' },
  },
});

const HIDDEN_TEXT = 'Null when hidden by moderation, except to moderators and the proposer.';
const unlessHidden = hiddenUnlessAuthor<SolutionModel>((solution) => solution.proposerId);
const needUnlessHidden = hiddenUnlessAuthor<CapacityNeedModel>((need) => need.proposerId);

@ObjectType('CapacityNeed', { description: 'Something besides money that a solution needs, e.g. 40 volunteer hours.' })
export class CapacityNeedModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: `The proposer's words, e.g. "volunteer hours". ${HIDDEN_TEXT}`, middleware: [needUnlessHidden] })
  kind: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => String, { nullable: true, description: HIDDEN_TEXT, middleware: [needUnlessHidden] })
  unit: string | null;

  @Field(() => SafeInt, { description: 'The quantity pledged toward it: open and fulfilled pledges (it may pass `quantity`).' })
  pledged: number;

  @Field(() => SafeInt, { description: 'The part of `pledged` delivered, as confirmed by an officer.' })
  fulfilled: number;

  // Internal: never fields. The solution's, for masking.
  solutionId: string;
  hidden: boolean;
  proposerId: string;
}

/** A solution as the API shows it: a hidden one shows its title and description only to moderators and its proposer. */
@ObjectType('Solution', { description: 'A proposal for a problem, which residents vote on and officers adopt.' })
export class SolutionModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: HIDDEN_TEXT, middleware: [unlessHidden] })
  title: string;

  @Field(() => String, { nullable: true, description: HIDDEN_TEXT, middleware: [unlessHidden] })
  description: string;

  @Field(() => SolutionStatus)
  status: SolutionStatus;

  @Field(() => String, { nullable: true, description: 'The note of the latest status change, e.g. why it was rejected.' })
  statusNote: string | null;

  @Field(() => Int)
  upVotes: number;

  @Field(() => Int)
  downVotes: number;

  @Field(() => Float, { description: 'The ranking score: the 95 % Wilson lower bound of the share of UP votes (0 to 1).' })
  score: number;

  @Field(() => MoneyModel, { nullable: true })
  fundingGoal: MoneyModel | null;

  @Field({ description: 'Hidden by moderation (after flags or by a moderator).' })
  hidden: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  // Internal: never fields.
  problemId: string;
  proposerId: string;
  organisationId: string | null;
  /** The funding totals (fields `fundingPledged`, `fundingFulfilled`, in the pledge currency). */
  fundingCurrency: string | null;
  fundingPledgedMinor: number;
  fundingFulfilledMinor: number;
}

@ObjectType('SolutionConnection')
export class SolutionConnection extends Connection(SolutionModel, 'Solution') {}
