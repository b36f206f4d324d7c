import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { money, Money } from '@common-ground/shared/money';
import { inPeriodSql, ProblemStatsService, StatsFilter, statsParameters } from '@common-ground/problems';
import { SolutionStatsService } from '@common-ground/solutions';
import { CapacityKind, PledgeKind, PledgeStatus } from './pledge-status';

/** The pledges' part of the engagement statistics (the actions lib's `PledgeStats` port). */
export interface PledgeFigures {
  /** Funding pledged in the period (open or fulfilled since), one total per currency. */
  fundingPledged: Money[];
  /** Funding pledges fulfilled in the period, one total per currency. */
  fundingFulfilled: Money[];
  /** Volunteer hours pledged in the period (open or fulfilled since). */
  hoursPledged: number;
  /** Volunteer hours pledged and fulfilled in the period. */
  hoursFulfilled: number;
}

const COUNTED = `('${PledgeStatus.PLEDGED}', '${PledgeStatus.FULFILLED}')`;

/** The pledges toward solutions of the scope's problems (the solutions lib gives their ids). */
@Injectable()
export class PledgeStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly problemStats: ProblemStatsService,
    private readonly solutionStats: SolutionStatsService,
  ) {}

  /** A `SELECT user_id` of who pledged in the period, for a statement built by ProblemStatsService.scoped. */
  participantsSql(): string {
    return `SELECT pl.pledged_by_id AS user_id FROM pledges pl WHERE pl.solution_id IN (${this.solutionStats.solutionsOfScopeSql()}) AND ${inPeriodSql('pl.created_at')}`;
  }

  /** One statement; empty lists and zeros on an empty period. */
  async figures(filter: StatsFilter): Promise<PledgeFigures> {
    const funding = (condition: string) =>
      `(SELECT coalesce(json_agg(json_build_object('currency', t.currency, 'minor', t.total::text) ORDER BY t.currency), '[]'::json)
          FROM (SELECT pl.currency, sum(pl.amount_minor) AS total FROM scoped pl WHERE pl.kind = '${PledgeKind.FUNDING}' AND ${condition} GROUP BY pl.currency) t)`;
    const hours = (condition: string) =>
      `(SELECT coalesce(sum(pl.quantity), 0)::float8 FROM scoped pl WHERE pl.kind = '${PledgeKind.CAPACITY}' AND pl.capacity_kind = '${CapacityKind.VOLUNTEER_HOURS}' AND ${condition})`;
    const pledged = `pl.status IN ${COUNTED} AND ${inPeriodSql('pl.created_at')}`;
    const fulfilled = `pl.status = '${PledgeStatus.FULFILLED}' AND ${inPeriodSql('pl.fulfilled_at')}`;
    const sql = this.problemStats.scoped(`, scoped AS (SELECT pl.* FROM pledges pl WHERE pl.solution_id IN (${this.solutionStats.solutionsOfScopeSql()}))
      SELECT ${funding(pledged)} AS funding_pledged, ${funding(fulfilled)} AS funding_fulfilled, ${hours(pledged)} AS hours_pledged, ${hours(fulfilled)} AS hours_fulfilled`);
    const [row]: {
      funding_pledged: { currency: string; minor: string }[];
      funding_fulfilled: { currency: string; minor: string }[];
      hours_pledged: number;
      hours_fulfilled: number;
    }[] = await this.dataSource.query(sql, statsParameters(filter));
    const totals = (list: { currency: string; minor: string }[]) => list.map((total) => money(Number(total.minor), total.currency));
    return {
      fundingPledged: totals(row.funding_pledged),
      fundingFulfilled: totals(row.funding_fulfilled),
      hoursPledged: Number(row.hours_pledged),
      hoursFulfilled: Number(row.hours_fulfilled),
    };
  }
}
