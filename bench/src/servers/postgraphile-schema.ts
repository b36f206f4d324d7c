import { Client } from 'pg';
import { COARSE_CELL_DEGREES } from '@common-ground/problems';
import { VOTING_CLOSED, wilsonLowerBoundSql } from '@common-ground/solutions';
import { CLOSED_FOR_PLEDGES } from '@common-ground/pledges';
import { DEFAULT_CURRENCY } from './limit-sql';

/** The app's PLEDGE_AMOUNT_MAX_MINOR, left at its default. */
const PLEDGE_AMOUNT_MAX_MINOR = 100_000_000;
import { ENGAGEMENT_STATS_SQL } from './stats-sql';

/** The bench-only schema PostGraphile exposes beside `public`; never part of the app's migrations. */
export const PGL_SCHEMA = 'bench_pgl';

/**
 * SQL functions that let PostGraphile serve the same operations as our API where its built-ins
 * do not fit: nearest-first and full-text lists, the privacy rules (an anonymous reporter's name,
 * a hidden solution's title) as computed columns, and the three mutations with the same rules and
 * counters as the app (castVote moves the counters by exactly what changed, with the app's own
 * Wilson score SQL; createPledge keeps the solution's total and makes the offers' match pledges
 * in the order they were made, up to their caps). Installed in the bench's run database only.
 */
