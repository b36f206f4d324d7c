import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inPeriodSql, ProblemFigures, ProblemStatsService, StatsFilter, statsParameters } from '@common-ground/problems';
import { SolutionFigures, SolutionStatsService } from '@common-ground/solutions';
import { AssessmentOutcome, OutcomeWorked } from './assessment-outcome';
import { ActionsReason, refusedField } from './actions.exception';
import { NO_PLEDGE_FIGURES, PLEDGE_STATS, PledgeFigures, PledgeStats } from './pledge-stats.port';

/** Every figure of the engagement statistics (api.md "Police actions and accountability"). */
export interface EngagementFigures extends ProblemFigures, SolutionFigures, PledgeFigures {
  participants: number;
  outcomes: { outcome: AssessmentOutcome; count: number }[];
  ratings: { worked: OutcomeWorked; count: number }[];
  ratedProblems: number;
  workedShare: number | null;
}

/** Who rated in the period: for the participants' union. */
const RATERS = `SELECT r.user_id FROM outcome_ratings r JOIN scope ON scope.id = r.problem_id WHERE ${inPeriodSql('r.rated_at')}`;

/**
 * The engagement statistics, composed from each lib's own figures (problems, solutions, pledges
 * through its port) and this lib's assessments and ratings. Every figure comes from SQL over the
 * filter's scope; participants are counted once across libs in one statement that unions each
 * lib's `participantsSql`.
 */
@Injectable()
export class EngagementStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly problemStats: ProblemStatsService,
    private readonly solutionStats: SolutionStatsService,
    @Optional() @Inject(PLEDGE_STATS) private readonly pledgeStats?: PledgeStats,
  ) {}

  async figures(filter: StatsFilter): Promise<EngagementFigures> {
    if (filter.from && filter.to && filter.to.getTime() < filter.from.getTime()) {
      throw refusedField('to', 'must not be before from', ActionsReason.PERIOD_REVERSED);
    }
    const [problems, solutions, pledges, own] = await Promise.all([
      this.problemStats.figures(filter),
      this.solutionStats.figures(filter),
      this.pledgeStats ? this.pledgeStats.figures(filter) : Promise.resolve(NO_PLEDGE_FIGURES),
      this.ownFigures(filter),
    ]);
    return { ...problems, ...solutions, ...pledges, ...own };
  }

  /**
   * In one statement: the outcomes of the current assessments made in the period, the ratings
   * given or changed in it, and the participants of every lib, each counted once.
   */
  private async ownFigures(filter: StatsFilter): Promise<Pick<EngagementFigures, 'participants' | 'outcomes' | 'ratings' | 'ratedProblems' | 'workedShare'>> {
    const participants = [this.problemStats.participantsSql(), this.solutionStats.participantsSql(), RATERS];
    if (this.pledgeStats) participants.push(this.pledgeStats.participantsSql());
    const [row]: {
      participants: number;
      outcomes: Partial<Record<AssessmentOutcome, number>> | null;
      ratings: Partial<Record<OutcomeWorked, number>> | null;
      rated_problems: number;
      worked_problems: number;
    }[] = await this.dataSource.query(
      this.problemStats.scoped(`,
        assessed AS (
          SELECT pa.outcome FROM problem_assessments pa JOIN scope ON scope.id = pa.problem_id
           WHERE pa.current AND ${inPeriodSql('pa.assessed_at')}
        ),
        rated AS (
          SELECT r.problem_id, r.worked FROM outcome_ratings r JOIN scope ON scope.id = r.problem_id WHERE ${inPeriodSql('r.rated_at')}
        ),
        per_problem AS (
          SELECT problem_id, count(*) FILTER (WHERE worked = 'YES') AS yes, count(*) AS n FROM rated GROUP BY problem_id
        )
        SELECT (SELECT count(DISTINCT u.user_id)::int FROM (${participants.join(' UNION ALL ')}) u) AS participants,
               (SELECT jsonb_object_agg(outcome, n) FROM (SELECT outcome, count(*)::int AS n FROM assessed GROUP BY outcome) o) AS outcomes,
               (SELECT jsonb_object_agg(worked, n) FROM (SELECT worked, count(*)::int AS n FROM rated GROUP BY worked) w) AS ratings,
               (SELECT count(*)::int FROM per_problem) AS rated_problems,
               (SELECT count(*)::int FROM per_problem WHERE 2 * yes > n) AS worked_problems`),
      statsParameters(filter),
    );
    return {
      participants: row.participants,
      outcomes: Object.values(AssessmentOutcome).map((outcome) => ({ outcome, count: row.outcomes?.[outcome] ?? 0 })),
      ratings: Object.values(OutcomeWorked).map((worked) => ({ worked, count: row.ratings?.[worked] ?? 0 })),
      ratedProblems: row.rated_problems,
      workedShare: row.rated_problems === 0 ? null : row.worked_problems / row.rated_problems,
    };
  }
}
