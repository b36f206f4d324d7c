import { Money } from '@common-ground/shared/money';
import { StatsFilter } from '@common-ground/problems';

/** The pledges' part of the engagement statistics. */
export interface PledgeFigures {
  /** One total per currency (empty: none). */
  fundingPledged: Money[];
  fundingFulfilled: Money[];
  hoursPledged: number;
  hoursFulfilled: number;
}

export const NO_PLEDGE_FIGURES: PledgeFigures = { fundingPledged: [], fundingFulfilled: [], hoursPledged: 0, hoursFulfilled: 0 };

/**
 * A port: the pledge figures of the engagement statistics. The pledges lib (below this one)
 * implements it (`PledgeStatsService`); ActionsModule binds the token to it
 * (`{ provide: PLEDGE_STATS, useExisting: PledgeStatsService }`). Without a provider (a module
 * set-up without pledges) the figures are zeros and empty lists, and pledgers are not counted.
 */
export interface PledgeStats {
  /** The figures for the filter, in one statement (the scope is ProblemStatsService.scoped's). */
  figures(filter: StatsFilter): Promise<PledgeFigures>;
  /** A `SELECT user_id` of who pledged in the period, for a statement built by ProblemStatsService.scoped. */
  participantsSql(): string;
}

export const PLEDGE_STATS = Symbol('PLEDGE_STATS');
