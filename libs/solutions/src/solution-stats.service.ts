import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { inPeriodSql, ProblemStatsService, StatsFilter, statsParameters } from '@common-ground/problems';

/** The solutions lib's engagement figures for a filter (see problem-stats.ts for the filter). */
export interface SolutionFigures {
  /** Votes cast in the period on solutions of the area's problems (a vote counts once, when first cast). */
  votes: number;
  /** Comments written in the period on the area's problems and their solutions. */
  comments: number;
  /** Of those, the official ones (by officers and supervisors). */
  officialResponses: number;
  /**
   * Of the problems reported in the period that have an official response (on the problem or one
   * of its solutions), the median hours from the report to the first one; null when none has.
   */
  medianHoursToFirstOfficialResponse: number | null;
}

/**
 * The conversation on the scope's problems: comments on a problem and comments on its solutions,
 * each with the problem it belongs to. Two branches so that each uses its index.
 */
const CONVERSATION = `
  conversation AS (
    SELECT c.problem_id, c.created_at, c.official, c.author_id FROM comments c JOIN scope ON scope.id = c.problem_id
    UNION ALL
    SELECT s.problem_id, c.created_at, c.official, c.author_id
      FROM comments c JOIN solutions s ON s.id = c.solution_id JOIN scope ON scope.id = s.problem_id
  )`;

/** The solutions lib's part of the engagement statistics, over the problems lib's scope. */
@Injectable()
export class SolutionStatsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly problemStats: ProblemStatsService,
  ) {}

  /**
   * `SELECT id` of the solutions of the scope's problems, for a statement built by
   * ProblemStatsService.scoped: how a higher lib (pledges) joins its rows to the scope.
   */
  solutionsOfScopeSql(): string {
    return 'SELECT s.id FROM solutions s JOIN scope ON scope.id = s.problem_id';
  }

  /**
   * A `SELECT user_id` of who took part through this lib in the period (proposed, voted,
   * commented), for a statement built by ProblemStatsService.scoped.
   */
  participantsSql(): string {
    return `SELECT s.proposer_id AS user_id FROM solutions s JOIN scope ON scope.id = s.problem_id WHERE ${inPeriodSql('s.created_at')}
            UNION ALL
            SELECT v.user_id FROM solution_votes v JOIN solutions s ON s.id = v.solution_id JOIN scope ON scope.id = s.problem_id
             WHERE ${inPeriodSql('v.created_at')}
            UNION ALL
            SELECT c.author_id FROM comments c JOIN scope ON scope.id = c.problem_id WHERE ${inPeriodSql('c.created_at')}
            UNION ALL
            SELECT c.author_id FROM comments c JOIN solutions s ON s.id = c.solution_id JOIN scope ON scope.id = s.problem_id
             WHERE ${inPeriodSql('c.created_at')}`;
  }

  /** One statement; zeros and a null median on an empty period. */
  async figures(filter: StatsFilter): Promise<SolutionFigures> {
    const sql = this.problemStats.scoped(`, ${CONVERSATION},
      first_responses AS (
        SELECT scope.reported_at, min(cv.created_at) AS first_at
          FROM conversation cv JOIN scope ON scope.id = cv.problem_id
         WHERE cv.official AND ${inPeriodSql('scope.reported_at')}
         GROUP BY scope.id, scope.reported_at
      )
      SELECT (SELECT count(*)::int FROM solution_votes v JOIN solutions s ON s.id = v.solution_id JOIN scope ON scope.id = s.problem_id
               WHERE ${inPeriodSql('v.created_at')}) AS votes,
             (SELECT count(*)::int FROM conversation cv WHERE ${inPeriodSql('cv.created_at')}) AS comments,
             (SELECT count(*)::int FROM conversation cv WHERE cv.official AND ${inPeriodSql('cv.created_at')}) AS official_responses,
             (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM f.first_at - f.reported_at) / 3600.0)
                FROM first_responses f) AS median_hours`);
    const [row]: { votes: number; comments: number; official_responses: number; median_hours: number | null }[] = await this.dataSource.query(
      sql,
      statsParameters(filter),
    );
    return {
      votes: row.votes,
      comments: row.comments,
      officialResponses: row.official_responses,
      medianHoursToFirstOfficialResponse: row.median_hours === null ? null : Number(row.median_hours),
    };
  }
}
