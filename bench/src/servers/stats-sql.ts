/**
 * engagementStats for one area ($1) and a period ($2 inclusive, $3 exclusive) in one statement,
 * with the API's definitions (libs/actions/src/engagement-stats.model.ts): what the limit runs
 * for Q8 and what PostGraphile's `engagement_stats` function returns. Outcomes and ratings come
 * as JSON objects of counts (an answer that did not occur is left out).
 */
export const ENGAGEMENT_STATS_SQL = `
  WITH scope AS (
    SELECT p.id, p.reported_at, p.status, p.status_changed_at, p.reporter_id FROM public.problems p WHERE p.public_area_id = $1
  ), conversation AS (
    SELECT c.problem_id, c.created_at, c.official, c.author_id FROM public.comments c JOIN scope ON scope.id = c.problem_id
    UNION ALL
    SELECT s.problem_id, c.created_at, c.official, c.author_id
      FROM public.comments c JOIN public.solutions s ON s.id = c.solution_id JOIN scope ON scope.id = s.problem_id
  ), first_responses AS (
    SELECT scope.reported_at, min(cv.created_at) AS first_at FROM conversation cv JOIN scope ON scope.id = cv.problem_id
     WHERE cv.official AND scope.reported_at >= $2 AND scope.reported_at < $3
     GROUP BY scope.id, scope.reported_at
  ), rated AS (
    SELECT r.problem_id, r.worked, r.user_id FROM public.outcome_ratings r JOIN scope ON scope.id = r.problem_id
     WHERE r.rated_at >= $2 AND r.rated_at < $3
  ), per_problem AS (
    SELECT problem_id, count(*) FILTER (WHERE worked = 'YES') AS yes, count(*) AS n FROM rated GROUP BY problem_id
  )
  SELECT
    (SELECT count(*)::int FROM scope WHERE reported_at >= $2 AND reported_at < $3) AS reported,
    (SELECT count(*)::int FROM scope WHERE status = 'RESOLVED' AND status_changed_at >= $2 AND status_changed_at < $3) AS resolved,
    (SELECT count(*)::int FROM scope
      WHERE reported_at >= $2 AND reported_at < $3 AND status IN ('REPORTED', 'SCANNING', 'ANALYSIS', 'RESPONSE', 'ASSESSMENT')) AS open,
    (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM status_changed_at - reported_at) / 86400.0) FROM scope
      WHERE status = 'RESOLVED' AND status_changed_at >= $2 AND status_changed_at < $3) AS median_days_to_resolve,
    (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_at - reported_at) / 3600.0) FROM first_responses)
      AS median_hours_to_first_official_response,
    (SELECT count(DISTINCT x.u)::int FROM (
       SELECT reporter_id AS u FROM scope WHERE reported_at >= $2 AND reported_at < $3
       UNION ALL SELECT ps.user_id FROM public.problem_supports ps JOIN scope ON scope.id = ps.problem_id WHERE ps.created_at >= $2 AND ps.created_at < $3
       UNION ALL SELECT s.proposer_id FROM public.solutions s JOIN scope ON scope.id = s.problem_id WHERE s.created_at >= $2 AND s.created_at < $3
       UNION ALL SELECT v.user_id FROM public.solution_votes v JOIN public.solutions s ON s.id = v.solution_id JOIN scope ON scope.id = s.problem_id
                  WHERE v.created_at >= $2 AND v.created_at < $3
       UNION ALL SELECT author_id FROM conversation WHERE created_at >= $2 AND created_at < $3
       UNION ALL SELECT user_id FROM rated) x) AS participants,
    (SELECT count(*)::int FROM public.solution_votes v JOIN public.solutions s ON s.id = v.solution_id JOIN scope ON scope.id = s.problem_id
      WHERE v.created_at >= $2 AND v.created_at < $3) AS votes,
    (SELECT count(*)::int FROM conversation WHERE created_at >= $2 AND created_at < $3) AS comments,
    (SELECT count(*)::int FROM conversation WHERE official AND created_at >= $2 AND created_at < $3) AS official_responses,
    (SELECT coalesce(jsonb_object_agg(o.outcome, o.n), '{}'::jsonb) FROM (
       SELECT pa.outcome, count(*)::int AS n FROM public.problem_assessments pa JOIN scope ON scope.id = pa.problem_id
        WHERE pa.current AND pa.assessed_at >= $2 AND pa.assessed_at < $3 GROUP BY pa.outcome) o) AS outcomes,
    (SELECT coalesce(jsonb_object_agg(w.worked, w.n), '{}'::jsonb) FROM (SELECT worked, count(*)::int AS n FROM rated GROUP BY worked) w) AS ratings,
    (SELECT count(*)::int FROM per_problem) AS rated_problems,
    (SELECT CASE WHEN count(*) = 0 THEN NULL ELSE (count(*) FILTER (WHERE 2 * yes > n))::float8 / count(*) END FROM per_problem) AS worked_share`;

/** The outcomes and ratings of the API, every one with its count (zeros included), in its order. */
export const OUTCOMES = ['RESOLVED', 'IMPROVED', 'NO_CHANGE', 'WORSENED', 'DISPLACED'];
export const WORKED = ['YES', 'PARTLY', 'NO'];
