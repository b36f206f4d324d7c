import { carryPlanned } from '@common-ground/shared/graphql';
import { SolutionCapacityNeedEntity, SolutionEntity } from './solution.entity';
import { CapacityNeedModel, SolutionModel, VoteValue } from './solution.model';

export const VOTE_NUMBER: Readonly<Record<VoteValue, 1 | -1>> = { [VoteValue.UP]: 1, [VoteValue.DOWN]: -1 };

export function voteValueOf(value: number): VoteValue {
  return value > 0 ? VoteValue.UP : VoteValue.DOWN;
}

/** The model keeps the values a read planned for the row's fields (see solution.planner.ts). */
export function toSolutionModel(entity: SolutionEntity): SolutionModel {
  return carryPlanned(entity, {
    id: entity.id,
    status: entity.status,
    statusNote: entity.statusNote,
    upVotes: entity.upVotes,
    downVotes: entity.downVotes,
    score: entity.score,
    fundingGoal:
      entity.fundingGoalMinor !== null && entity.fundingCurrency !== null ? { amountMinor: entity.fundingGoalMinor, currency: entity.fundingCurrency } : null,
    hidden: entity.hidden,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    problemId: entity.problemId,
    title: entity.title,
    description: entity.description,
    proposerId: entity.proposerId,
    organisationId: entity.organisationId,
    fundingCurrency: entity.fundingCurrency,
    fundingPledgedMinor: entity.fundingPledgedMinor,
    fundingFulfilledMinor: entity.fundingFulfilledMinor,
  });
}

/** A need as the API shows it; masked with its solution, which the caller passes. */
export function toCapacityNeedModel(entity: SolutionCapacityNeedEntity, solution: { hidden: boolean; proposerId: string }): CapacityNeedModel {
  return {
    id: entity.id,
    kind: entity.kind,
    quantity: entity.quantity,
    unit: entity.unit,
    pledged: entity.pledged,
    fulfilled: entity.fulfilled,
    solutionId: entity.solutionId,
    hidden: solution.hidden,
    proposerId: solution.proposerId,
  };
}
