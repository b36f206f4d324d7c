import { CapacityKind, PledgeKind } from './pledge-status';

/** An amount in minor units of a currency. */
export interface Amount {
  amountMinor: number;
  currency: string;
}

/** What a CAPACITY pledge promises; `needId`: the solution's need it counts toward (else the first need of its kind, if any). */
export interface PledgeCapacity {
  kind: CapacityKind;
  quantity: number;
  unit?: string | null;
  description?: string | null;
  needId?: string | null;
}

/** Exactly one of `amount` (FUNDING) and `capacity` (CAPACITY), as `kind` says. */
export interface CreatePledge {
  solutionId: string;
  kind: PledgeKind;
  amount?: Amount | null;
  capacity?: PledgeCapacity | null;
  organisationId?: string | null;
  note?: string | null;
}

export interface MarkPledgeFulfilled {
  pledgeId: string;
  evidence?: string | null;
}

export interface OfferMatchFunding {
  solutionId: string;
  organisationId: string;
  cap: Amount;
  /** Added for each 1 pledged by residents; 1 when left out. */
  ratio?: number | null;
}

/** A page request after the first page. */
export interface PageQuery {
  first?: number;
  after?: string;
}
