import { SolutionStatus } from './solution-status';

/** A capacity a proposal asks for. */
export interface CapacityNeed {
  kind: string;
  quantity: number;
  unit?: string | null;
}

/** An amount in minor units of a currency. */
export interface Amount {
  amountMinor: number;
  currency: string;
}

export interface ProposeSolution {
  problemId: string;
  title: string;
  description: string;
  organisationId?: string | null;
  fundingGoal?: Amount | null;
  capacityNeeds?: readonly CapacityNeed[] | null;
}

export interface ChangeSolutionStatus {
  solutionId: string;
  status: SolutionStatus;
  note?: string | null;
}

export interface AddComment {
  problemId?: string | null;
  solutionId?: string | null;
  parentId?: string | null;
  body: string;
}

/** A page request after the first page. */
export interface PageQuery {
  first?: number;
  after?: string;
}