export async function installPostGraphileFunctions(client: Client): Promise<void> {
  const versionNum = Number((await client.query('SHOW server_version_num')).rows[0].server_version_num);
  const newUuid = versionNum >= 180_000 ? 'uuidv7()' : 'gen_random_uuid()';
  const closed = VOTING_CLOSED.map((s) => `'${s}'`).join(', ');
  const closedForPledges = CLOSED_FOR_PLEDGES.map((s) => `'${s}'`).join(', ');
  /** "12.50 GBP", as the app's timeline note (currencies of two decimals, as the bench's). */
  const formatted = (minor: string) => `(${minor} / 100)::text || '.' || lpad((${minor} % 100)::text, 2, '0') || ' ' || cur`;
  const statements = [
    `DROP SCHEMA IF EXISTS ${PGL_SCHEMA} CASCADE`,
    `CREATE SCHEMA ${PGL_SCHEMA}`,

    // Computed columns (first argument: the row).
    `CREATE FUNCTION ${PGL_SCHEMA}.problems_reporter_name(p public.problems) RETURNS text LANGUAGE sql STABLE AS $$
       SELECT CASE WHEN p.anonymous THEN NULL ELSE (SELECT u.display_name FROM public.users u WHERE u.id = p.reporter_id) END
     $$`,
    `CREATE FUNCTION ${PGL_SCHEMA}.solutions_public_title(s public.solutions) RETURNS text LANGUAGE sql STABLE AS $$
       SELECT CASE WHEN s.hidden THEN NULL ELSE s.title END
     $$`,
    `CREATE FUNCTION ${PGL_SCHEMA}.problems_public_title(p public.problems) RETURNS text LANGUAGE sql STABLE AS $$
       SELECT CASE WHEN p.hidden THEN NULL ELSE p.title END
     $$`,
    `CREATE FUNCTION ${PGL_SCHEMA}.problems_public_description(p public.problems) RETURNS text LANGUAGE sql STABLE AS $$
       SELECT CASE WHEN p.hidden THEN NULL ELSE p.description END
     $$`,

    // Pledges: the currency of a solution's pledges and totals; a capacity need's kind and unit masked with its solution.
    `CREATE FUNCTION ${PGL_SCHEMA}.solutions_pledge_currency(s public.solutions) RETURNS text LANGUAGE sql STABLE AS $$
       SELECT coalesce(s.funding_currency, '${DEFAULT_CURRENCY}')
     $$`,
    `CREATE FUNCTION ${PGL_SCHEMA}.solution_capacity_needs_public_kind(c public.solution_capacity_needs) RETURNS text LANGUAGE sql STABLE AS $$
       SELECT CASE WHEN (SELECT s.hidden FROM public.solutions s WHERE s.id = c.solution_id) THEN NULL ELSE c.kind END
     $$`,
    `CREATE FUNCTION ${PGL_SCHEMA}.solution_capacity_needs_public_unit(c public.solution_capacity_needs) RETURNS text LANGUAGE sql STABLE AS $$
       SELECT CASE WHEN (SELECT s.hidden FROM public.solutions s WHERE s.id = c.solution_id) THEN NULL ELSE c.unit END
     $$`,

    // Lists. Nearest first: the n nearest by the GiST index (KNN), cut at the radius, as the app does.
    // (Positional parameters: problems has lat and lng columns, which would win over the names.)
    `CREATE FUNCTION ${PGL_SCHEMA}.problems_nearest(lat float8, lng float8, radius float8, n int) RETURNS SETOF public.problems
       LANGUAGE sql STABLE AS $$
       SELECT q.* FROM (
         SELECT p.* FROM public.problems p ORDER BY p.public_earth <-> ll_to_earth($1, $2) LIMIT $4
       ) q
       WHERE earth_distance(ll_to_earth($1, $2), q.public_earth) <= $3
       ORDER BY q.public_earth <-> ll_to_earth($1, $2)
     $$`,
    `CREATE FUNCTION ${PGL_SCHEMA}.problems_search(q text, n int) RETURNS SETOF public.problems LANGUAGE sql STABLE AS $$
       SELECT p.* FROM public.problems p
        WHERE p.search_vector @@ websearch_to_tsquery('english', q)
        ORDER BY p.reported_at DESC, p.id DESC
        LIMIT n
     $$`,

    // An officer's overdue workload (Q7): the action list's order (soonest due first), as the app.
    `CREATE FUNCTION ${PGL_SCHEMA}.actions_overdue(a public.actions) RETURNS boolean LANGUAGE sql STABLE AS $$
       SELECT a.due_at IS NOT NULL AND a.due_at < now() AND a.status IN ('PLANNED', 'IN_PROGRESS', 'BLOCKED')
     $$`,
    `CREATE FUNCTION ${PGL_SCHEMA}.overdue_actions(assignee uuid, n int) RETURNS SETOF public.actions LANGUAGE sql STABLE AS $$
       SELECT a.* FROM public.actions a
        WHERE a.assignee_id = $1 AND a.due_at < now() AND a.status IN ('PLANNED', 'IN_PROGRESS', 'BLOCKED')
        ORDER BY a.due_order, a.id
        LIMIT $2
     $$`,
    // engagementStats for one area and period (Q8): the limit's statement.
    `CREATE TYPE ${PGL_SCHEMA}.engagement_figures AS (reported int, resolved int, open int, median_days_to_resolve float8,
       median_hours_to_first_official_response float8, participants int, votes int, comments int, official_responses int,
       outcomes jsonb, ratings jsonb, rated_problems int, worked_share float8)`,
    `CREATE FUNCTION ${PGL_SCHEMA}.engagement_stats(area uuid, from_at timestamptz, to_at timestamptz) RETURNS ${PGL_SCHEMA}.engagement_figures
       LANGUAGE sql STABLE AS $$ ${ENGAGEMENT_STATS_SQL} $$`,

    // The public location of a sensitive problem: the centre of its ~200 m cell (geo.ts coarsen()).
    `CREATE FUNCTION ${PGL_SCHEMA}.coarse_lat(lat float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
       SELECT least(90, greatest(-90, (floor(lat / ${COARSE_CELL_DEGREES}) + 0.5) * ${COARSE_CELL_DEGREES}))
     $$`,
    `CREATE FUNCTION ${PGL_SCHEMA}.coarse_lng(lat float8, lng float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
       SELECT least(180, greatest(-180, (floor(lng / step) + 0.5) * step))
         FROM (SELECT ${COARSE_CELL_DEGREES} / greatest(cos(radians((floor(lat / ${COARSE_CELL_DEGREES}) + 0.5) * ${COARSE_CELL_DEGREES})), 0.01) AS step) s
     $$`,
    // The signed-in user (the token's subject), who must still exist; as the app's auth guard.
    `CREATE FUNCTION ${PGL_SCHEMA}.viewer() RETURNS uuid LANGUAGE plpgsql STABLE AS $$
     DECLARE
       me uuid := nullif(current_setting('jwt.claims.sub', true), '')::uuid;
     BEGIN
       IF me IS NULL OR NOT EXISTS (SELECT 1 FROM public.users u WHERE u.id = me) THEN
         RAISE EXCEPTION 'Unauthenticated' USING ERRCODE = '28000';
       END IF;
       RETURN me;
     END
     $$`,

    `CREATE FUNCTION ${PGL_SCHEMA}.cast_vote(solution_id uuid, vote text) RETURNS public.solutions LANGUAGE plpgsql VOLATILE AS $$
     #variable_conflict use_column
     DECLARE
       me uuid := ${PGL_SCHEMA}.viewer();
       v smallint := CASE vote WHEN 'UP' THEN 1 WHEN 'DOWN' THEN -1 END;
       s public.solutions;
       old smallint;
       du int := 0;
       dd int := 0;
     BEGIN
       IF v IS NULL THEN RAISE EXCEPTION 'vote must be UP or DOWN' USING ERRCODE = '22023'; END IF;
       SELECT * INTO s FROM public.solutions WHERE id = cast_vote.solution_id;
       IF NOT FOUND THEN RAISE EXCEPTION 'Solution not found' USING ERRCODE = 'P0002'; END IF;
       IF s.proposer_id = me THEN RAISE EXCEPTION 'You cannot vote on your own solution' USING ERRCODE = '42501'; END IF;
       IF s.status IN (${closed}) THEN RAISE EXCEPTION 'Voting is closed' USING ERRCODE = '55000'; END IF;
       INSERT INTO public.solution_votes (solution_id, user_id, value) VALUES (cast_vote.solution_id, me, v) ON CONFLICT DO NOTHING;
       IF FOUND THEN
         du := (v = 1)::int;
         dd := (v = -1)::int;
       ELSE
         SELECT value INTO old FROM public.solution_votes WHERE solution_id = cast_vote.solution_id AND user_id = me FOR UPDATE;
         IF old IS NULL THEN RAISE EXCEPTION 'vote changed concurrently' USING ERRCODE = '40001'; END IF;
         IF old <> v THEN
           UPDATE public.solution_votes SET value = v, updated_at = now() WHERE solution_id = cast_vote.solution_id AND user_id = me;
           du := v;
           dd := -v;
         END IF;
       END IF;
       IF du <> 0 OR dd <> 0 THEN
         UPDATE public.solutions
            SET up_votes = up_votes + du, down_votes = down_votes + dd,
                score = ${wilsonLowerBoundSql('up_votes + du', 'down_votes + dd')}, updated_at = now()
          WHERE id = cast_vote.solution_id AND status NOT IN (${closed})
          RETURNING * INTO s;
         IF NOT FOUND THEN RAISE EXCEPTION 'Voting is closed' USING ERRCODE = '55000'; END IF;
       END IF;
       RETURN s;
     END
     $$`,

    `CREATE FUNCTION ${PGL_SCHEMA}.create_pledge(solution_id uuid, amount_minor bigint, currency text) RETURNS public.pledges
       LANGUAGE plpgsql VOLATILE AS $$
     #variable_conflict use_column
     DECLARE
       me uuid := ${PGL_SCHEMA}.viewer();
       s public.solutions;
       cur text;
       p public.pledges;
       new_id uuid := ${newUuid};
       o public.match_offers;
       unmatched bigint := create_pledge.amount_minor;
       full_match bigint;
       m bigint;
       total bigint := create_pledge.amount_minor;
       full_match_id uuid;
     BEGIN
       IF create_pledge.amount_minor IS NULL OR create_pledge.amount_minor < 1 OR create_pledge.amount_minor > ${PLEDGE_AMOUNT_MAX_MINOR} THEN
         RAISE EXCEPTION 'bad amount' USING ERRCODE = '22023';
       END IF;
       -- The solution first: every write to its pledges, offers and totals queues on it.
       SELECT * INTO s FROM public.solutions WHERE id = create_pledge.solution_id FOR NO KEY UPDATE;
       IF NOT FOUND THEN RAISE EXCEPTION 'Solution not found' USING ERRCODE = 'P0002'; END IF;
       IF s.status IN (${closedForPledges}) THEN RAISE EXCEPTION 'The solution takes no pledges' USING ERRCODE = '55000'; END IF;
       cur := coalesce(s.funding_currency, '${DEFAULT_CURRENCY}');
       IF create_pledge.currency IS DISTINCT FROM cur THEN RAISE EXCEPTION 'currency mismatch' USING ERRCODE = '22023'; END IF;
       INSERT INTO public.pledges (id, solution_id, kind, amount_minor, currency, pledged_by_id, status)
       VALUES (new_id, s.id, 'FUNDING', create_pledge.amount_minor, cur, me, 'PLEDGED') RETURNING * INTO p;
       INSERT INTO public.pledge_changes (id, pledge_id, actor_id, to_status) VALUES (${newUuid}, new_id, me, 'PLEDGED');
       INSERT INTO public.problem_events (id, problem_id, kind, actor_id, note, subject_id)
       VALUES (${newUuid}, s.problem_id, 'PLEDGE_MADE', me, ${formatted('create_pledge.amount_minor')}, new_id);
       FOR o IN SELECT * FROM public.match_offers mo WHERE mo.solution_id = s.id AND mo.matched_minor < mo.cap_minor ORDER BY mo.created_at, mo.id FOR UPDATE LOOP
         EXIT WHEN unmatched = 0;
         full_match := unmatched * o.ratio;
         m := least(full_match, o.cap_minor - o.matched_minor);
         CONTINUE WHEN m = 0;
         INSERT INTO public.pledges (id, solution_id, kind, amount_minor, currency, pledged_by_id, organisation_id, status, match_offer_id, matches_pledge_id)
         VALUES (${newUuid}, s.id, 'FUNDING', m, cur, o.offered_by_id, o.organisation_id, 'PLEDGED', o.id, new_id)
         RETURNING id INTO full_match_id;
         INSERT INTO public.pledge_changes (id, pledge_id, actor_id, to_status) VALUES (${newUuid}, full_match_id, o.offered_by_id, 'PLEDGED');
         INSERT INTO public.problem_events (id, problem_id, kind, actor_id, note, subject_id)
         VALUES (${newUuid}, s.problem_id, 'PLEDGE_MATCHED', o.offered_by_id, ${formatted('m')}, full_match_id);
         UPDATE public.match_offers SET matched_minor = matched_minor + m WHERE id = o.id;
         total := total + m;
         unmatched := CASE WHEN m = full_match THEN 0 ELSE unmatched - m / o.ratio END;
       END LOOP;
       IF s.funding_pledged_minor + total > 9007199254740991 THEN RAISE EXCEPTION 'total too large' USING ERRCODE = '22003'; END IF;
       UPDATE public.solutions SET funding_pledged_minor = funding_pledged_minor + total WHERE id = s.id;
       RETURN p;
     END
     $$`,

    `CREATE FUNCTION ${PGL_SCHEMA}.report_problem(title text, description text, category_code text, lat float8, lng float8,
                                                 address text, anonymous boolean) RETURNS public.problems LANGUAGE plpgsql VOLATILE AS $$
     #variable_conflict use_variable
     DECLARE
       me uuid := ${PGL_SCHEMA}.viewer();
       c public.categories;
       shown_lat float8 := lat;
       shown_lng float8 := lng;
       found_area uuid;
       p public.problems;
       new_id uuid := ${newUuid};
     BEGIN
       IF length(btrim(title)) NOT BETWEEN 5 AND 140 OR length(description) > 5000 OR lat NOT BETWEEN -90 AND 90 OR lng NOT BETWEEN -180 AND 180 THEN
         RAISE EXCEPTION 'bad input' USING ERRCODE = '22023';
       END IF;
       SELECT * INTO c FROM public.categories k WHERE k.code = category_code;
       IF NOT FOUND THEN RAISE EXCEPTION 'unknown category' USING ERRCODE = '22023'; END IF;
       IF c.sensitive THEN
         shown_lat := ${PGL_SCHEMA}.coarse_lat(lat);
         shown_lng := ${PGL_SCHEMA}.coarse_lng(lat, lng);
       END IF;
       SELECT a.id INTO found_area FROM public.areas a WHERE a.boundary @> point(lng, lat) ORDER BY area(path(a.boundary)), a.id LIMIT 1;
       INSERT INTO public.problems (id, title, description, category_code, status, lat, lng, public_lat, public_lng, location_earth,
                                    public_earth, address, area_id, reporter_id, anonymous, support_count, category_weight)
       VALUES (new_id, btrim(title), description, c.code, 'REPORTED', lat, lng, shown_lat, shown_lng, ll_to_earth(lat, lng),
               ll_to_earth(shown_lat, shown_lng), address, found_area, me, coalesce(anonymous, false), 1, c.priority_weight)
       RETURNING * INTO p;
       INSERT INTO public.problem_supports (problem_id, user_id) VALUES (new_id, me);
       INSERT INTO public.problem_events (id, problem_id, kind, actor_id, to_status) VALUES (${newUuid}, new_id, 'REPORTED', me, 'REPORTED');
       RETURN p;
     END
     $$`,
  ];
  for (const sql of statements) await client.query(sql);
}
