import { coarsen, distanceMetres } from '@common-ground/problems';
import { ProblemStatusName, WalkOptions } from '@common-ground/shared/testing';
import { recordSql } from './support/sql-recorder';
import { TestApp, TestUser } from './support/test-app';

/** A point `metres` north (dLat) or east (dLng) of another, on earthdistance's sphere. */
const R = 6_378_168;
const north = (p: LatLng, metres: number): LatLng => ({ lat: p.lat + (metres / R) * (180 / Math.PI), lng: p.lng });
const east = (p: LatLng, metres: number): LatLng => ({
  lat: p.lat,
  lng: p.lng + ((metres / R) * (180 / Math.PI)) / Math.cos((p.lat * Math.PI) / 180),
});

describe('problems, areas and the SARA cycle', () => {
  let t: TestApp;
  let admin: TestUser;
  let supervisor: TestUser;
  let officer: TestUser;
  let moderator: TestUser;
  let resident: TestUser;
  let neighbour: TestUser;
  let areaId: string;
  const centre = { lat: 53.4808, lng: -2.2426 };

  const report = async (user: TestUser, input: Partial<ReportInput> = {}): Promise<Problem> => {
    const data = await t.gql.ok<{ reportProblem: Problem }>(
      REPORT,
      { input: { title: 'Broken street lamp on Elm Road', description: 'Dark every night.', categoryCode: 'ENVIRONMENT', location: centre, ...input } },
      user.token,
    );
    return data.reportProblem;
  };
  /** Walks a freshly reported problem to `status` through the API (factories), as an officer would. */
  const walkTo = (problemId: string, status: ProblemStatusName, options: WalkOptions = {}) =>
    t.make.problems.walk({ id: problemId, reporter: resident, status: 'REPORTED' }, status, { officer, ...options });
  const changeStatus = (token: string, problemId: string, status: string, note?: string) =>
    t.gql.request<{ changeProblemStatus: Problem }>(CHANGE_STATUS, { input: { problemId, status, note } }, { token });

  beforeAll(async () => {
    t = await TestApp.start();
    ({ admin, supervisor, officer, moderator, resident, neighbour } = await t.make.users.cast({
      admin: 'Admin',
      supervisor: 'Sergeant Supervisor',
      officer: 'Officer Olu',
      moderator: 'Mo Moderator',
      resident: 'Rita Resident',
      neighbour: 'Ned Neighbour',
    }));
    const ring = [east(north(centre, -2000), -2000), east(north(centre, -2000), 2000), east(north(centre, 2000), 2000), east(north(centre, 2000), -2000)];
    const created = await t.gql.ok<{ createArea: Area }>(CREATE_AREA, { input: { name: 'Ancoats', boundary: [...ring, ring[0]] } }, admin.token);
    areaId = created.createArea.id;
  });
  afterAll(() => t.close());

  describe('categories', () => {
    it('lists the default categories publicly, with sensitive ones flagged', async () => {
      const { categories } = await t.gql.ok<{ categories: { code: string; sensitive: boolean }[] }>('{ categories { code name sensitive } }');
      const codes = categories.map((c) => c.code);
      for (const code of [
        'ANTISOCIAL_BEHAVIOUR',
        'DRUGS',
        'THEFT',
        'BURGLARY',
        'VANDALISM',
        'TRAFFIC',
        'VIOLENCE',
        'HARASSMENT',
        'ENVIRONMENT',
        'YOUTH',
        'OTHER',
      ]) {
        expect(codes).toContain(code);
      }
      expect(categories.find((c) => c.code === 'VIOLENCE')?.sensitive).toBe(true);
    });

    it('lets only admins create and edit categories', async () => {
      const input = { code: 'NOISE', name: 'Noise', sensitive: false };
      for (const user of [resident, officer, supervisor, moderator]) {
        expect((await t.gql.error(CREATE_CATEGORY, { input }, user.token)).extensions?.code).toBe('FORBIDDEN');
      }
      expect((await t.gql.error(CREATE_CATEGORY, { input })).extensions?.code).toBe('UNAUTHENTICATED');
      expect(await t.gql.ok(CREATE_CATEGORY, { input }, admin.token)).toEqual({ createCategory: { code: 'NOISE', name: 'Noise', sensitive: false } });
      const duplicate = await t.gql.error(CREATE_CATEGORY, { input }, admin.token);
      expect(duplicate.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.code' }] });
      const bad = await t.gql.error(CREATE_CATEGORY, { input: { code: 'lower case', name: 'x' } }, admin.token);
      expect((bad.extensions?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['input.code', 'input.name']);
      const updated = await t.gql.ok(UPDATE_CATEGORY, { input: { code: 'NOISE', name: 'Noise nuisance' } }, admin.token);
      expect(updated).toEqual({ updateCategory: { code: 'NOISE', name: 'Noise nuisance', sensitive: false } });
      expect((await t.gql.error(UPDATE_CATEGORY, { input: { code: 'NOISE', name: 'Loud' } }, officer.token)).extensions?.code).toBe('FORBIDDEN');
      expect((await t.gql.error(UPDATE_CATEGORY, { input: { code: 'NOPE', name: 'Nope' } }, admin.token)).extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('areas and the local team', () => {
    it('lets only admins create areas, and checks the ring', async () => {
      const ring = [centre, east(centre, 10), north(east(centre, 10), 10), centre];
      for (const user of [resident, officer, supervisor, moderator]) {
        expect((await t.gql.error(CREATE_AREA, { input: { name: 'Nope', boundary: ring } }, user.token)).extensions?.code).toBe('FORBIDDEN');
      }
      const open = await t.gql.error(CREATE_AREA, { input: { name: 'Open ring', boundary: ring.slice(0, 3) } }, admin.token);
      expect(open.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.boundary' }] });
      const bowTie = [centre, north(east(centre, 10), 10), east(centre, 10), north(centre, 10), centre];
      const crossing = await t.gql.error(CREATE_AREA, { input: { name: 'Bow tie', boundary: bowTie } }, admin.token);
      expect(crossing.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.boundary', message: 'must not cross itself' }] });
      const outOfRange = await t.gql.error(CREATE_AREA, { input: { name: 'Far', boundary: [{ lat: 91, lng: 0 }, ...ring.slice(1)] } }, admin.token);
      expect(outOfRange.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.boundary.0.lat' }] });
    });

    it('lets supervisors and admins assign officers, not others, and only officers', async () => {
      for (const user of [resident, officer, moderator]) {
        const error = await t.gql.error(ASSIGN_OFFICER, { input: { areaId, userId: officer.id } }, user.token);
        expect(error.extensions?.code).toBe('FORBIDDEN');
      }
      const notOfficer = await t.gql.error(ASSIGN_OFFICER, { input: { areaId, userId: resident.id } }, supervisor.token);
      expect(notOfficer.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.userId', message: 'is not an officer' }] });
      const unknownArea = await t.gql.error(ASSIGN_OFFICER, { input: { areaId: officer.id, userId: officer.id } }, supervisor.token);
      expect(unknownArea.extensions?.code).toBe('NOT_FOUND');
      await t.gql.ok(ASSIGN_OFFICER, { input: { areaId, userId: officer.id } }, supervisor.token);
      await t.gql.ok(ASSIGN_OFFICER, { input: { areaId, userId: officer.id } }, admin.token);
      const again = await t.gql.ok<{ assignOfficerToArea: Area }>(ASSIGN_OFFICER, { input: { areaId, userId: officer.id } }, supervisor.token);
      expect(again.assignOfficerToArea.officers).toEqual([{ id: officer.id, displayName: 'Officer Olu', email: null }]);
      const { areas } = await t.gql.ok<{ areas: Area[] }>(`{ areas { id name officers { id } } }`);
      expect(areas.find((a) => a.id === areaId)?.officers).toEqual([{ id: officer.id }]);
    });

    it('finds the local team for a point inside, and null outside every area', async () => {
      await t.gql.ok(ASSIGN_OFFICER, { input: { areaId, userId: officer.id } }, supervisor.token);
      const inAnalysis = await report(resident, { title: 'Cars racing on Great Ancoats Street', categoryCode: 'TRAFFIC' });
      const stillNew = await report(resident, { title: 'Graffiti on the canal bridge', categoryCode: 'VANDALISM' });
      await walkTo(inAnalysis.id, 'ANALYSIS');
      const team = await t.gql.ok<{ localTeam: { area: Area; officers: { id: string; email: string | null }[]; priorities: { id: string }[] } }>(LOCAL_TEAM, {
        location: north(centre, 100),
      });
      expect(team.localTeam.area.id).toBe(areaId);
      expect(team.localTeam.officers).toEqual([{ id: officer.id, displayName: 'Officer Olu', email: null }]);
      const priorities = team.localTeam.priorities.map((p) => p.id);
      expect(priorities).toContain(inAnalysis.id);
      expect(priorities).not.toContain(stillNew.id);
      expect(await t.gql.ok(LOCAL_TEAM, { location: { lat: 10, lng: 10 } })).toEqual({ localTeam: null });
    });
  });

  describe('reportProblem', () => {
    it('files a problem in its area, supported by its reporter, with a REPORTED event', async () => {
      const problem = await report(resident, {
        title: '  Needles\u0007 in the   park ',
        description: 'Behind the\u0000 swings.',
        categoryCode: 'DRUGS',
        address: '1 Park Lane',
      });
      expect(problem).toMatchObject({
        title: 'Needles in the park',
        description: 'Behind the swings.',
        status: 'REPORTED',
        supportCount: 1,
        viewerSupports: true,
        anonymous: false,
        address: '1 Park Lane',
        area: { id: areaId },
        category: { code: 'DRUGS' },
        reporter: { id: resident.id, displayName: 'Rita Resident' },
        location: centre,
        progressPercent: 0,
      });
      expect(problem.timeline.edges.map((e) => [e.node.kind, e.node.toStatus, e.node.actor?.id])).toEqual([['REPORTED', 'REPORTED', resident.id]]);
    });

    it.each([
      [{ title: 'Lamp' }, 'input.title'],
      [{ title: 'x'.repeat(141) }, 'input.title'],
      [{ title: ' \u0001\u0002  \u0003 ' }, 'input.title'],
      [{ description: 'd'.repeat(5001) }, 'input.description'],
      [{ location: { lat: 91, lng: 0 } }, 'input.location.lat'],
      [{ location: { lat: 0, lng: -180.5 } }, 'input.location.lng'],
      [{ categoryCode: 'NOT_A_CATEGORY' }, 'input.categoryCode'],
    ])('refuses bad report input %# naming %s, and stores nothing', async (override, field) => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM problems');
      const error = await t.gql.error(
        REPORT,
        { input: { title: 'A fine title', description: '', categoryCode: 'OTHER', location: centre, ...override } },
        resident.token,
      );
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect((error.extensions?.fields as { field: string }[]).map((f) => f.field)).toContain(field);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM problems')).toEqual(before);
    });

    it.each([
      ['a missing location', { title: 'A fine title', description: '', categoryCode: 'OTHER' }, 'location'],
      ['a NaN latitude', { title: 'A fine title', description: '', categoryCode: 'OTHER', location: { lat: 'NaN', lng: 0 } }, 'lat'],
      ['a null longitude', { title: 'A fine title', description: '', categoryCode: 'OTHER', location: { lat: 0, lng: null } }, 'lng'],
    ])('refuses %s as BAD_USER_INPUT naming the field', async (_name, input, field) => {
      const error = await t.gql.error(REPORT, { input }, resident.token);
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain(field);
    });

    it('needs a token', async () => {
      const error = await t.gql.error(REPORT, { input: { title: 'A fine title', description: '', categoryCode: 'OTHER', location: centre } });
      expect(error.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('offers similar open problems nearby, not far away or closed ones', async () => {
      const spot = east(centre, 3000);
      const near = await report(resident, { title: 'Dog fouling on Mill Street pavement', location: spot });
      const far = await report(resident, { title: 'Dog fouling on Mill Street pavement', location: east(spot, 800) });
      const closed = await report(resident, { title: 'Dog fouling on Mill Street pavements', location: spot });
      await walkTo(closed.id, 'RESOLVED');
      await report(resident, { title: 'Stolen bicycles at the station', location: spot });
      const { similarProblems } = await t.gql.ok<{ similarProblems: { id: string }[] }>(SIMILAR, {
        title: 'dog fouling mill street',
        location: north(spot, 100),
      });
      expect(similarProblems.map((p) => p.id)).toEqual([near.id]);
      expect(similarProblems.map((p) => p.id)).not.toContain(far.id);
    });
  });

  describe('finding problems', () => {
    let origin: LatLng;
    beforeAll(() => {
      origin = north(centre, 50_000); // away from the other tests' problems
    });

    it('orders nearest-first in metres: 100 m north before 150 m east', async () => {
      const east150 = await report(resident, { title: 'Fly-tipping east of the school', location: east(origin, 150) });
      const north100 = await report(resident, { title: 'Fly-tipping north of the school', location: north(origin, 100) });
      const far = await report(resident, { title: 'Fly-tipping far from the school', location: north(origin, 900) });
      const { problems } = await t.gql.ok<{ problems: Page }>(LIST, {
        filter: { near: { ...origin, radiusMeters: 1000 } },
        orderBy: 'NEAREST',
      });
      expect(problems.edges.map((e) => e.node.id)).toEqual([north100.id, east150.id, far.id]);
    });

    it('is exact at the radius boundary (±1 m)', async () => {
      const at = east(north(origin, 5000), 0);
      const target = await report(resident, { title: 'Abandoned car by the allotments', location: at });
      const centrePoint = north(at, -1234);
      const d = distanceMetres(centrePoint, at);
      const ids = async (radiusMeters: number) =>
        (await t.gql.ok<{ problems: Page }>(LIST, { filter: { near: { ...centrePoint, radiusMeters } } })).problems.edges.map((e) => e.node.id);
      expect(await ids(d + 1)).toContain(target.id);
      expect(await ids(d - 1)).not.toContain(target.id);
    });

    it('filters by area, status, category and full text', async () => {
      const lamp = await report(resident, {
        title: 'Street lamps flickering on Oak Avenue',
        description: 'Several lights go off at night',
        categoryCode: 'ENVIRONMENT',
      });
      const theft = await report(resident, { title: 'Bike theft outside the gym', categoryCode: 'THEFT' });
      await walkTo(theft.id, 'SCANNING');
      const page = async (filter: object) => (await t.gql.ok<{ problems: Page }>(LIST, { filter, first: 100 })).problems.edges.map((e) => e.node.id);
      const searched = await page({ search: 'lamp flicker' });
      expect(searched).toContain(lamp.id);
      expect(searched).not.toContain(theft.id);
      const scanning = await page({ statuses: ['SCANNING'], areaId });
      expect(scanning).toContain(theft.id);
      expect(scanning).not.toContain(lamp.id);
      const thefts = await page({ categoryCodes: ['THEFT'] });
      expect(thefts).toEqual([theft.id]);
      expect(await page({ areaId: '01890000-0000-7000-8000-000000000000' })).toEqual([]);
    });

    it('refuses a page larger than 100, a bad cursor and NEAREST without near', async () => {
      const big = await t.gql.error(LIST, { first: 101 });
      expect(big.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
      const cursor = await t.gql.error(LIST, { after: 'garbage' });
      expect(cursor.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
      const nearest = await t.gql.error(LIST, { orderBy: 'NEAREST' });
      expect(nearest.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'orderBy' }] });
      const radius = await t.gql.error(LIST, { filter: { near: { ...centre, radiusMeters: -5 } } });
      expect(radius.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter.near.radiusMeters' }] });
    });

    it.each(['NEWEST', 'MOST_SUPPORTED', 'PRIORITY', 'NEAREST'])(
      'pages over 250 problems (%s) returning each exactly once while new ones arrive',
      async (orderBy) => {
        const spot = north(centre, -80_000 - ['NEWEST', 'MOST_SUPPORTED', 'PRIORITY', 'NEAREST'].indexOf(orderBy) * 10_000);
        const categoryCode = 'YOUTH';
        // Raw SQL on purpose: 250 rows with support counts and report times chosen (ties every
        // five), a state no sequence of API calls can set up; the paging is what is under test.
        const seeded: string[] = (
          await t.dataSource.query(
            `INSERT INTO problems (id, title, description, category_code, lat, lng, public_lat, public_lng, location_earth, public_earth,
                                   reporter_id, support_count, reported_at)
             SELECT gen_random_uuid(), 'Seeded problem ' || i, '', $1, $2 + i * 0.00001, $3, $2 + i * 0.00001, $3,
                    ll_to_earth($2 + i * 0.00001, $3), ll_to_earth($2 + i * 0.00001, $3), $4, (i % 7), now() - (i % 5) * interval '1 minute'
               FROM generate_series(1, 250) AS i
             RETURNING id`,
            [categoryCode, spot.lat, spot.lng, resident.id],
          )
        ).map((r: { id: string }) => r.id);
        const filter = { categoryCodes: [categoryCode], near: { ...spot, radiusMeters: 5000 } };
        const seen: string[] = [];
        let after: string | null = null;
        let pages = 0;
        do {
          const result: { problems: Page } = await t.gql.ok<{ problems: Page }>(LIST, { filter, orderBy, first: 100, after });
          seen.push(...result.problems.edges.map((e) => e.node.id));
          expect(result.problems.totalCount).toBeGreaterThanOrEqual(250);
          after = result.problems.pageInfo.hasNextPage ? result.problems.pageInfo.endCursor : null;
          pages++;
          // A newcomer arrives between pages: reported now, so it sorts before the cursor
          // (newest, least supported, or farther than anything seen so far is fine either way).
          await report(resident, { title: `Newcomer ${pages} for ${orderBy}`, categoryCode: 'OTHER', location: spot });
        } while (after && pages < 10);
        expect(pages).toBe(3);
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort()).toEqual([...seeded].sort());
      },
    );

    it('pages nearest-first through equally distant problems (one public point) without skips or repeats', async () => {
      const spot = coarsen(north(centre, -200_000)); // a cell's centre: every report near it is shown there
      // HARASSMENT is sensitive: the public see one coarsened point for all eleven.
      const seeded: string[] = [];
      for (let i = 1; i <= 11; i++) {
        const made = await t.make.problems
          .by(resident)
          .at({ lat: spot.lat + i * 0.0000001, lng: spot.lng })
          .category('HARASSMENT')
          .titled(`Same cell ${i}`, 'x')
          .report();
        seeded.push(made.id);
      }
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const result: { problems: Page } = await t.gql.ok<{ problems: Page }>(LIST, {
          filter: { near: { ...spot, radiusMeters: 10 } },
          orderBy: 'NEAREST',
          first: 3,
          after,
        });
        seen.push(...result.problems.edges.map((e) => e.node.id));
        after = result.problems.pageInfo.hasNextPage ? result.problems.pageInfo.endCursor : null;
        pages++;
      } while (after && pages < 10);
      expect(pages).toBe(4);
      expect(seen).toHaveLength(11);
      expect([...seen].sort()).toEqual([...seeded].sort());
    });

    it('serves nearest-first, radius and full-text search from the indexes (EXPLAIN)', async () => {
      // Raw SQL on purpose: the planner is under test, and it needs table volume (thousands of
      // rows) that reporting one by one through the API would take minutes to build.
      await t.dataSource.query(
        `INSERT INTO problems (id, title, description, category_code, lat, lng, public_lat, public_lng, location_earth, public_earth, reporter_id)
         SELECT gen_random_uuid(), 'Bulk ' || i || CASE WHEN i % 100 = 0 THEN ' burnt out moped' ELSE ' litter' END, '', 'OTHER',
                lat, lng, lat, lng, ll_to_earth(lat, lng), ll_to_earth(lat, lng), $1
           FROM generate_series(1, 20000) AS i,
                LATERAL (SELECT 40 + (i % 200) * 0.01 AS lat, -3 + (i / 200) * 0.01 AS lng) AS p`,
        [resident.id],
      );
      await t.dataSource.query('ANALYZE problems');
      const explain = async (variables: Record<string, unknown>) => {
        const { queries } = await recordSql(t.dataSource, () => t.gql.ok(LIST, variables));
        const select = queries.find((q) => /FROM problems p\b/.test(q.query) && /LIMIT/.test(q.query));
        expect(select).toBeDefined();
        const plan: { 'QUERY PLAN': string }[] = await t.dataSource.query(`EXPLAIN ${select!.query}`, select!.parameters);
        return plan.map((row) => row['QUERY PLAN']).join('\n');
      };
      // A wide radius: the GiST index hands rows over nearest-first (KNN, "Order By")
      const nearest = await explain({ filter: { near: { lat: 40.5, lng: -2.5, radiusMeters: 50000 } }, orderBy: 'NEAREST', first: 20 });
      expect(nearest).toMatch(/Index Scan using problems_public_location_gist/);
      expect(nearest).toMatch(/Order By: \(public_earth <-> /);
      expect(nearest).not.toMatch(/Seq Scan/);
      // A narrow one: the same index finds the few rows inside the box
      const radius = await explain({ filter: { near: { lat: 40.5, lng: -2.5, radiusMeters: 1500 } }, first: 20 });
      expect(radius).toMatch(/problems_public_location_gist/);
      expect(radius).not.toMatch(/Seq Scan/);
      // A common word: the page comes from the next rows in list order (the newest-first index)
      const common = await explain({ filter: { search: 'litter' }, first: 20 });
      expect(common).toMatch(/problems_newest_idx/);
      expect(common).not.toMatch(/Seq Scan/);
      // A rare one: too few matches in that window, so the whole table is searched through its index
      const rare = await recordSql(t.dataSource, () => t.gql.ok(LIST, { filter: { search: 'burnt moped' }, first: 50 }));
      const whole = rare.queries.filter((q) => /FROM problems p\b/.test(q.query) && /LIMIT/.test(q.query)).at(-1);
      const wholePlan = ((await t.dataSource.query(`EXPLAIN ${whole?.query}`, whole?.parameters)) as { 'QUERY PLAN': string }[])
        .map((row) => row['QUERY PLAN'])
        .join('\n');
      expect(wholePlan).toMatch(/problems_search_gin/);
      expect(wholePlan).not.toMatch(/Seq Scan/);
      // Equally distant rows straddling the end of the page (one public point): the second
      // statement, which reads all of them, is bounded by the GiST index too (raw SQL: volume for the planner, as above)
      await t.dataSource.query(
        `INSERT INTO problems (id, title, description, category_code, lat, lng, public_lat, public_lng, location_earth, public_earth, reporter_id)
         SELECT gen_random_uuid(), 'Same cell ' || i, '', 'HARASSMENT', 41.2 + i * 0.0000001, -2.2, 41.2, -2.2,
                ll_to_earth(41.2 + i * 0.0000001, -2.2), ll_to_earth(41.2, -2.2), $1
           FROM generate_series(1, 30) AS i`,
        [resident.id],
      );
      const { queries } = await recordSql(t.dataSource, () =>
        t.gql.ok(LIST, { filter: { near: { lat: 41.2, lng: -2.2, radiusMeters: 1000 } }, orderBy: 'NEAREST', first: 20 }),
      );
      const tieQuery = queries.find((q) => /FROM problems p\b/.test(q.query) && !/LIMIT/.test(q.query) && /sec_to_gc/.test(q.query));
      expect(tieQuery).toBeDefined();
      const tiePlan = ((await t.dataSource.query(`EXPLAIN ${tieQuery!.query}`, tieQuery!.parameters)) as { 'QUERY PLAN': string }[])
        .map((row) => row['QUERY PLAN'])
        .join('\n');
      expect(tiePlan).toMatch(/problems_public_location_gist/);
      expect(tiePlan).not.toMatch(/Seq Scan/);
    });
  });

  describe('search', () => {
    it('pages through common and rare matches exactly as the whole table orders them', async () => {
      const category = 'SEARCH_PAGES';
      await t.gql.ok(CREATE_CATEGORY, { input: { code: category, name: 'Search pages' } }, admin.token);
      // 3,000 rows: every other one mentions graffiti, every 500th a scooter; ties on reported_at.
      // Raw SQL on purpose: chosen report times (ties) and volume, which the API cannot set.
      await t.dataSource.query(
        `INSERT INTO problems (id, title, description, category_code, lat, lng, public_lat, public_lng, location_earth, public_earth, reporter_id, reported_at)
         SELECT gen_random_uuid(), 'Row ' || i || CASE WHEN i % 500 = 0 THEN ' abandoned scooter' WHEN i % 2 = 0 THEN ' graffiti tags' ELSE ' loose paving' END,
                '', $2, 10, 10, 10, 10, ll_to_earth(10, 10), ll_to_earth(10, 10), $1, now() - (i % 700) * interval '1 minute'
           FROM generate_series(1, 3000) AS i`,
        [resident.id, category],
      );
      for (const [search, pages, size] of [
        ['graffiti', 3, 100],
        ['abandoned scooter', 2, 4],
      ] as const) {
        const expected: string[] = (
          await t.dataSource.query(
            `SELECT id FROM problems WHERE category_code = $1 AND search_vector @@ websearch_to_tsquery('english', $2)
              ORDER BY reported_at DESC, id DESC LIMIT $3`,
            [category, search, pages * size],
          )
        ).map((row: { id: string }) => row.id);
        const seen: string[] = [];
        let after: string | null = null;
        for (let i = 0; i < pages; i++) {
          const result: { problems: Page } = await t.gql.ok<{ problems: Page }>(LIST, { filter: { search, categoryCodes: [category] }, first: size, after });
          seen.push(...result.problems.edges.map((e) => e.node.id));
          if (i === 0) expect(result.problems.totalCount).toBe(search === 'graffiti' ? 1494 : 6);
          after = result.problems.pageInfo.endCursor;
        }
        expect(seen).toEqual(expected);
      }
    });
  });

  describe('support ("me too")', () => {
    it('counts 50 concurrent supports by 50 users as 50, and 20 by one user as one', async () => {
      const problem = await report(resident, { title: 'Speeding on Rochdale Road', location: east(centre, 500) });
      await t.gql.ok(WITHDRAW, { problemId: problem.id }, resident.token);
      const users = await t.users(50);
      await Promise.all(users.map((user) => t.gql.ok(SUPPORT, { problemId: problem.id }, user.token)));
      const counted = async () => (await t.gql.ok<{ problem: Problem }>(PROBLEM, { id: problem.id })).problem.supportCount;
      expect(await counted()).toBe(50);
      const rows = await t.dataSource.query('SELECT count(*)::int AS n FROM problem_supports WHERE problem_id = $1', [problem.id]);
      expect(rows[0].n).toBe(50);

      const results = await Promise.all(
        Array.from({ length: 20 }, () => t.gql.ok<{ supportProblem: Problem }>(SUPPORT, { problemId: problem.id }, resident.token)),
      );
      expect(results.every((r) => r.supportProblem.viewerSupports)).toBe(true);
      expect(await counted()).toBe(51);

      await Promise.all(users.slice(0, 10).map((user) => t.gql.ok(WITHDRAW, { problemId: problem.id }, user.token)));
      await t.gql.ok(WITHDRAW, { problemId: problem.id }, users[0].token); // again: no change
      expect(await counted()).toBe(41);
    });

    it('needs a token, a known problem and an open one', async () => {
      const problem = await report(resident, { title: 'Overflowing bins on Spear Street' });
      expect((await t.gql.error(SUPPORT, { problemId: problem.id })).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.gql.error(SUPPORT, { problemId: '01890000-0000-7000-8000-000000000000' }, neighbour.token)).extensions?.code).toBe('NOT_FOUND');
      expect((await t.gql.error(SUPPORT, { problemId: 'nope' }, neighbour.token)).extensions?.code).toBe('BAD_USER_INPUT');
      await walkTo(problem.id, 'REJECTED');
      const closed = await t.gql.error(SUPPORT, { problemId: problem.id }, neighbour.token);
      expect(closed.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROBLEM_CLOSED_FOR_SUPPORT', currentStatus: 'REJECTED' });
    });
  });

  describe('SARA lifecycle', () => {
    it('moves through the cycle with timeline events, gates and notes', async () => {
      const problem = await report(resident, { title: 'Drug dealing behind the library' });
      expect((await changeStatus(officer.token, problem.id, 'SCANNING', 'Accepted')).data?.changeProblemStatus.status).toBe('SCANNING');
      expect((await changeStatus(officer.token, problem.id, 'ANALYSIS')).data?.changeProblemStatus.progressPercent).toBe(30);

      const gated = (await changeStatus(officer.token, problem.id, 'RESPONSE')).errors?.[0];
      expect(gated?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SARA_GATE_BLOCKED', currentStatus: 'ANALYSIS', requestedStatus: 'RESPONSE' });
      expect(gated?.extensions?.blockers).toContain('SARA_GATE_ANALYSIS_MISSING');

      const analysed = await t.gql.ok<{ recordAnalysis: Problem }>(
        RECORD_ANALYSIS,
        {
          input: {
            problemId: problem.id,
            offender: 'Two dealers from out of town',
            place: 'Unlit service yard',
            manager: 'Library facilities team',
            hypothesis: 'No guardianship after 6 pm',
          },
        },
        officer.token,
      );
      expect(analysed.recordAnalysis.analysis).toMatchObject({ offender: 'Two dealers from out of town', victim: null, manager: 'Library facilities team' });
      const revised = await t.gql.ok<{ recordAnalysis: Problem }>(
        RECORD_ANALYSIS,
        { input: { problemId: problem.id, victim: 'Library users' } },
        supervisor.token,
      );
      expect(revised.recordAnalysis.analysis).toMatchObject({ offender: 'Two dealers from out of town', victim: 'Library users' });

      // The other gate to RESPONSE is the solutions lib's: an adopted solution.
      const adopted = (await changeStatus(officer.token, problem.id, 'RESPONSE')).errors?.[0];
      expect(adopted?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SARA_GATE_BLOCKED', blockers: ['SARA_GATE_NO_ADOPTED_SOLUTION'] });
      await t.make.solutions.by(neighbour).on(problem).decidedBy(officer).inStatus('ADOPTED');
      expect((await changeStatus(officer.token, problem.id, 'RESPONSE')).data?.changeProblemStatus.status).toBe('RESPONSE');
      await changeStatus(officer.token, problem.id, 'ASSESSMENT');
      await changeStatus(officer.token, problem.id, 'RESPONSE');
      await changeStatus(officer.token, problem.id, 'ASSESSMENT');
      // The gate to RESOLVED is the actions lib's: a current assessment.
      await t.make.actions.assess(problem, undefined, officer);
      const resolved = await changeStatus(officer.token, problem.id, 'RESOLVED', 'Lighting fixed, dealing stopped');
      expect(resolved.data?.changeProblemStatus).toMatchObject({ status: 'RESOLVED', statusNote: 'Lighting fixed, dealing stopped', progressPercent: 100 });

      const reopenByOfficer = (await changeStatus(officer.token, problem.id, 'ANALYSIS', 'Back again')).errors?.[0];
      expect(reopenByOfficer?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'SUPERVISOR_ONLY_MOVE' });
      const reopenWithoutNote = (await changeStatus(supervisor.token, problem.id, 'ANALYSIS')).errors?.[0];
      expect(reopenWithoutNote?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.note' }] });
      expect((await changeStatus(supervisor.token, problem.id, 'ANALYSIS', 'Dealing is back')).data?.changeProblemStatus.status).toBe('ANALYSIS');

      const { problem: withTimeline } = await t.gql.ok<{ problem: Problem }>(PROBLEM, { id: problem.id }, resident.token);
      const moves = withTimeline.timeline.edges
        .filter((e) => e.node.kind === 'STATUS_CHANGED')
        .map((e) => [e.node.fromStatus, e.node.toStatus, e.node.actor?.id]);
      expect(moves).toEqual([
        ['REPORTED', 'SCANNING', officer.id],
        ['SCANNING', 'ANALYSIS', officer.id],
        ['ANALYSIS', 'RESPONSE', officer.id],
        ['RESPONSE', 'ASSESSMENT', officer.id],
        ['ASSESSMENT', 'RESPONSE', officer.id],
        ['RESPONSE', 'ASSESSMENT', officer.id],
        ['ASSESSMENT', 'RESOLVED', officer.id],
        ['RESOLVED', 'ANALYSIS', supervisor.id],
      ]);
      expect(withTimeline.timeline.edges.filter((e) => e.node.kind === 'ANALYSIS_RECORDED')).toHaveLength(2);
      const page = await t.gql.ok<{ problem: { timeline: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(
        `query ($id: ID!) { problem(id: $id) { timeline(first: 2) { edges { node { kind } } pageInfo { hasNextPage endCursor } } } }`,
        { id: problem.id },
      );
      expect(page.problem.timeline.edges).toHaveLength(2);
      expect(page.problem.timeline.pageInfo.hasNextPage).toBe(true);
    });

    const illegal: [string, string][] = [
      ['REPORTED', 'ANALYSIS'],
      ['REPORTED', 'RESPONSE'],
      ['REPORTED', 'ASSESSMENT'],
      ['REPORTED', 'RESOLVED'],
      ['REPORTED', 'REPORTED'],
      ['SCANNING', 'RESPONSE'],
      ['SCANNING', 'RESOLVED'],
      ['SCANNING', 'REPORTED'],
      ['ANALYSIS', 'SCANNING'],
      ['ANALYSIS', 'RESOLVED'],
      ['RESPONSE', 'ANALYSIS'],
      ['RESPONSE', 'RESOLVED'],
      ['RESPONSE', 'REJECTED'],
      ['ASSESSMENT', 'SCANNING'],
      ['RESOLVED', 'REPORTED'],
      ['DUPLICATE', 'SCANNING'],
      ['REJECTED', 'ANALYSIS'],
      ['SCANNING', 'DUPLICATE'],
    ];
    it.each(illegal)('refuses %s → %s with CONFLICT naming both', async (from, to) => {
      const problem = await report(resident, { title: `Illegal move ${from} to ${to}` });
      const stays = from === 'DUPLICATE' ? await t.make.problems.by(resident).titled(`Stays for ${from} to ${to}`).report() : undefined;
      await walkTo(problem.id, from as ProblemStatusName, { duplicateOf: stays });
      const error = (await changeStatus(supervisor.token, problem.id, to, 'a note')).errors?.[0];
      const reason = to === 'DUPLICATE' ? 'DUPLICATE_NEEDS_MARK_DUPLICATE' : 'ILLEGAL_STATUS_MOVE';
      expect(error?.extensions).toMatchObject({ code: 'CONFLICT', reason, currentStatus: from, requestedStatus: to });
      const [{ status }] = await t.dataSource.query('SELECT status FROM problems WHERE id = $1', [problem.id]);
      expect(status).toBe(from);
    });

    it('rejects with a reason only, and lets a supervisor reopen', async () => {
      const problem = await report(resident, { title: 'Noise from the bus depot' });
      const noNote = (await changeStatus(officer.token, problem.id, 'REJECTED')).errors?.[0];
      expect(noNote?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.note' }] });
      const rejected = await changeStatus(officer.token, problem.id, 'REJECTED', 'Referred to the council: not a policing matter');
      expect(rejected.data?.changeProblemStatus).toMatchObject({ status: 'REJECTED', statusNote: 'Referred to the council: not a policing matter' });
      expect((await changeStatus(supervisor.token, problem.id, 'SCANNING', 'Council asked us to look again')).data?.changeProblemStatus.status).toBe(
        'SCANNING',
      );
    });

    it('lets only officers, supervisors and admins run the cycle', async () => {
      const problem = await report(resident, { title: 'Shoplifting at the corner shop' });
      for (const user of [resident, moderator]) {
        expect((await changeStatus(user.token, problem.id, 'SCANNING')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect((await t.gql.error(RECORD_ANALYSIS, { input: { problemId: problem.id, offender: 'x' } }, user.token)).extensions?.code).toBe('FORBIDDEN');
        expect((await t.gql.error(MARK_DUPLICATE, { input: { problemId: problem.id, duplicateOfId: problem.id } }, user.token)).extensions?.code).toBe(
          'FORBIDDEN',
        );
      }
      expect((await t.gql.error(CHANGE_STATUS, { input: { problemId: problem.id, status: 'SCANNING' } })).extensions?.code).toBe('UNAUTHENTICATED');
      expect((await changeStatus(admin.token, problem.id, 'SCANNING')).data?.changeProblemStatus.status).toBe('SCANNING');
      expect((await changeStatus(officer.token, '01890000-0000-7000-8000-000000000000', 'SCANNING')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const empty = await t.gql.error(RECORD_ANALYSIS, { input: { problemId: problem.id } }, officer.token);
      expect(empty.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input' }] });
    });

    it('marks duplicates: supports move over without double counting', async () => {
      const original = await report(resident, { title: 'Youths throwing stones at buses' });
      const copy = await report(neighbour, { title: 'Stones thrown at the 53 bus' });
      const [both, onlyCopy] = await t.users(2);
      await t.gql.ok(SUPPORT, { problemId: original.id }, both.token);
      await t.gql.ok(SUPPORT, { problemId: copy.id }, both.token);
      await t.gql.ok(SUPPORT, { problemId: copy.id }, onlyCopy.token);
      await t.gql.ok(SUPPORT, { problemId: copy.id }, resident.token);

      const self = await t.gql.error(MARK_DUPLICATE, { input: { problemId: copy.id, duplicateOfId: copy.id } }, officer.token);
      expect(self.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.duplicateOfId' }] });

      const marked = await t.gql.ok<{ markDuplicate: Problem }>(MARK_DUPLICATE, { input: { problemId: copy.id, duplicateOfId: original.id } }, officer.token);
      expect(marked.markDuplicate).toMatchObject({ status: 'DUPLICATE', supportCount: 0, duplicateOf: { id: original.id } });
      const { problem } = await t.gql.ok<{ problem: Problem }>(PROBLEM, { id: original.id }, onlyCopy.token);
      // resident, both, onlyCopy, neighbour (the copy's reporter): each once
      expect(problem.supportCount).toBe(4);
      expect(problem.viewerSupports).toBe(true);
      expect(problem.timeline.edges.map((e) => e.node.kind)).toContain('DUPLICATE_MERGED');

      const again = await t.gql.error(MARK_DUPLICATE, { input: { problemId: copy.id, duplicateOfId: original.id } }, officer.token);
      expect(again.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROBLEM_NOT_OPEN_FOR_MERGE' });
      const supportDuplicate = await t.gql.error(SUPPORT, { problemId: copy.id }, neighbour.token);
      expect(supportDuplicate.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROBLEM_IS_DUPLICATE', duplicateOfId: original.id });
    });
  });

  describe('privacy', () => {
    it('never reveals an anonymous reporter to other residents, officers or admins', async () => {
      const secret = await report(resident, {
        title: 'Dealing from the flat above the chip shop',
        anonymous: true,
        categoryCode: 'DRUGS',
        location: north(centre, 700),
      });
      await changeStatus(officer.token, secret.id, 'SCANNING', 'Looking into it');
      const FULL = `query ($id: ID!) { problem(id: $id) { ${PROBLEM_FIELDS} } problems(filter: { search: "chip shop" }, first: 50) { edges { node { ${PROBLEM_FIELDS} } } } }`;
      for (const viewer of [neighbour, officer, supervisor, admin, moderator]) {
        const data = await t.gql.ok<{ problem: Problem }>(FULL, { id: secret.id }, viewer.token);
        expect(data.problem.reporter).toBeNull();
        expect(data.problem.anonymous).toBe(true);
        const text = JSON.stringify(data);
        expect(text).not.toContain(resident.id);
        expect(text).not.toContain('Rita Resident');
        expect(data.problem.timeline.edges[0].node).toMatchObject({ kind: 'REPORTED', actor: null });
      }
      const anonymous = JSON.stringify(await t.gql.ok(FULL, { id: secret.id }));
      expect(anonymous).not.toContain(resident.id);
      const own = await t.gql.ok<{ problem: Problem }>(FULL, { id: secret.id }, resident.token);
      expect(own.problem.reporter?.id).toBe(resident.id);
      expect(own.problem.timeline.edges[0].node.actor?.id).toBe(resident.id);
    });

    it('coarsens sensitive locations for the public, stably, and shows officers the exact point', async () => {
      const exact = east(north(centre, 1234), 567);
      const problem = await report(neighbour, {
        title: 'Assault outside the nightclub',
        categoryCode: 'VIOLENCE',
        location: exact,
        address: '12 Back Piccadilly',
      });
      const view = async (token?: string) => (await t.gql.ok<{ problem: Problem }>(PROBLEM, { id: problem.id }, token)).problem;
      const first = await view(resident.token);
      const second = await view();
      expect(first.location).toEqual(second.location);
      expect(first.location).toEqual(coarsen(exact));
      expect(first.location).not.toEqual(exact);
      expect(distanceMetres(first.location, exact)).toBeLessThan(200);
      expect(first.address).toBeNull();
      expect((await view(officer.token)).location).toEqual(exact);
      expect((await view(officer.token)).address).toBe('12 Back Piccadilly');
      expect((await view(neighbour.token)).location).toEqual(exact);

      // Probing with a tiny radius around the exact point finds nothing for the public
      const probe = { filter: { near: { ...exact, radiusMeters: 2 } } };
      const publicHits = (await t.gql.ok<{ problems: Page }>(LIST, probe, resident.token)).problems.edges.map((e) => e.node.id);
      expect(publicHits).not.toContain(problem.id);
      const officerHits = (await t.gql.ok<{ problems: Page }>(LIST, probe, officer.token)).problems.edges.map((e) => e.node.id);
      expect(officerHits).toContain(problem.id);
    });

    it('re-coarsens existing problems when a category becomes sensitive', async () => {
      const exact = east(north(centre, -1500), 321);
      const problem = await report(neighbour, { title: 'Parked cars blocking the school gate', categoryCode: 'TRAFFIC', location: exact });
      expect((await t.gql.ok<{ problem: Problem }>(PROBLEM, { id: problem.id })).problem.location).toEqual(exact);
      await t.gql.ok(UPDATE_CATEGORY, { input: { code: 'TRAFFIC', sensitive: true } }, admin.token);
      expect((await t.gql.ok<{ problem: Problem }>(PROBLEM, { id: problem.id })).problem.location).toEqual(coarsen(exact));
      await t.gql.ok(UPDATE_CATEGORY, { input: { code: 'TRAFFIC', sensitive: false } }, admin.token);
      expect((await t.gql.ok<{ problem: Problem }>(PROBLEM, { id: problem.id })).problem.location).toEqual(exact);
    });
  });

  it('answers null for an unknown problem and BAD_USER_INPUT for a malformed id', async () => {
    expect(await t.gql.ok(PROBLEM, { id: '01890000-0000-7000-8000-000000000000' })).toEqual({ problem: null });
    expect((await t.gql.error(PROBLEM, { id: '42' })).extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'id' }] });
  });
});

interface LatLng {
  lat: number;
  lng: number;
}
interface ReportInput {
  title: string;
  description: string;
  categoryCode: string;
  location: LatLng;
  address: string;
  anonymous: boolean;
}
interface Area {
  id: string;
  name: string;
  officers: { id: string }[];
}
interface TimelineNode {
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  note: string | null;
  actor: { id: string } | null;
}
interface Problem {
  id: string;
  status: string;
  statusNote: string | null;
  supportCount: number;
  viewerSupports: boolean;
  anonymous: boolean;
  address: string | null;
  location: LatLng;
  reporter: { id: string; displayName: string } | null;
  duplicateOf: { id: string } | null;
  analysis: Record<string, string | null> | null;
  progressPercent: number;
  timeline: { edges: { node: TimelineNode }[] };
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

const PROBLEM_FIELDS = `id title description status statusNote anonymous supportCount viewerSupports address progressPercent
  reportedAt updatedAt location { lat lng } area { id name } category { code sensitive } reporter { id displayName }
  duplicateOf { id } analysis { offender victim place handler guardian manager hypothesis }
  timeline(first: 50) { totalCount edges { node { kind fromStatus toStatus note actor { id displayName } } } }`;
const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { ${PROBLEM_FIELDS} } }`;
const PROBLEM = `query ($id: ID!) { problem(id: $id) { ${PROBLEM_FIELDS} } }`;
const LIST = `query ($filter: ProblemFilter, $orderBy: ProblemOrder, $first: Int, $after: String) {
  problems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title supportCount location { lat lng } } } } }`;
const SIMILAR = `query ($title: String!, $location: LatLngInput!) { similarProblems(title: $title, location: $location) { id title } }`;
const SUPPORT = `mutation ($problemId: ID!) { supportProblem(problemId: $problemId) { id supportCount viewerSupports } }`;
const WITHDRAW = `mutation ($problemId: ID!) { withdrawSupport(problemId: $problemId) { id supportCount viewerSupports } }`;
const CHANGE_STATUS = `mutation ($input: ChangeProblemStatusInput!) { changeProblemStatus(input: $input) { id status statusNote progressPercent } }`;
const MARK_DUPLICATE = `mutation ($input: MarkDuplicateInput!) { markDuplicate(input: $input) { id status supportCount duplicateOf { id } } }`;
const RECORD_ANALYSIS = `mutation ($input: RecordAnalysisInput!) { recordAnalysis(input: $input) { id analysis { offender victim place handler guardian manager hypothesis } } }`;
const CREATE_AREA = `mutation ($input: CreateAreaInput!) { createArea(input: $input) { id name boundary { lat lng } officers { id } } }`;
const ASSIGN_OFFICER = `mutation ($input: AssignOfficerInput!) { assignOfficerToArea(input: $input) { id officers { id displayName email } } }`;
const LOCAL_TEAM = `query ($location: LatLngInput!) { localTeam(location: $location) { area { id name } officers { id displayName email } priorities { id status } } }`;
const CREATE_CATEGORY = `mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { code name sensitive } }`;
const UPDATE_CATEGORY = `mutation ($input: UpdateCategoryInput!) { updateCategory(input: $input) { code name sensitive } }`;
