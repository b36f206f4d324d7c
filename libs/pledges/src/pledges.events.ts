import { DomainEvent } from '@common-ground/shared/database';
import { declareTimelineKinds } from '@common-ground/problems';
import { PledgeStatus } from './pledge-status';

/** The timeline kinds the pledges lib writes (see `PledgeTimelineListener`). */
export enum PledgeTimelineKind {
  PLEDGE_MADE = 'PLEDGE_MADE',
  PLEDGE_MATCHED = 'PLEDGE_MATCHED',
  PLEDGE_WITHDRAWN = 'PLEDGE_WITHDRAWN',
  PLEDGE_FULFILLED = 'PLEDGE_FULFILLED',
  PLEDGE_RELEASED = 'PLEDGE_RELEASED',
  MATCH_FUNDING_OFFERED = 'MATCH_FUNDING_OFFERED',
}
declareTimelineKinds('pledges', PledgeTimelineKind);

export interface PledgeChange {
  pledgeId: string;
  solutionId: string;
  problemId: string;
  /** Who changed it: the pledger, the officer, or for a match, who made its offer (made) or withdrew the pledge it matches. */
  actorId: string | null;
  /** Null when it was made. */
  from: PledgeStatus | null;
  to: PledgeStatus;
  /** What it promises, e.g. "10.00 GBP" or "40 hours VOLUNTEER_HOURS". */
  summary: string;
  organisationId: string | null;
  /** For a match pledge: the pledge it matches. */
  matchesPledgeId: string | null;
}

/**
 * A pledge was made or changed status. Published as the subclass of the move (`PledgeMade`,
 * `PledgeWithdrawn`, `PledgeFulfilled`, `PledgeReleased`); build one with `pledgeChanged`.
 */
export class PledgeChanged extends DomainEvent<PledgeChange> {
  readonly type: string = 'pledges.pledge-changed';
}

export class PledgeMade extends PledgeChanged {
  override readonly type = 'pledges.pledge-made';
}

export class PledgeWithdrawn extends PledgeChanged {
  override readonly type = 'pledges.pledge-withdrawn';
}

export class PledgeFulfilled extends PledgeChanged {
  override readonly type = 'pledges.pledge-fulfilled';
}

/** Released because its solution was rejected. */
export class PledgeReleased extends PledgeChanged {
  override readonly type = 'pledges.pledge-released';
}

const BY_STATUS: Readonly<Record<PledgeStatus, new (change: PledgeChange) => PledgeChanged>> = {
  [PledgeStatus.PLEDGED]: PledgeMade,
  [PledgeStatus.WITHDRAWN]: PledgeWithdrawn,
  [PledgeStatus.FULFILLED]: PledgeFulfilled,
  [PledgeStatus.RELEASED]: PledgeReleased,
};

export function pledgeChanged(change: PledgeChange): PledgeChanged {
  return new BY_STATUS[change.to](change);
}

/** An organisation offered match funding on a solution. */
export class MatchFundingOffered extends DomainEvent<{
  offerId: string;
  solutionId: string;
  problemId: string;
  organisationId: string;
  actorId: string;
  /** e.g. "1:1 up to 500.00 GBP". */
  summary: string;
}> {
  readonly type = 'pledges.match-funding-offered';
}
