import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OPEN_STATUSES, ProblemStatus } from './problem-status';
import { inPeriodSql, StatsFilter, statsParameters } from './problem-stats';

/** The problems lib's engagement figures for a filter. */
export interface ProblemFigures {
  /** Problems reported in the period. */
  reported: number;
  /** Problems that reached RESOLVED in the period (and are still resolved). */
  resolved: number;
  /** Problems reported in the period that are still open. */
  open: number;
  /** Median days from report to resolution of the problems resolved in the period; null when none. */
  medianDaysToResolve: number | null;
}

/**
 * The problems of the filter's area (by the area the public sees them in): `scope(id, reported_at)`.
 * Higher libs join their rows to it through {@link ProblemStatsService.scoped} instead of naming
 * the problems table.
 */
const SCOPE = 'SELECT p.id, p.reported_at FROM problems p WHERE ($1::uuid IS NULL OR p.public_area_id = $1::uuid)';

/** The problems lib's part of the engagement statistics. */
@Injectable()
export class ProblemStatsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A statement over the problems of the filter's area: `WITH scope AS (…) <body>`, where `body`
   * joins `scope(id, reported_at)` and uses the stats parameters ($1–$3, see problem-stats.ts).
   */
  scoped(body: string): string {
    return `WITH scope AS (${SCOPE}) ${body}`;
  }

  /**
   * A `SELECT user_id` of the people who took part through this lib in the period: who reported
   * a problem of the scope, who supported one. For a statement built by `scoped`, to be unioned
   * with the other libs' parts and counted once each.
   */
  participantsSql(): string {
    return `SELECT p.reporter_id AS user_id FROM problems p JOIN scope ON scope.id = p.id WHERE ${inPeriodSql('p.reported_at')}
            UNION ALL
            SELECT ps.user_id FROM problem_supports ps JOIN scope ON scope.id = ps.problem_id WHERE ${inPeriodSql('ps.created_at')}`;
  }

  /** One statement; zeros and a null median on an empty period. */
  async figures(filter: StatsFilter): Promise<ProblemFigures> {
    const resolvedInPeriod = `p.status = '${ProblemStatus.RESOLVED}' AND ${inPeriodSql('p.status_changed_at')}`;
    const [row]: { reported: number; resolved: number; open: number; median_days: number | null }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE ${inPeriodSql('p.reported_at')})::int AS reported,
              count(*) FILTER (WHERE ${resolvedInPeriod})::int AS resolved,
              count(*) FILTER (WHERE ${inPeriodSql('p.reported_at')} AND p.status = ANY($4::problem_status[]))::int AS open,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.status_changed_at - p.reported_at) / 86400.0)
                FILTER (WHERE ${resolvedInPeriod}) AS median_days
         FROM problems p
        WHERE ($1::uuid IS NULL OR p.public_area_id = $1::uuid)`,
      [...statsParameters(filter), OPEN_STATUSES],
    );
    return { reported: row.reported, resolved: row.resolved, open: row.open, medianDaysToResolve: row.median_days === null ? null : Number(row.median_days) };
  }
}
