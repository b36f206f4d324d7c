import { DEMO_DOMAIN, DEMO_PASSWORD, loadDemoData } from '@common-ground/api';
import { TestApp } from './support/test-app';

describe('demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.close());

  it('loads a living town once: areas, local teams, accounts and problems in every status', async () => {
    expect(await loadDemoData(t.app)).toBe(true);
    expect(await loadDemoData(t.app)).toBe(false); // already there: nothing added

    const statuses: { status: string }[] = await t.dataSource.query('SELECT DISTINCT status FROM problems ORDER BY status');
    expect(statuses.map((s) => s.status).sort()).toEqual(['ANALYSIS', 'ASSESSMENT', 'DUPLICATE', 'REJECTED', 'REPORTED', 'RESOLVED', 'RESPONSE', 'SCANNING']);
    const { areas } = await t.gql.ok<{ areas: { name: string; officers: { displayName: string }[] }[] }>('{ areas { name officers { displayName } } }');
    expect(areas.map((a) => a.name).sort()).toEqual(['Hillcrest', 'Millbrook Town Centre', 'Riverside']);
    expect(areas.every((a) => a.officers.length > 0)).toBe(true);

    const login = await t.gql.ok<{ login: { accessToken: string; user: { roles: string[] } } }>(
      'mutation ($input: LoginInput!) { login(input: $input) { accessToken user { roles } } }',
      { input: { email: `officer.jones@${DEMO_DOMAIN}`, password: DEMO_PASSWORD } },
    );
    expect(login.login.user.roles).toContain('OFFICER');

    const team = await t.gql.ok<{ localTeam: { priorities: { title: string }[] } }>(
      '{ localTeam(location: { lat: 52.9537, lng: -1.1506 }) { area { name } priorities { title } } }',
    );
    expect(team.localTeam.priorities.map((p) => p.title)).toContain('Drug dealing behind the library every evening');

    const [{ n }] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM problems p WHERE support_count <> (SELECT count(*) FROM problem_supports s WHERE s.problem_id = p.id)',
    );
    expect(n).toBe(0);
  });

  it('has the two-way conversation: ranked solutions with votes, an adopted one, official answers', async () => {
    type Solution = { title: string; status: string; upVotes: number; downVotes: number; score: number; proposer: { displayName: string } };
    type Comment = { body: string; official: boolean; author: { displayName: string }; parent: { body: string } | null };
    const { problems } = await t.gql.ok<{
      problems: {
        edges: { node: { title: string; solutions: { totalCount: number; edges: { node: Solution }[] }; comments: { edges: { node: Comment }[] } } }[];
      };
    }>(
      `{ problems(first: 50, filter: { search: "library" }) { edges { node { title
          solutions(orderBy: TOP, first: 10) { totalCount edges { node { title status upVotes downVotes score proposer { displayName } } } }
          comments(first: 10) { edges { node { body official author { displayName } parent { body } } } } } } } }`,
    );
    const library = problems.edges.find((e) => e.node.title === 'Drug dealing behind the library every evening')?.node;
    expect(library?.solutions.totalCount).toBe(2);
    const ranked = library?.solutions.edges.map((e) => e.node) ?? [];
    expect(ranked.map((s) => [s.status, s.upVotes, s.downVotes])).toEqual([
      ['ADOPTED', 4, 0],
      ['PROPOSED', 1, 2],
    ]);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    const thread = library?.comments.edges.map((e) => e.node) ?? [];
    expect(thread.find((c) => c.official)).toMatchObject({ author: { displayName: 'PC Dana Jones' }, parent: { body: expect.stringContaining('side gate') } });

    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM solutions) AS solutions,
              (SELECT count(*)::int FROM problems p WHERE solution_count <> (SELECT count(*) FROM solutions s WHERE s.problem_id = p.id)) AS count_mismatches,
              (SELECT count(*)::int FROM solutions s WHERE up_votes <> (SELECT count(*) FROM solution_votes v WHERE v.solution_id = s.id AND v.value = 1)) AS vote_mismatches,
              (SELECT count(*)::int FROM comments WHERE official) AS official,
              (SELECT count(*)::int FROM problem_events WHERE kind = 'SOLUTION_ADOPTED') AS adoptions`,
    );
    expect(counts).toEqual({ solutions: 8, count_mismatches: 0, vote_mismatches: 0, official: 3, adoptions: 4 });
  });

  it('has a response to account for: leads, an overdue action, a partner agency’s action, an assessment with metrics and residents’ ratings', async () => {
    const officer = await t.gql.ok<{ login: { accessToken: string; user: { id: string } } }>(
      'mutation ($input: LoginInput!) { login(input: $input) { accessToken user { id } } }',
      { input: { email: `officer.jones@${DEMO_DOMAIN}`, password: DEMO_PASSWORD } },
    );
    const { actions } = await t.gql.ok<{ actions: { edges: { node: { title: string; overdue: boolean } }[] } }>(
      'query ($filter: ActionFilter) { actions(filter: $filter) { edges { node { title overdue } } } }',
      { filter: { assigneeId: officer.login.user.id, overdue: true } },
      officer.login.accessToken,
    );
    expect(actions.edges.map((e) => e.node)).toEqual([{ title: 'Speed checks on Station Road on Friday and Saturday nights', overdue: true }]);
    const [facts] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM actions a JOIN organisations o ON o.id = a.organisation_id WHERE o.kind = 'PARTNER_AGENCY') AS agency_actions,
              (SELECT count(*)::int FROM problems WHERE lead_officer_id IS NOT NULL) AS led,
              (SELECT count(*)::int FROM problem_assessments WHERE current AND jsonb_array_length(metrics) > 0) AS assessed,
              (SELECT count(*)::int FROM outcome_ratings) AS ratings,
              (SELECT count(*)::int FROM actions WHERE created_at > now() OR created_at < (SELECT min(reported_at) FROM problems)) AS misplaced`,
    );
    expect(facts).toEqual({ agency_actions: 2, led: 4, assessed: 2, ratings: 4, misplaced: 0 });
    const { engagementStats } = await t.gql.ok<{ engagementStats: Record<string, unknown> }>(
      '{ engagementStats { reported resolved open participants officialResponses medianHoursToFirstOfficialResponse workedShare outcomes { outcome count } } }',
    );
    // The towpath worked (two YES); the taxi rank half did (PARTLY and YES: not more than half YES).
    expect(engagementStats).toMatchObject({ resolved: 1, officialResponses: 3, workedShare: 0.5 });
    expect(engagementStats.participants).toBeGreaterThan(5);
    expect(engagementStats.medianHoursToFirstOfficialResponse).toEqual(expect.any(Number));
  });

  it('obeys every SARA gate: past ANALYSIS only with an analysis and an adopted solution, each move a legal one', async () => {
    const ungated: { title: string; status: string }[] = await t.dataSource.query(
      `SELECT title, status FROM problems p
        WHERE status IN ('RESPONSE', 'ASSESSMENT', 'RESOLVED')
          AND (NOT EXISTS (SELECT 1 FROM problem_analyses a WHERE a.problem_id = p.id)
               OR NOT EXISTS (SELECT 1 FROM solutions s WHERE s.problem_id = p.id AND s.status IN ('ADOPTED', 'IMPLEMENTED')))`,
    );
    expect(ungated).toEqual([]);
    // Each problem's status history is an unbroken walk from REPORTED to where it is now.
    const walks: { status: string; moves: { from: string; to: string }[] }[] = await t.dataSource.query(
      `SELECT p.status, coalesce(json_agg(json_build_object('from', e.from_status, 'to', e.to_status) ORDER BY e.at, e.id)
                                 FILTER (WHERE e.from_status IS NOT NULL), '[]') AS moves
         FROM problems p LEFT JOIN problem_events e ON e.problem_id = p.id GROUP BY p.id, p.status`,
    );
    for (const walk of walks) {
      let at = 'REPORTED';
      for (const move of walk.moves) {
        expect(move.from).toBe(at);
        at = move.to;
      }
      expect(at).toBe(walk.status);
    }
    // A RESPONSE only after the adoption, on the timeline too.
    const early: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM problem_events r WHERE r.to_status = 'RESPONSE'
          AND NOT EXISTS (SELECT 1 FROM problem_events a WHERE a.problem_id = r.problem_id AND a.kind = 'SOLUTION_ADOPTED' AND a.at < r.at)`,
    );
    expect(early).toEqual([]);
  });

  it('has the community’s pledges: a match offer that matched, a fulfilled pledge, capacity, totals equal to the rows', async () => {
    const { problems } = await t.gql.ok<{
      problems: {
        edges: {
          node: {
            title: string;
            solutions: {
              edges: {
                node: {
                  title: string;
                  fundingPledged: { amountMinor: number };
                  fundingFulfilled: { amountMinor: number };
                  capacityNeeds: { kind: string; pledged: number }[];
                  matchOffers: { organisation: { name: string }; matched: { amountMinor: number } }[];
                  pledges: { edges: { node: { status: string; isMatch: boolean } }[] };
                };
              }[];
            };
          };
        }[];
      };
    }>(`{ problems(first: 50) { edges { node { title solutions(first: 10) { edges { node { title
          fundingPledged { amountMinor } fundingFulfilled { amountMinor } capacityNeeds { kind pledged }
          matchOffers { organisation { name } matched { amountMinor } } pledges { edges { node { status isMatch } } } } } } } } } }`);
    const solutions = problems.edges.flatMap((p) => p.node.solutions.edges.map((e) => e.node));
    const crossing = solutions.find((s) => s.title === 'Speed cushions and a zebra crossing by the retail park');
    expect(crossing?.matchOffers).toEqual([{ organisation: { name: 'Canal Trust Volunteers' }, matched: { amountMinor: 7_500 } }]);
    expect(crossing?.fundingPledged.amountMinor).toBe(5_000 + 2_500 + 7_500 + 50_000);
    expect(crossing?.fundingFulfilled.amountMinor).toBe(50_000);
    expect(crossing?.pledges.edges.filter((e) => e.node.isMatch)).toHaveLength(2);
    const schoolStreet = solutions.find((s) => s.title === 'A school street: no through traffic at drop-off and pick-up');
    expect(schoolStreet?.capacityNeeds.map((n) => n.pledged)).toEqual([20, 4]);
    const [mismatch] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM solutions s WHERE s.funding_pledged_minor <>
         (SELECT coalesce(sum(amount_minor), 0) FROM pledges p WHERE p.solution_id = s.id AND p.status IN ('PLEDGED', 'FULFILLED'))`,
    );
    expect(mismatch.n).toBe(0);
  });

  it('has a history spread over months, every story in order and none in the future', async () => {
    const [span] = await t.dataSource.query(
      `SELECT extract(day FROM max(reported_at) - min(reported_at))::int AS days,
              count(*) FILTER (WHERE reported_at > now() OR updated_at > now())::int AS future FROM problems`,
    );
    expect(span.days).toBeGreaterThan(90);
    expect(span.future).toBe(0);
    const disorder: unknown[] = await t.dataSource.query(
      `SELECT 1 FROM problem_events e JOIN problems p ON p.id = e.problem_id WHERE e.at < p.reported_at OR e.at > now()
       UNION ALL
       SELECT 1 FROM solutions s JOIN problems p ON p.id = s.problem_id WHERE s.created_at < p.reported_at
       UNION ALL
       SELECT 1 FROM pledges l JOIN solutions s ON s.id = l.solution_id WHERE l.created_at < s.created_at OR l.created_at > now()
       UNION ALL
       SELECT 1 FROM problem_events a JOIN problem_events b ON a.problem_id = b.problem_id AND a.id < b.id WHERE a.at > b.at`,
    );
    expect(disorder).toEqual([]);
    const [accounts] = await t.dataSource.query(`SELECT count(*)::int AS younger FROM users u WHERE u.created_at > (SELECT min(reported_at) FROM problems)`);
    expect(accounts.younger).toBe(0);
  });
});
