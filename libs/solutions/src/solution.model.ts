import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { hiddenUnlessAuthor } from '@common-ground/shared/auth';
import { Connection, MoneyModel } from '@common-ground/shared/graphql';
import { SolutionCapacityNeedEntity, SolutionEntity } from './solution.entity';
import { SolutionStatus } from './solution-status';

export enum VoteValue {
  UP = 'UP',
  DOWN = 'DOWN',
}

registerEnumType(VoteValue, { name: 'VoteValue' });

export const VOTE_NUMBER: Readonly<Record<VoteValue, 1 | -1>> = { [VoteValue.UP]: 1, [VoteValue.DOWN]: -1 };

export function voteValueOf(value: number): VoteValue {
  return value > 0 ? VoteValue.UP : VoteValue.DOWN;
}

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
}

export function toSolutionModel(entity: SolutionEntity): SolutionModel {
  return {
    id: entity.id,
    status: entity.status,
    statusNote: entity.statusNote,
    upVotes: entity.upVotes,
    downVotes: entity.downVotes,
    score: entity.score,
    fundingGoal:
      entity.fundingGoalMinor !== null && entity.fundingCurrency !== null
        ? { amountMinor: entity.fundingGoalMinor, currency: entity.fundingCurrency }
        : null,
    hidden: entity.hidden,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    problemId: entity.problemId,
    title: entity.title,
    description: entity.description,
    proposerId: entity.proposerId,
    organisationId: entity.organisationId,
  };
}

/** A need as the API shows it; masked with its solution, which the caller passes. */
export function toCapacityNeedModel(entity: SolutionCapacityNeedEntity, solution: { hidden: boolean; proposerId: string }): CapacityNeedModel {
  return {
    id: entity.id,
    kind: entity.kind,
    quantity: entity.quantity,
    unit: entity.unit,
    solutionId: entity.solutionId,
    hidden: solution.hidden,
    proposerId: solution.proposerId,
  };
}

@ObjectType('SolutionConnection')
export class SolutionConnection extends Connection(SolutionModel, 'Solution') {}
