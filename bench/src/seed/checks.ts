import { Client } from 'pg';
import { wilsonLowerBoundSql } from '@common-ground/solutions';

/** Rows whose stored counters disagree with the rows they count; all must be 0. */
export interface ConsistencyReport {
  problems: number;
  supportCountMismatches: number;
  solutions: number | null;
  solutionCountMismatches: number | null;
  votes: number | null;
  voteCounterMismatches: number | null;
  scoreMismatches: number | null;
  /** Pledges, and solutions, capacity needs and match offers whose totals differ from their pledge rows (null without pledges). */
  pledges: number | null;
  pledgeTotalMismatches: number | null;
}

export async function checkConsistency(url: string): Promise<ConsistencyReport> {
  const client = new Client({ connectionString: url, application_name: 'bench-checks' });
  await client.connect();
  try {
    const supports = (
      await client.query(
        `SELECT count(*)::int AS problems,
                count(*) FILTER (WHERE p.support_count <> coalesce(s.n, 0))::int AS mismatches
           FROM problems p
           LEFT JOIN (SELECT problem_id, count(*) AS n FROM problem_supports GROUP BY problem_id) s ON s.problem_id = p.id`,
      )
    ).rows[0];
    const report: ConsistencyReport = {
      problems: supports.problems,
      supportCountMismatches: supports.mismatches,
      solutions: null,
      solutionCountMismatches: null,
      votes: null,
      voteCounterMismatches: null,
      scoreMismatches: null,
      pledges: null,
      pledgeTotalMismatches: null,
    };
    const hasSolutions = (await client.query("SELECT to_regclass('public.solution_votes') IS NOT NULL AS ok")).rows[0].ok as boolean;
    if (hasSolutions) {
      const votes = (
        await client.query(
          `SELECT count(*)::int AS solutions,
                  coalesce(sum(coalesce(v.up, 0) + coalesce(v.down, 0)), 0)::bigint AS votes,
                  count(*) FILTER (WHERE s.up_votes <> coalesce(v.up, 0) OR s.down_votes <> coalesce(v.down, 0))::int AS counter_mismatches,
                  count(*) FILTER (WHERE s.score <> ${wilsonLowerBoundSql('s.up_votes', 's.down_votes')})::int AS score_mismatches
             FROM solutions s
             LEFT JOIN (SELECT solution_id, count(*) FILTER (WHERE value = 1) AS up, count(*) FILTER (WHERE value = -1) AS down
                          FROM solution_votes GROUP BY solution_id) v ON v.solution_id = s.id`,
        )
      ).rows[0];
      const counts = (
        await client.query(
          `SELECT count(*) FILTER (WHERE p.solution_count <> coalesce(s.n, 0))::int AS mismatches
             FROM problems p
             LEFT JOIN (SELECT problem_id, count(*) AS n FROM solutions GROUP BY problem_id) s ON s.problem_id = p.id`,
        )
      ).rows[0];
      report.solutionCountMismatches = counts.mismatches;
      report.solutions = votes.solutions;
      report.votes = Number(votes.votes);
      report.voteCounterMismatches = votes.counter_mismatches;
      report.scoreMismatches = votes.score_mismatches;
    }
    const hasPledges = (await client.query("SELECT to_regclass('public.pledges') IS NOT NULL AS ok")).rows[0].ok as boolean;
    if (hasPledges) {
      const counted = "status IN ('PLEDGED', 'FULFILLED')";
      const totals = (
        await client.query(
          `SELECT (SELECT count(*)::int FROM pledges) AS pledges,
                  (SELECT count(*)::int FROM solutions s
                    WHERE s.funding_pledged_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM pledges p WHERE p.solution_id = s.id AND p.${counted})
                       OR s.funding_fulfilled_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM pledges p WHERE p.solution_id = s.id AND p.status = 'FULFILLED'))
                + (SELECT count(*)::int FROM solution_capacity_needs c
                    WHERE c.pledged <> (SELECT coalesce(sum(quantity), 0) FROM pledges p WHERE p.capacity_need_id = c.id AND p.${counted}))
                + (SELECT count(*)::int FROM match_offers m
                    WHERE m.matched_minor <> (SELECT coalesce(sum(amount_minor), 0) FROM pledges p WHERE p.match_offer_id = m.id AND p.${counted})
                       OR m.matched_minor > m.cap_minor) AS mismatches`,
        )
      ).rows[0];
      report.pledges = totals.pledges;
      report.pledgeTotalMismatches = totals.mismatches;
    }
    return report;
  } finally {
    await client.end();
  }
}

export function consistent(report: ConsistencyReport): boolean {
  return (
    report.supportCountMismatches === 0 &&
    (report.solutionCountMismatches ?? 0) === 0 &&
    (report.voteCounterMismatches ?? 0) === 0 &&
    (report.scoreMismatches ?? 0) === 0 &&
    (report.pledgeTotalMismatches ?? 0) === 0
  );
}
