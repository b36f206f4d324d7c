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
    expect(statuses.map((s) => s.status).sort()).toEqual(
      ['ANALYSIS', 'ASSESSMENT', 'DUPLICATE', 'REJECTED', 'REPORTED', 'RESOLVED', 'RESPONSE', 'SCANNING'],
    );
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
});
