/**
 * "The limit": the SQL each read needs, one prepared (named) statement per request, behind the
 * thinnest HTTP server there is. It answers in the same JSON shape as our API, so the same
 * checks apply. Whatever our API spends beyond this is GraphQL, framework and ORM overhead.
 */
import { ENGAGEMENT_STATS_SQL } from './stats-sql';

/** A problem hidden by moderation shows no title to the public. */
const PUBLIC_TITLE = 'CASE WHEN p.hidden THEN NULL ELSE p.title END AS title';

/** The currency of pledges toward a solution without a goal: the app's DEFAULT_CURRENCY, left at its default. */
export const DEFAULT_CURRENCY = 'GBP';

export const LIMIT_SQL: Record<string, string> = {
  Q1: `SELECT p.id, ${PUBLIC_TITLE}, CASE WHEN p.hidden THEN NULL ELSE p.description END AS description,
              p.status, p.reported_at, p.support_count, p.solution_count
         FROM problems p WHERE p.id = $1`,
  Q2: `SELECT p.id, ${PUBLIC_TITLE}, p.status, p.reported_at, p.support_count, p.reported_at::text AS key,
              CASE WHEN p.anonymous THEN NULL ELSE u.display_name END AS reporter_name, p.solution_count
         FROM problems p JOIN users u ON u.id = p.reporter_id
        ORDER BY p.reported_at DESC, p.id DESC
        LIMIT $1`,
  Q3: `SELECT p.id, ${PUBLIC_TITLE}, p.status, p.public_lat, p.public_lng, p.support_count,
              (p.public_earth <-> ll_to_earth($1, $2))::text AS key,
              earth_distance(ll_to_earth($1, $2), p.public_earth) <= $3 AS inside
         FROM problems p
        ORDER BY p.public_earth <-> ll_to_earth($1, $2)
        LIMIT $4`,
  Q4: `SELECT p.id AS problem_id, CASE WHEN p.hidden THEN NULL ELSE p.title END AS problem_title, s.id, s.up_votes, s.down_votes, s.score,
              CASE WHEN s.hidden THEN NULL ELSE s.title END AS title, u.display_name AS proposer_name
         FROM problems p
         LEFT JOIN LATERAL (SELECT * FROM solutions s WHERE s.problem_id = p.id ORDER BY s.score DESC, s.id DESC LIMIT $2) s ON true
         LEFT JOIN users u ON u.id = s.proposer_id
        WHERE p.id = $1
        ORDER BY s.score DESC, s.id DESC`,
  Q6: `SELECT p.id AS problem_id, CASE WHEN p.hidden THEN NULL ELSE p.title END AS problem_title, s.id, s.score,
              CASE WHEN s.hidden THEN NULL ELSE s.title END AS title,
              s.funding_goal_minor::text AS funding_goal_minor, s.funding_currency, s.funding_pledged_minor::text AS funding_pledged_minor,
              coalesce(s.funding_currency, $3) AS pledge_currency,
              (SELECT coalesce(json_agg(json_build_object('kind', CASE WHEN s.hidden THEN NULL ELSE c.kind END, 'quantity', c.quantity,
                                                         'unit', CASE WHEN s.hidden THEN NULL ELSE c.unit END, 'pledged', c.pledged) ORDER BY c.id), '[]')
                 FROM solution_capacity_needs c WHERE c.solution_id = s.id) AS needs,
              (SELECT coalesce(json_agg(json_build_object('name', o.name, 'cap', m.cap_minor, 'currency', m.currency, 'ratio', m.ratio,
                                                         'matched', m.matched_minor) ORDER BY m.created_at, m.id), '[]')
                 FROM match_offers m JOIN organisations o ON o.id = m.organisation_id WHERE m.solution_id = s.id) AS offers
         FROM problems p
         LEFT JOIN LATERAL (SELECT * FROM solutions s WHERE s.problem_id = p.id ORDER BY s.score DESC, s.id DESC LIMIT $2) s ON true
        WHERE p.id = $1
        ORDER BY s.score DESC, s.id DESC`,
  Q5: `SELECT p.id, ${PUBLIC_TITLE}, p.status, p.reported_at, p.support_count, p.reported_at::text AS key
         FROM problems p
        WHERE p.search_vector @@ websearch_to_tsquery('english', $1)
        ORDER BY p.reported_at DESC, p.id DESC
        LIMIT $2`,
  Q7: `SELECT a.id, a.title, a.status, a.progress_percent, a.due_at, a.due_order::text AS key, p.id AS problem_id,
              CASE WHEN p.hidden THEN NULL ELSE p.title END AS problem_title
         FROM actions a JOIN problems p ON p.id = a.problem_id
        WHERE a.assignee_id = $1 AND a.due_at < now() AND a.status IN ('PLANNED', 'IN_PROGRESS', 'BLOCKED')
        ORDER BY a.due_order, a.id
        LIMIT $2`,
  Q8: ENGAGEMENT_STATS_SQL,
};
