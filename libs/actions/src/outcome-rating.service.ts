import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { anyOf, inTransaction } from '@common-ground/shared/database';
import { NotFoundError } from '@common-ground/shared/graphql';
import { ProblemService } from '@common-ground/problems';
import { OutcomeRatingEntity } from './assessment.entity';
import { OutcomeWorked, RATEABLE_STATUSES } from './assessment-outcome';
import { RateOutcome } from './action.commands';
import { ActionsReason, notReporterOrSupporter, wrongProblemStatus } from './actions.exception';

/** Counts of a problem's ratings by answer. */
export type RatingCounts = Record<OutcomeWorked, number>;

export const NO_RATINGS: RatingCounts = { [OutcomeWorked.YES]: 0, [OutcomeWorked.PARTLY]: 0, [OutcomeWorked.NO]: 0 };

/** A rating's comment as anyone sees it: naming nobody. */
export interface RatingComment {
  worked: OutcomeWorked;
  comment: string;
  /** YYYY-MM-DD (UTC). */
  day: string;
}

/** How many rating comments a problem shows. */
export const RATING_COMMENTS_SHOWN = 50;

/**
 * Residents' answers to "did it work?". Who rated is never shown to anyone but themselves: the
 * reporter of an anonymous problem may be among the raters, so a rating names nobody.
 */
@Injectable()
export class OutcomeRatingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(OutcomeRatingEntity) private readonly ratings: Repository<OutcomeRatingEntity>,
    private readonly problems: ProblemService,
  ) {}

  /**
   * Once the problem is in ASSESSMENT or RESOLVED (CONFLICT RATING_NOT_OPEN), by its reporter or
   * a supporter only (FORBIDDEN NOT_REPORTER_OR_SUPPORTER); rating again changes the answer.
   */
  async rate(userId: string, command: RateOutcome): Promise<OutcomeRatingEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const problem = await this.problems.lockForResponse(manager, command.problemId);
      if (!problem) throw new NotFoundError('Problem', command.problemId);
      const supports = problem.reporterId === userId || (await this.problems.supportedBy(userId, [command.problemId])).has(command.problemId);
      if (!supports) throw notReporterOrSupporter();
      if (!(RATEABLE_STATUSES as readonly string[]).includes(problem.status)) {
        throw wrongProblemStatus(
          ActionsReason.RATING_NOT_OPEN,
          problem.status,
          `Ratings open once a problem is in ASSESSMENT or RESOLVED; it is ${problem.status}`,
        );
      }
      const now = new Date();
      await manager
        .createQueryBuilder()
        .insert()
        .into(OutcomeRatingEntity)
        .values({ problemId: command.problemId, userId, worked: command.worked, comment: command.comment ?? null, ratedAt: now })
        .orUpdate(['worked', 'comment', 'rated_at', 'updated_at'], ['problem_id', 'user_id'])
        .execute();
      return manager.findOneByOrFail(OutcomeRatingEntity, { problemId: command.problemId, userId });
    });
  }

  /** The user's own ratings of these problems. */
  async ofUser(userId: string, problemIds: readonly string[]): Promise<OutcomeRatingEntity[]> {
    return problemIds.length ? this.ratings.findBy({ userId, problemId: anyOf(problemIds) }) : [];
  }

  /** Counts by answer for each problem (every answer, zeros included), one statement. */
  async countsOf(problemIds: readonly string[]): Promise<Map<string, RatingCounts>> {
    const counts = new Map<string, RatingCounts>(problemIds.map((id) => [id, { ...NO_RATINGS }]));
    if (!problemIds.length) return counts;
    const rows: { problem_id: string; worked: OutcomeWorked; n: number }[] = await this.dataSource.query(
      'SELECT problem_id, worked, count(*)::int AS n FROM outcome_ratings WHERE problem_id = ANY($1::uuid[]) GROUP BY problem_id, worked',
      [[...problemIds]],
    );
    for (const row of rows) {
      const of = counts.get(row.problem_id);
      if (of) of[row.worked] = row.n;
    }
    return counts;
  }

  /**
   * The newest comments of each problem's ratings (at most RATING_COMMENTS_SHOWN each, one
   * statement), without who gave them, dated by the day and ordered by day and text, so that
   * neither the order nor the time tells one rater from another.
   */
  async commentsOf(problemIds: readonly string[]): Promise<Map<string, RatingComment[]>> {
    const comments = new Map<string, RatingComment[]>(problemIds.map((id) => [id, []]));
    if (!problemIds.length) return comments;
    const rows: (RatingComment & { problem_id: string })[] = await this.dataSource.query(
      `SELECT problem_id, worked, comment, day FROM (
         SELECT problem_id, worked, comment, to_char(rated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
                row_number() OVER (PARTITION BY problem_id ORDER BY date_trunc('day', rated_at AT TIME ZONE 'UTC') DESC, comment, worked) AS n
           FROM outcome_ratings WHERE problem_id = ANY($1::uuid[]) AND comment IS NOT NULL
       ) c WHERE n <= $2 ORDER BY problem_id, n`,
      [[...problemIds], RATING_COMMENTS_SHOWN],
    );
    for (const { problem_id, ...comment } of rows) comments.get(problem_id)?.push(comment);
    return comments;
  }
}
