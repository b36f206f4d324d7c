import { MIGRATIONS } from '@common-ground/shared/database';
import { COARSE_CELL_DEGREES, coarsen } from '@common-ground/problems';
import { TestApp, TestUser } from './support/test-app';

/**
 * Sensitive places: the public sees a sensitive problem at the centre of its ~200 m cell, and
 * must learn nothing more of the exact point — not from the area it is filed in, nor from the
 * area filters and the local team's priorities, nor from the analysis (offender, victim, place).
 * Officers route by the exact point; the reporter sees their own report as officers do.
 *
 * Two areas share a border that runs through one cell: the cell's centre (the public point) lies
 * in West, the exact point in East.
 */
describe('sensitive places', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let reporter: TestUser;
  let other: TestUser;
  let stranger: TestUser;
  let west: string;
  let east: string;

  // The cell of a point in Manchester, and an exact point in its eastern part.
  const cell = coarsen({ lat: 53.4808, lng: -2.2426 });
  const lngStep = COARSE_CELL_DEGREES / Math.cos((cell.lat * Math.PI) / 180);
  const exact = { lat: cell.lat + COARSE_CELL_DEGREES * 0.1, lng: cell.lng + lngStep * 0.35 };
  const border = cell.lng + lngStep * 0.2;
  const box = (fromLng: number, toLng: number) => {
    const ring = [
      { lat: cell.lat - 0.05, lng: fromLng },
      { lat: cell.lat - 0.05, lng: toLng },
      { lat: cell.lat + 0.05, lng: toLng },
      { lat: cell.lat + 0.05, lng: fromLng },
    ];
    return [...ring, ring[0]];
  };
  const inWest = { lat: cell.lat, lng: border - 0.01 };
  const inEast = { lat: cell.lat, lng: border + 0.01 };

  /** Problems by name: x (sensitive, before the areas), y (sensitive, the reporter's), z (not sensitive), w (TRAFFIC). */
  const ids: Record<string, string> = {};

  const report = async (user: TestUser, input: Record<string, unknown>) =>
    (
      await t.gql.ok<{ reportProblem: { id: string } }>(
        REPORT,
        { input: { description: 'Most nights after eleven.', location: exact, address: '7 Border Street', ...input } },
        user.token,
      )
    ).reportProblem.id;
  const createArea = async (name: string, boundary: { lat: number; lng: number }[]) =>
    (await t.gql.ok<{ createArea: { id: string } }>(CREATE_AREA, { input: { name, boundary } }, admin.token)).createArea.id;
  const areaOf = async (id: string, user?: TestUser) =>
    (await t.gql.ok<{ problem: { area: { id: string } | null } }>(PROBLEM, { id }, user?.token)).problem.area?.id ?? null;
  const inArea = async (areaId: string, user?: TestUser) =>
    (await t.gql.ok<{ problems: { edges: { node: { id: string } }[] } }>(LIST, { filter: { areaId }, first: 100 }, user?.token)).problems.edges.map(
      (e) => e.node.id,
    );
  const priorities = async (location: { lat: number; lng: number }, user?: TestUser) => {
    const { localTeam } = await t.gql.ok<{ localTeam: { area: { id: string }; priorities: { id: string }[] } }>(LOCAL_TEAM, { location }, user?.token);
    return { area: localTeam.area.id, ids: localTeam.priorities.map((p) => p.id) };
  };
  const name = (list: string[]) =>
    Object.keys(ids)
      .filter((key) => list.includes(ids[key]))
      .sort();

  beforeAll(async () => {
    t = await TestApp.start();
    [admin, officer, reporter, other, stranger] = await Promise.all([
      t.make.users.admin({ displayName: 'Admin' }),
      t.make.users.officer({ displayName: 'Officer Olu' }),
      t.make.users.resident({ displayName: 'Rita Reporter' }),
      t.make.users.resident({ displayName: 'Otto Other' }),
      t.make.users.resident({ displayName: 'Stella Stranger' }),
    ]);
    // Reported before any area exists: creating the areas files it.
    ids.x = await report(other, { title: 'Threats at the corner', categoryCode: 'HARASSMENT' });
    west = await createArea('West', box(border - 0.05, border));
    east = await createArea('East', box(border, border + 0.05));
    ids.y = await report(reporter, { title: 'Fights outside number 7', categoryCode: 'VIOLENCE' });
    ids.z = await report(other, { title: 'Litter outside number 7', categoryCode: 'ANTISOCIAL_BEHAVIOUR' });
    ids.w = await report(other, { title: 'Cars racing past number 7', categoryCode: 'TRAFFIC' });
    for (const id of [ids.x, ids.y, ids.z]) {
      await t.gql.ok(CHANGE_STATUS, { input: { problemId: id, status: 'SCANNING' } }, officer.token);
      await t.gql.ok(CHANGE_STATUS, { input: { problemId: id, status: 'ANALYSIS' } }, officer.token);
    }
  });
  afterAll(() => t.close());

  it('sets up a border through the cell: the public point in West, the exact one in East', async () => {
    expect(coarsen(exact)).toEqual(cell);
    expect(cell.lng).toBeLessThan(border);
    expect(exact.lng).toBeGreaterThan(border);
    const { problem } = await t.gql.ok<{ problem: { location: { lat: number; lng: number } } }>(PROBLEM, { id: ids.y });
    expect(problem.location).toEqual(cell);
    expect((await t.gql.ok<{ localTeam: { area: { id: string } } }>(LOCAL_TEAM, { location: cell })).localTeam.area.id).toBe(west);
    expect((await t.gql.ok<{ localTeam: { area: { id: string } } }>(LOCAL_TEAM, { location: exact })).localTeam.area.id).toBe(east);
  });

  it('files a sensitive problem for the public in the area of its public point, for officers and its reporter by the exact one', async () => {
    for (const key of ['x', 'y']) {
      expect(await areaOf(ids[key])).toBe(west);
      expect(await areaOf(ids[key], stranger)).toBe(west);
      expect(await areaOf(ids[key], officer)).toBe(east);
    }
    expect(await areaOf(ids.y, reporter)).toBe(east);
    expect(await areaOf(ids.x, reporter)).toBe(west);
    expect(await areaOf(ids.x, other)).toBe(east);
    // Not sensitive: the public point is the exact one, and so is its area.
    for (const user of [undefined, stranger, officer]) expect(await areaOf(ids.z, user)).toBe(east);
  });

  it('filters by area as each viewer sees areas', async () => {
    expect(name(await inArea(west))).toEqual(['x', 'y']);
    expect(name(await inArea(east))).toEqual(['w', 'z']);
    expect(name(await inArea(west, stranger))).toEqual(['x', 'y']);
    expect(name(await inArea(west, officer))).toEqual([]);
    expect(name(await inArea(east, officer))).toEqual(['w', 'x', 'y', 'z']);
    // The reporter finds their own report where they see it, the others' where the public does.
    expect(name(await inArea(west, reporter))).toEqual(['x']);
    expect(name(await inArea(east, reporter))).toEqual(['w', 'y', 'z']);
    const { problems } = await t.gql.ok<{ problems: { totalCount: number } }>(LIST, { filter: { areaId: west } });
    expect(problems.totalCount).toBe(2);
  });

  it("lists the local team's priorities by the public area for the public, by the exact one for officers", async () => {
    expect(await priorities(inWest)).toEqual({ area: west, ids: expect.any(Array) });
    expect(name((await priorities(inWest)).ids)).toEqual(['x', 'y']);
    expect(name((await priorities(inEast)).ids)).toEqual(['z']);
    expect(name((await priorities(inWest, stranger)).ids)).toEqual(['x', 'y']);
    expect(name((await priorities(inWest, officer)).ids)).toEqual([]);
    expect(name((await priorities(inEast, officer)).ids)).toEqual(['x', 'y', 'z']);
    expect(name((await priorities(inWest, reporter)).ids)).toEqual(['x']);
    expect(name((await priorities(inEast, reporter)).ids)).toEqual(['y', 'z']);
  });

  it("moves the public area with the public point when a category's sensitivity changes", async () => {
    expect(await areaOf(ids.w)).toBe(east);
    await t.gql.ok(UPDATE_CATEGORY, { input: { code: 'TRAFFIC', sensitive: true } }, admin.token);
    expect(await areaOf(ids.w)).toBe(west);
    expect(await areaOf(ids.w, officer)).toBe(east);
    expect(name(await inArea(west))).toEqual(['w', 'x', 'y']);
    await t.gql.ok(UPDATE_CATEGORY, { input: { code: 'TRAFFIC', sensitive: false } }, admin.token);
    expect(await areaOf(ids.w)).toBe(east);
    expect(name(await inArea(west))).toEqual(['x', 'y']);
  });

  describe('the analysis', () => {
    const analysisOf = async (id: string, user?: TestUser) =>
      (await t.gql.ok<{ problem: { analysis: { place: string | null } | null } }>(PROBLEM, { id }, user?.token)).problem.analysis;
    const place = { place: 'The doorway of number 7, left of the shutter' };

    beforeAll(async () => {
      ids.a = await report(reporter, { title: 'Dealing by the bins of number 7', categoryCode: 'DRUGS', anonymous: true });
      for (const key of ['y', 'z', 'a']) {
        const recorded = await t.gql.ok<{ recordAnalysis: { analysis: { place: string } } }>(
          RECORD_ANALYSIS,
          { input: { problemId: ids[key], offender: 'Two men on bikes', ...place } },
          officer.token,
        );
        expect(recorded.recordAnalysis.analysis).toMatchObject(place);
      }
    });

    it('is hidden from the public for a sensitive or an anonymous problem, shown to officers and the reporter', async () => {
      for (const key of ['y', 'a']) {
        expect(await analysisOf(ids[key])).toBeNull();
        expect(await analysisOf(ids[key], stranger)).toBeNull();
        expect(await analysisOf(ids[key], other)).toBeNull();
        expect(await analysisOf(ids[key], officer)).toMatchObject(place);
        expect(await analysisOf(ids[key], reporter)).toMatchObject(place);
      }
      // Neither sensitive nor anonymous: public.
      expect(await analysisOf(ids.z)).toMatchObject(place);
      expect(await analysisOf(ids.z, stranger)).toMatchObject(place);
    });

    it('is hidden the same way in lists', async () => {
      const { problems } = await t.gql.ok<{ problems: { edges: { node: { id: string; analysis: unknown } }[] } }>(
        `query { problems(first: 100) { edges { node { id analysis { place } } } } }`,
      );
      const shown = problems.edges.filter((e) => e.node.analysis !== null).map((e) => e.node.id);
      expect(name(shown)).toEqual(['z']);
    });
  });

  it('fills the public area of existing problems when the column is added', async () => {
    const migration = MIGRATIONS.find((m) => m.name.startsWith('AddProblemPublicArea'));
    if (!migration) throw new Error('the AddProblemPublicArea migration is missing');
    const runner = t.dataSource.createQueryRunner();
    try {
      await new migration().down(runner);
      await new migration().up(runner);
    } finally {
      await runner.release();
    }
    const rows: { id: string; area_id: string | null; public_area_id: string | null }[] = await t.dataSource.query(
      'SELECT id, area_id, public_area_id FROM problems WHERE id = ANY($1::uuid[])',
      [Object.values(ids)],
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ids.x)).toMatchObject({ area_id: east, public_area_id: west });
    expect(byId.get(ids.y)).toMatchObject({ area_id: east, public_area_id: west });
    for (const key of ['z', 'w', 'a']) expect(byId.get(ids[key])).toMatchObject({ area_id: east, public_area_id: east });
    expect(await areaOf(ids.y)).toBe(west);
  });
});

const PROBLEM = `query ($id: ID!) { problem(id: $id) { id location { lat lng } area { id } analysis { offender place } } }`;
const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }`;
const LIST = `query ($filter: ProblemFilter, $first: Int) { problems(filter: $filter, first: $first) { totalCount edges { node { id } } } }`;
const LOCAL_TEAM = `query ($location: LatLngInput!) { localTeam(location: $location) { area { id } priorities { id } } }`;
const CREATE_AREA = `mutation ($input: CreateAreaInput!) { createArea(input: $input) { id } }`;
const CHANGE_STATUS = `mutation ($input: ChangeProblemStatusInput!) { changeProblemStatus(input: $input) { id } }`;
const RECORD_ANALYSIS = `mutation ($input: RecordAnalysisInput!) { recordAnalysis(input: $input) { id analysis { offender place } } }`;
const UPDATE_CATEGORY = `mutation ($input: UpdateCategoryInput!) { updateCategory(input: $input) { code sensitive } }`;
