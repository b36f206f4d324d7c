import { Client } from 'pg';
import { VOTING_CLOSED } from '@common-ground/solutions';
import { CLOSED_FOR_PLEDGES } from '@common-ground/pledges';
import { DEFAULT_CURRENCY } from './servers/limit-sql';
import { Fixtures } from './scenarios';
import { SEARCH_TERMS } from './seed/vocabulary';
import { END_MS, TOWN } from './seed/seeder';
import { issueTokens } from './tokens';

/**
 * What the load generator draws from, sampled from the run database with a fixed order (so the
 * same seed picks the same rows): problems, points, problems with solutions, search terms that
 * match, voters with tokens and the solutions they may vote on.
 */
export async function buildFixtures(url: string, seed: number, writers = 2_000): Promise<Fixtures> {
  const client = new Client({ connectionString: url, application_name: 'bench-fixtures' });
  await client.connect();
  try {
    const order = (column: string) => `md5(${column}::text || '${seed}')`;
    const problems = await client.query(`SELECT id, public_lat, public_lng FROM problems ORDER BY ${order('id')} LIMIT 5000`);
    const hasSolutions = (await client.query("SELECT to_regclass('public.solutions') IS NOT NULL AS ok")).rows[0].ok as boolean;
    const withSolutions = hasSolutions
      ? (
          await client.query(
            `SELECT problem_id AS id, count(*)::int AS solutions FROM solutions GROUP BY problem_id ORDER BY ${order('problem_id')} LIMIT 2000`,
          )
        ).rows
      : [];
    const solutions = hasSolutions
      ? (
          await client.query(
            `SELECT id, proposer_id AS "proposerId" FROM solutions WHERE status <> ALL($1::solution_status[]) ORDER BY ${order('id')} LIMIT 5000`,
            [VOTING_CLOSED],
          )
        ).rows
      : [];
    const hasPledges = (await client.query("SELECT to_regclass('public.pledges') IS NOT NULL AS ok")).rows[0].ok as boolean;
    const withPledges = hasPledges
      ? (
          await client.query(
            `SELECT s.problem_id AS id, count(*)::int AS solutions FROM solutions s
              WHERE s.problem_id IN (SELECT t.problem_id FROM solutions t JOIN pledges l ON l.solution_id = t.id)
              GROUP BY s.problem_id ORDER BY ${order('s.problem_id')} LIMIT 2000`,
          )
        ).rows
      : [];
    const pledgeable = hasPledges
      ? (
          await client.query(
            `SELECT id, coalesce(funding_currency, $2) AS currency FROM solutions WHERE status <> ALL($1::solution_status[]) ORDER BY ${order('id')} LIMIT 5000`,
            [CLOSED_FOR_PLEDGES, DEFAULT_CURRENCY],
          )
        ).rows
      : [];
    const users = (await client.query(`SELECT id FROM users WHERE roles = '{RESIDENT}' ORDER BY ${order('id')} LIMIT $1`, [writers])).rows.map(
      (row: { id: string }) => row.id,
    );
    const tokens = issueTokens(users);
    const searchTerms: string[] = [];
    for (const term of SEARCH_TERMS) {
      const found = await client.query("SELECT 1 FROM problems WHERE search_vector @@ websearch_to_tsquery('english', $1) LIMIT 1", [term]);
      if (found.rowCount) searchTerms.push(term);
    }
    const categories = (await client.query('SELECT code FROM categories ORDER BY sort_order, code')).rows.map((row: { code: string }) => row.code);
    // Q7 and Q8: officers with overdue actions, areas and the data set's last year.
    const statsPeriod = { from: new Date(END_MS - 365 * 24 * 3600 * 1000).toISOString(), to: new Date(END_MS).toISOString() };
    const hasActions = (await client.query("SELECT to_regclass('public.actions') IS NOT NULL AS ok")).rows[0].ok as boolean;
    const workloads = hasActions
      ? (
          await client.query(
            `SELECT assignee_id AS "officerId", count(*)::int AS overdue FROM actions
              WHERE due_at < now() AND status IN ('PLANNED', 'IN_PROGRESS', 'BLOCKED') GROUP BY assignee_id ORDER BY ${order('assignee_id')} LIMIT 50`,
          )
        ).rows
      : [];
    const workloadTokens = issueTokens(workloads.map((w: { officerId: string }) => w.officerId));
    const statsAreas = hasActions
      ? (
          await client.query(
            `SELECT a.id, (SELECT count(*)::int FROM problems p WHERE p.public_area_id = a.id AND p.reported_at >= $1 AND p.reported_at < $2) AS reported
               FROM areas a ORDER BY ${order('a.id')}`,
            [statsPeriod.from, statsPeriod.to],
          )
        ).rows
      : [];
    return {
      problemIds: problems.rows.map((row: { id: string }) => row.id),
      problemsWithSolutions: withSolutions,
      points: problems.rows.slice(0, 2000).map((row: { public_lat: number; public_lng: number }) => ({ lat: row.public_lat, lng: row.public_lng })),
      searchTerms,
      users: users.map((id, i) => ({ id, token: tokens[i] })),
      solutions,
      problemsWithPledges: withPledges,
      pledgeable,
      categories,
      town: TOWN,
      workloads: workloads.map((w: { officerId: string; overdue: number }, i: number) => ({ ...w, token: workloadTokens[i] })),
      statsAreas,
      statsPeriod,
    };
  } finally {
    await client.end();
  }
}
