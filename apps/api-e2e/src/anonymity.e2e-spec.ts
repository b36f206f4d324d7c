import { Role } from '@common-ground/shared/auth';
import { TestApp, TestUser } from './support/test-app';

/**
 * Anonymity, differentially: two databases live through the same history, step for step, except
 * that in one the two reporters chose `anonymous`. Every answer any viewer gets (problems, lists
 * in every order, solutions, the local team, similar problems, timeline pages, the answers and
 * errors of mutations) must be the same in both — with ids, times and cursors put in canonical
 * form — except the `anonymous` flag, the `reporter` of those problems and the actor of their
 * REPORTED events, and (an anonymous report's analysis being for officers and the reporter only)
 * the analysis of the non-sensitive anonymous problem for everyone else.
 */

const CENTRE = { lat: 53.4808, lng: -2.2426 };
const R = 6_378_168;
const offset = (metresNorth: number, metresEast: number) => ({
  lat: CENTRE.lat + (metresNorth / R) * (180 / Math.PI),
  lng: CENTRE.lng + ((metresEast / R) * (180 / Math.PI)) / Math.cos((CENTRE.lat * Math.PI) / 180),
});

/** Kinds no path of the platform writes yet (no lib records them); every other kind must occur below. */
const NOT_WRITTEN_BY_ANY_PATH = ['AREA_ASSIGNED'];

const PEOPLE = {
  ria: { displayName: 'Officer Ria (reports)', roles: [Role.OFFICER] },
  rob: { displayName: 'Rob Resident (reports)', roles: [] },
  olu: { displayName: 'Officer Olu', roles: [Role.OFFICER] },
  sam: { displayName: 'Sam Supporter', roles: [] },
  rosa: { displayName: 'Rosa Proposer', roles: [] },
  other: { displayName: 'Otto Other', roles: [] },
  stranger: { displayName: 'Stella Stranger', roles: [] },
  moderator: { displayName: 'Mo Moderator', roles: [Role.MODERATOR] },
  supervisor: { displayName: 'Sergeant Sue', roles: [Role.SUPERVISOR] },
  admin: { displayName: 'Ada Admin', roles: [Role.ADMIN] },
} as const;
type Person = keyof typeof PEOPLE;
type Viewer = Person | 'nobody';
const VIEWERS: Viewer[] = ['nobody', ...(Object.keys(PEOPLE) as Person[])];
const OFFICERS: Viewer[] = ['ria', 'olu', 'supervisor', 'admin'];

/** The problems whose reporters are anonymous in one world, and who reported each. */
const TWINS = { p1: 'ria', p2: 'rob' } as const;
type Twin = keyof typeof TWINS;

interface World {
  t: TestApp;
  users: Record<Person, TestUser>;
  /** Known ids to canonical labels. */
  labels: Map<string, string>;
  ids: Record<string, string>;
}

async function buildWorld(anonymous: boolean): Promise<World> {
  const t = await TestApp.start();
  const users = {} as Record<Person, TestUser>;
  for (const [key, person] of Object.entries(PEOPLE) as [Person, (typeof PEOPLE)[Person]][]) {
    users[key] = await t.make.users.withRoles([...person.roles], { displayName: person.displayName, email: `${key}@anonymity.example` });
  }
  const ids: Record<string, string> = {};
  const as = (who: Person) => users[who].token;
  const ok = <T>(query: string, variables: Record<string, unknown>, who: Person) => t.gql.ok<T>(query, variables, as(who));

  const ring = [offset(-3000, -3000), offset(-3000, 3000), offset(3000, 3000), offset(3000, -3000)];
  ids.area = (
    await t.gql.ok<{ createArea: { id: string } }>(CREATE_AREA, { input: { name: 'Ancoats', boundary: [...ring, ring[0]] } }, as('admin'))
  ).createArea.id;
  await ok(ASSIGN_OFFICER, { input: { areaId: ids.area, userId: users.olu.id } }, 'supervisor');

  const report = async (key: string, who: Person, input: Record<string, unknown>) => {
    const data = await ok<{ reportProblem: { id: string } }>(
      REPORT,
      { input: { description: 'Every evening, for weeks now.', address: '3 Canal Street', ...input } },
      who,
    );
    ids[key] = data.reportProblem.id;
  };
  // The twins: one reported by an officer (who then also runs its cycle), one by a resident.
  await report('p1', 'ria', { title: 'Fights outside the late bar', categoryCode: 'VIOLENCE', location: offset(120, 80), anonymous });
  await report('p2', 'rob', { title: 'Fights by the bus shelter at night', categoryCode: 'ANTISOCIAL_BEHAVIOUR', location: offset(-200, 40), anonymous });
  await report('d1', 'other', { title: 'Fighting outside the bar on Canal Street', categoryCode: 'VIOLENCE', location: offset(130, 90) });
  await report('d2', 'other', { title: 'Gangs fighting at the bus shelter', categoryCode: 'ANTISOCIAL_BEHAVIOUR', location: offset(-210, 30) });
  await report('c1', 'other', { title: 'Violence around the late bars', categoryCode: 'VIOLENCE', location: offset(150, 60) });
  await report('c2', 'other', { title: 'Trouble around the bus station', categoryCode: 'ANTISOCIAL_BEHAVIOUR', location: offset(-230, 60) });

  const officerFor: Record<Twin, Person> = { p1: 'ria', p2: 'olu' };
  for (const twin of Object.keys(TWINS) as Twin[]) {
    const reporter = TWINS[twin];
    const officer = officerFor[twin];
    const problemId = ids[twin];
    await ok(SUPPORT, { problemId }, 'sam');
    await ok(SUPPORT, { problemId }, 'stranger');
    await ok(WITHDRAW, { problemId }, 'stranger');
    ids[`${twin}.ownSolution`] = (
      await ok<{ proposeSolution: { id: string } }>(
        PROPOSE,
        {
          input: {
            problemId,
            title: 'Door staff until closing',
            description: 'Licensing condition for the bars.',
            capacityNeeds: [{ kind: 'VOLUNTEER_HOURS', quantity: 10, unit: 'hours' }],
          },
        },
        reporter,
      )
    ).proposeSolution.id;
    ids[`${twin}.rosaSolution`] = (
      await ok<{ proposeSolution: { id: string } }>(
        PROPOSE,
        { input: { problemId, title: 'Better lighting', description: 'Brighter lamps along the street.' } },
        'rosa',
      )
    ).proposeSolution.id;
    ids[`${twin}.ownComment`] = (
      await ok<{ addComment: { id: string } }>(ADD_COMMENT, { input: { problemId, body: 'It happens every Friday.' } }, reporter)
    ).addComment.id;
    ids[`${twin}.reply`] = (
      await ok<{ addComment: { id: string } }>(ADD_COMMENT, { input: { problemId, parentId: ids[`${twin}.ownComment`], body: 'Saturdays too.' } }, 'rosa')
    ).addComment.id;
    ids[`${twin}.officialComment`] = (
      await ok<{ addComment: { id: string } }>(ADD_COMMENT, { input: { problemId, body: 'We are looking into it.' } }, officer)
    ).addComment.id;
    ids[`${twin}.solutionComment`] = (
      await ok<{ addComment: { id: string } }>(ADD_COMMENT, { input: { solutionId: ids[`${twin}.rosaSolution`], body: 'Lamps alone will not do.' } }, reporter)
    ).addComment.id;
    await ok(CAST_VOTE, { input: { solutionId: ids[`${twin}.ownSolution`], value: 'UP' } }, 'rosa');
    await ok(CAST_VOTE, { input: { solutionId: ids[`${twin}.rosaSolution`], value: 'DOWN' } }, reporter);
    await ok(CAST_VOTE, { input: { solutionId: ids[`${twin}.rosaSolution`], value: 'UP' } }, 'sam');
    // Pledges: the reporter's money (matched by a fund's offer), hours delivered, money withdrawn,
    // and a pledge released when its solution is rejected.
    ids.fund ??= (
      await ok<{ createOrganisation: { id: string } }>(CREATE_ORGANISATION, { input: { name: 'Canal Street Fund', description: 'Local traders.' } }, 'other')
    ).createOrganisation.id;
    await ok(
      OFFER_MATCH,
      { input: { solutionId: ids[`${twin}.rosaSolution`], organisationId: ids.fund, cap: { amountMinor: 1500, currency: 'GBP' } } },
      'other',
    );
    const pledge = async (key: string, input: Record<string, unknown>) => {
      ids[`${twin}.${key}`] = (await ok<{ createPledge: { id: string } }>(CREATE_PLEDGE, { input }, reporter)).createPledge.id;
    };
    await pledge('money', {
      solutionId: ids[`${twin}.rosaSolution`],
      kind: 'FUNDING',
      amount: { amountMinor: 1000, currency: 'GBP' },
      note: 'From the street',
    });
    await pledge('hours', { solutionId: ids[`${twin}.ownSolution`], kind: 'CAPACITY', capacity: { kind: 'VOLUNTEER_HOURS', quantity: 4 } });
    await ok(MARK_FULFILLED, { input: { pledgeId: ids[`${twin}.hours`], evidence: 'Signed in at the door' } }, officer);
    await pledge('gone', { solutionId: ids[`${twin}.ownSolution`], kind: 'FUNDING', amount: { amountMinor: 500, currency: 'GBP' } });
    await ok(WITHDRAW_PLEDGE, { pledgeId: ids[`${twin}.gone`] }, reporter);
    ids[`${twin}.doomed`] = (
      await ok<{ proposeSolution: { id: string } }>(
        PROPOSE,
        { input: { problemId, title: 'Close the street at night', description: 'Barriers from 11 pm.' } },
        'rosa',
      )
    ).proposeSolution.id;
    await pledge('released', { solutionId: ids[`${twin}.doomed`], kind: 'FUNDING', amount: { amountMinor: 300, currency: 'GBP' } });
    await ok(CHANGE_SOLUTION_STATUS, { input: { solutionId: ids[`${twin}.doomed`], status: 'REJECTED', note: 'Not workable here' } }, officer);
    await ok(CHANGE_STATUS, { input: { problemId, status: 'SCANNING', note: 'Accepted' } }, officer);
    await ok(CHANGE_STATUS, { input: { problemId, status: 'ANALYSIS' } }, officer);
    await ok(MARK_DUPLICATE, { input: { problemId: ids[twin.replace('p', 'd')], duplicateOfId: problemId } }, officer);
    await ok(
      RECORD_ANALYSIS,
      { input: { problemId, offender: 'Groups leaving the bars', place: 'The doorway of number 3', hypothesis: 'No door staff after midnight' } },
      officer,
    );
    await ok(CHANGE_SOLUTION_STATUS, { input: { solutionId: ids[`${twin}.rosaSolution`], status: 'SHORTLISTED' } }, officer);
    await ok(CHANGE_SOLUTION_STATUS, { input: { solutionId: ids[`${twin}.ownSolution`], status: 'ADOPTED', note: 'Agreed with the licensing team' } }, officer);
    await ok(CHANGE_STATUS, { input: { problemId, status: 'RESPONSE' } }, officer);
    // The response: a lead, an action carried out and reassigned, an assessment, and whether it
    // worked, said by the reporter (anonymous in one world) and a supporter.
    await ok(LEAD, { problemId, officerId: users[officer].id }, officer);
    ids[`${twin}.action`] = (
      await ok<{ createAction: { id: string } }>(
        CREATE_ACTION,
        { input: { problemId, solutionId: ids[`${twin}.ownSolution`], title: 'Agree door staff with the bars', assigneeId: users[officer].id } },
        officer,
      )
    ).createAction.id;
    await ok(UPDATE_ACTION, { input: { actionId: ids[`${twin}.action`], status: 'IN_PROGRESS', progressPercent: 40, note: 'Two bars agreed' } }, officer);
    await ok(ASSIGN_ACTION, { input: { actionId: ids[`${twin}.action`], assigneeId: users.supervisor.id } }, officer);
    await ok(UPDATE_ACTION, { input: { actionId: ids[`${twin}.action`], status: 'DONE', note: 'All four bars' } }, 'supervisor');
    await ok(CHANGE_STATUS, { input: { problemId, status: 'ASSESSMENT' } }, officer);
    await ok(
      ASSESS,
      { input: { problemId, outcome: 'IMPROVED', summary: 'Fewer fights at closing.', metrics: [{ name: 'Fights per month', before: 12, after: 4 }] } },
      officer,
    );
    await ok(RATE, { input: { problemId, worked: 'PARTLY', comment: 'Quieter, but not on Saturdays' } }, reporter);
    await ok(RATE, { input: { problemId, worked: 'YES' } }, 'sam');
    await ok(MARK_DUPLICATE, { input: { problemId, duplicateOfId: ids[twin.replace('p', 'c')] } }, officer);
  }
  // c1 and c2 go on being worked on, so they show in the local team's priorities.
  for (const key of ['c1', 'c2']) {
    await ok(CHANGE_STATUS, { input: { problemId: ids[key], status: 'SCANNING' } }, 'olu');
    await ok(CHANGE_STATUS, { input: { problemId: ids[key], status: 'ANALYSIS' } }, 'olu');
  }

  const labels = new Map<string, string>();
  for (const [key, user] of Object.entries(users)) labels.set(user.id, `user:${key}`);
  for (const [key, id] of Object.entries(ids)) labels.set(id, `id:${key}`);
  return { t, users, labels, ids };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Ids to labels (known ones by name, others by first appearance in this answer), times and
 * cursors to placeholders: what is left must not differ between the worlds.
 */
function canonical(world: World, value: unknown): unknown {
  const unknown = new Map<string, string>();
  const label = (id: string) => world.labels.get(id) ?? unknown.get(id) ?? (unknown.set(id, `other#${unknown.size + 1}`), unknown.get(id) as string);
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      if (key === 'cursor' || key === 'endCursor') return 'CURSOR';
      if (ISO_TIME.test(v)) return 'TIME';
      return v.replace(UUID, (id) => label(id.toLowerCase()));
    }
    if (Array.isArray(v)) return v.map((item) => walk(item));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, k)]));
    return v;
  };
  return walk(value);
}

/**
 * What anonymity is allowed to change in an answer of the open world: the `anonymous` flag of a
 * twin, its reporter and its REPORTED event's actor (unless the viewer reported it), and the
 * analysis of the non-sensitive twin (p2) for viewers who are neither officers nor its reporter.
 */
function anonymised(value: unknown, viewer: Viewer): { value: unknown; changes: number } {
  let changes = 0;
  const twinOf = (id: unknown) => (Object.keys(TWINS) as Twin[]).find((twin) => id === `id:${twin}`);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const copy: Record<string, unknown> = Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item)]));
    const twin = twinOf(copy.id);
    // The choice itself is public.
    if (twin && 'anonymous' in copy) copy.anonymous = true;
    if (twin && viewer !== TWINS[twin]) {
      if ('reporter' in copy && copy.reporter !== null) {
        copy.reporter = null;
        changes++;
      }
      const timeline = copy.timeline as { edges: { node: Record<string, unknown> }[] } | undefined;
      for (const edge of timeline?.edges ?? []) {
        if (edge.node.kind === 'REPORTED' && 'actor' in edge.node && edge.node.actor !== null) {
          edge.node.actor = null;
          changes++;
        }
      }
      if (twin === 'p2' && !OFFICERS.includes(viewer) && 'analysis' in copy && copy.analysis !== null) {
        copy.analysis = null;
        changes++;
      }
    }
    return copy;
  };
  return { value: walk(value), changes };
}

type Vars = (w: World) => Record<string, unknown>;

/** One answer as a viewer got it, in canonical form (see canonical). */
interface Observation {
  viewer: Viewer;
  answer: unknown;
}

/**
 * Everything the viewers ask, in one fixed order (mutations included, so both worlds change
 * alike): the answers by name. The platform keeps one JWT strategy per process, so the worlds
 * run one after the other, each on its own database.
 */
async function observe(world: World): Promise<Map<string, Observation>> {
  const seen = new Map<string, Observation>();
  const ask = async (viewer: Viewer, name: string, query: string, variables: Vars = () => ({})) => {
    const token = viewer === 'nobody' ? undefined : world.users[viewer].token;
    const { status, data, errors } = await world.t.gql.request(query, variables(world), { token });
    const key = `${viewer}: ${name}`;
    if (seen.has(key)) throw new Error(`asked twice: ${key}`);
    seen.set(key, { viewer, answer: canonical(world, { status, data, errors }) });
    return data;
  };

  const { __type } = await world.t.gql.ok<{ __type: { enumValues: { name: string }[] } }>('{ __type(name: "TimelineEventKind") { enumValues { name } } }');
  const kinds = new Set<string>();
  for (const key of ['p1', 'p2', 'd1', 'd2', 'c1', 'c2']) {
    const { problem } = await world.t.gql.ok<{ problem: { timeline: { edges: { node: { kind: string } }[] } } }>(
      'query ($id: ID!) { problem(id: $id) { timeline(first: 100) { edges { node { kind } } } } }',
      { id: world.ids[key] },
    );
    for (const edge of problem.timeline.edges) kinds.add(edge.node.kind);
  }
  seen.set('kinds', { viewer: 'nobody', answer: { all: __type.enumValues.map((v) => v.name).sort(), written: [...kinds].sort() } });

  const near = { ...CENTRE, radiusMeters: 2000 };
  const lists: [string, Vars][] = [
    ['newest', () => ({})],
    ['most supported', () => ({ orderBy: 'MOST_SUPPORTED' })],
    ['priority', () => ({ orderBy: 'PRIORITY' })],
    ['nearest', () => ({ orderBy: 'NEAREST', filter: { near } })],
    ['near, duplicates', () => ({ filter: { near, statuses: ['DUPLICATE'] } })],
    ['search', () => ({ filter: { search: 'fights' } })],
    ['categories and statuses', () => ({ filter: { categoryCodes: ['VIOLENCE'], statuses: ['DUPLICATE', 'ANALYSIS'] } })],
    ['short page', () => ({ orderBy: 'MOST_SUPPORTED', first: 2 })],
    ['area', (w) => ({ filter: { areaId: w.ids.area } })],
  ];

  for (const viewer of VIEWERS) {
    for (const key of ['p1', 'p2', 'd1', 'd2', 'c1', 'c2']) await ask(viewer, `problem ${key}`, PROBLEM, (w) => ({ id: w.ids[key] }));
    for (const twin of Object.keys(TWINS) as Twin[]) {
      for (const solution of ['ownSolution', 'rosaSolution', 'doomed']) {
        await ask(viewer, `solution ${twin}.${solution}`, SOLUTION, (w) => ({ id: w.ids[`${twin}.${solution}`] }));
      }
    }
    for (const [name, variables] of lists) await ask(viewer, `list ${name}`, LIST, variables);
    await ask(viewer, 'local team', LOCAL_TEAM, () => ({ location: CENTRE }));
    await ask(viewer, 'similar', SIMILAR, () => ({ title: 'Violence around the late bars', location: offset(120, 80) }));
    for (const twin of Object.keys(TWINS) as Twin[]) {
      let after: string | null = null;
      for (let page = 1; page <= 20; page++) {
        const data = (await ask(viewer, `timeline ${twin} page ${page}`, TIMELINE_PAGE, (w) => ({ id: w.ids[twin], after }))) as {
          problem: { timeline: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
        };
        if (!data.problem.timeline.pageInfo.hasNextPage) break;
        after = data.problem.timeline.pageInfo.endCursor;
      }
    }
    // Mutations, and the errors they meet: the same history and answers in both worlds.
    await ask(viewer, 'mutation: support c1', SUPPORT, (w) => ({ problemId: w.ids.c1 }));
    await ask(viewer, 'mutation: support p1 (a duplicate)', SUPPORT, (w) => ({ problemId: w.ids.p1 }));
    await ask(viewer, 'mutation: withdraw p2', WITHDRAW, (w) => ({ problemId: w.ids.p2 }));
    await ask(viewer, 'mutation: comment in the wrong thread', ADD_COMMENT_FULL, (w) => ({
      input: { problemId: w.ids.p1, parentId: w.ids['p2.ownComment'], body: 'Wrong thread' },
    }));
    await ask(viewer, 'mutation: reply to a reply', ADD_COMMENT_FULL, (w) => ({
      input: { problemId: w.ids.p1, parentId: w.ids['p1.reply'], body: 'A reply to a reply' },
    }));
    await ask(viewer, 'mutation: comment on c1', ADD_COMMENT_FULL, (w) => ({ input: { problemId: w.ids.c1, body: `Seen it too (${viewer})` } }));
    await ask(viewer, 'mutation: propose on a duplicate', PROPOSE_FULL, (w) => ({
      input: { problemId: w.ids.p1, title: 'Too late', description: 'It is a duplicate.' },
    }));
    await ask(viewer, 'mutation: vote', CAST_VOTE_FULL, (w) => ({ input: { solutionId: w.ids['p1.ownSolution'], value: 'DOWN' } }));
    await ask(viewer, 'mutation: pledge', CREATE_PLEDGE_FULL, (w) => ({
      input: { solutionId: w.ids['p1.rosaSolution'], kind: 'FUNDING', amount: { amountMinor: 200, currency: 'GBP' } },
    }));
    await ask(viewer, 'mutation: withdraw the reporter’s pledge', WITHDRAW_PLEDGE_FULL, (w) => ({ pledgeId: w.ids['p1.money'] }));
    await ask(viewer, 'mutation: resolve p1', CHANGE_STATUS_FULL, (w) => ({ input: { problemId: w.ids.p1, status: 'RESOLVED' } }));
    await ask(viewer, 'mutation: mark p2 again', MARK_DUPLICATE_FULL, (w) => ({ input: { problemId: w.ids.p2, duplicateOfId: w.ids.c2 } }));
    await ask(viewer, 'mutation: analyse p1', RECORD_ANALYSIS_FULL, (w) => ({ input: { problemId: w.ids.p1, victim: 'Late-night staff' } }));
    await ask(viewer, 'mutation: rate p1', RATE_FULL, (w) => ({ input: { problemId: w.ids.p1, worked: 'NO', comment: `No (${viewer})` } }));
    await ask(viewer, 'mutation: update the p2 action', UPDATE_ACTION_FULL, (w) => ({ input: { actionId: w.ids['p2.action'], note: `Seen (${viewer})` } }));
    for (const key of ['p1', 'p2', 'c1', 'c2']) await ask(viewer, `problem ${key} afterwards`, PROBLEM, (w) => ({ id: w.ids[key] }));
  }
  return seen;
}

describe('anonymity: an anonymous problem answers as its open twin, but for who reported it', () => {
  let anon: Map<string, Observation>;
  let open: Map<string, Observation>;

  beforeAll(async () => {
    for (const anonymous of [true, false]) {
      const world = await buildWorld(anonymous);
      try {
        const observed = await observe(world);
        if (anonymous) anon = observed;
        else open = observed;
      } finally {
        await world.t.close();
      }
    }
  }, 600_000);

  it('has lived through every kind of event the platform writes, in both worlds', () => {
    for (const world of [anon, open]) {
      const { all, written } = world.get('kinds')?.answer as { all: string[]; written: string[] };
      expect(written).toEqual(all.filter((kind) => !NOT_WRITTEN_BY_ANY_PATH.includes(kind)));
      expect(written).toEqual(expect.arrayContaining(['REPORTED', 'SOLUTION_PROPOSED', 'OFFICIAL_RESPONSE', 'MARKED_DUPLICATE', 'DUPLICATE_MERGED']));
    }
  });

  it('asked both worlds the same questions, and every read was answered', () => {
    expect([...anon.keys()]).toEqual([...open.keys()]);
    expect(anon.size).toBeGreaterThan(VIEWERS.length * 40);
    for (const world of [anon, open]) {
      const failed = [...world].filter(([name, o]) => !name.includes('mutation: ') && (o.answer as { errors?: unknown }).errors);
      expect(failed).toEqual([]);
      // Mutations met both successes and errors.
      const mutations = [...world].filter(([name]) => name.includes('mutation: ')).map(([, o]) => !(o.answer as { errors?: unknown }).errors);
      expect(mutations.filter(Boolean).length).toBeGreaterThan(20);
      expect(mutations.filter((succeeded) => !succeeded).length).toBeGreaterThan(20);
    }
  });

  it.each(VIEWERS)('answers %s the same, but for who reported the twins', (viewer) => {
    let changes = 0;
    for (const [name, observed] of open) {
      if (observed.viewer !== viewer || name === 'kinds') continue;
      const expected = anonymised(observed.answer, viewer);
      changes += expected.changes;
      expect({ name, answer: anon.get(name)?.answer }).toEqual({ name, answer: expected.value });
    }
    // Not vacuous: the open world named the reporters where the anonymous one may not.
    expect(changes).toBeGreaterThan(viewer === 'ria' || viewer === 'rob' ? 0 : 8);
  });

  it('withholds only the REPORTED actor: every other event shows who did it', () => {
    const timeline = (
      anon.get('nobody: problem p1')?.answer as { data: { problem: { timeline: { edges: { node: { kind: string; actor: { id: string } | null } }[] } } } }
    ).data.problem.timeline.edges.map((e) => e.node);
    expect(timeline.filter((node) => node.actor === null).map((node) => node.kind)).toEqual(['REPORTED']);
    // The officer who reported p1 proposed, answered officially, changed its status, analysed
    // it, merged it, pledged, confirmed a delivery, withdrew a pledge, rejected a solution
    // (releasing its pledges), led it, planned and updated its action and assessed it: each shown
    // as on any problem.
    const byReporter = timeline.filter((node) => node.actor?.id === 'user:ria').map((node) => node.kind);
    expect(new Set(byReporter)).toEqual(
      new Set([
        'SOLUTION_PROPOSED',
        'OFFICIAL_RESPONSE',
        'STATUS_CHANGED',
        'DUPLICATE_MERGED',
        'ANALYSIS_RECORDED',
        'SOLUTION_STATUS_CHANGED',
        'SOLUTION_ADOPTED',
        'MARKED_DUPLICATE',
        'PLEDGE_MADE',
        'PLEDGE_FULFILLED',
        'PLEDGE_WITHDRAWN',
        'PLEDGE_RELEASED',
        'LEAD_ASSIGNED',
        'ACTION_CREATED',
        'ACTION_UPDATED',
        'ACTION_ASSIGNED',
        'ASSESSED',
      ]),
    );
  });

  it('shows the reporter, and only the reporter, who reported', () => {
    type Answer = { data: { problem: { reporter: { id: string } | null; timeline: { edges: { node: { kind: string; actor: { id: string } | null } }[] } } } };
    for (const twin of Object.keys(TWINS) as Twin[]) {
      const reporter = TWINS[twin];
      for (const viewer of VIEWERS) {
        const { problem } = (anon.get(`${viewer}: problem ${twin}`)?.answer as Answer).data;
        const expected = viewer === reporter ? { id: `user:${reporter}` } : null;
        expect(problem.reporter === null ? null : { id: problem.reporter.id }).toEqual(expected);
        expect(problem.timeline.edges[0].node.kind).toBe('REPORTED');
        expect(problem.timeline.edges[0].node.actor === null ? null : { id: problem.timeline.edges[0].node.actor.id }).toEqual(expected);
      }
    }
  });
});

const USER = 'id displayName roles email';
const PLEDGE_FIELDS = `id kind status note isMatch evidence createdAt fulfilledAt amount { amountMinor currency } capacity { kind quantity unit needId }
  pledgedBy { ${USER} } organisation { id } matchOf { id pledgedBy { id } } history { at fromStatus toStatus note actor { ${USER} } }`;
const TIMELINE = `timeline(first: 50) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id at kind note fromStatus toStatus subjectId actor { ${USER} } } } }`;
const COMMENTS = `comments(first: 20) { totalCount edges { node { id body official hidden createdAt author { ${USER} } parent { id author { id } } } } }`;
const SOLUTION_FIELDS = `id title description status statusNote upVotes downVotes score viewerVote hidden createdAt updatedAt
  proposer { ${USER} } organisation { id } capacityNeeds { id kind quantity unit pledged fulfilled } ${COMMENTS}`;
const SOLUTION_PLEDGES = `fundingPledged { amountMinor currency } fundingFulfilled { amountMinor currency }
  matchOffers { id organisation { id } cap { amountMinor } ratio matched { amountMinor } createdAt }
  pledges(first: 20) { totalCount edges { node { ${PLEDGE_FIELDS} } } }`;
const ACTION_FIELDS = `id title status progressPercent visibility overdue assignee { ${USER} } organisation { id }
  updates { note status progressPercent author { ${USER} } }`;
const PROBLEM_FIELDS = `id title description status statusNote anonymous supportCount viewerSupports address progressPercent hidden
  reportedAt updatedAt statusChangedAt location { lat lng } area { id name } category { code sensitive }
  reporter { ${USER} } analysis { offender victim place handler guardian manager hypothesis recordedAt updatedAt }
  duplicateOf { id anonymous status reporter { id } }
  lead { ${USER} }
  actions { ${ACTION_FIELDS} }
  assessment { outcome summary current metrics { name before after unit period } assessedBy { ${USER} } }
  outcomeRatings { worked count } ratingComments { worked comment day } viewerRating { worked comment }
  ${TIMELINE}
  solutions(first: 10) { totalCount edges { node { ${SOLUTION_FIELDS} } } }
  ${COMMENTS}`;
const PROBLEM = `query ($id: ID!) { problem(id: $id) { ${PROBLEM_FIELDS} } }`;
const SOLUTION = `query ($id: ID!) { solution(id: $id) { ${SOLUTION_FIELDS} ${SOLUTION_PLEDGES} problem { id anonymous reporter { ${USER} } ${TIMELINE} } } }`;
const LIST_FIELDS = `id title status anonymous supportCount viewerSupports address location { lat lng } area { id } reporter { ${USER} }
  analysis { offender place } duplicateOf { id reporter { id } }
  timeline(first: 30) { totalCount edges { node { kind subjectId actor { ${USER} } } } }
  solutions(first: 5) { totalCount edges { node { id proposer { id } } } }`;
const LIST = `query ($filter: ProblemFilter, $orderBy: ProblemOrder, $first: Int, $after: String) {
  problems(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${LIST_FIELDS} } } } }`;
const LOCAL_TEAM = `query ($location: LatLngInput!) { localTeam(location: $location) { area { id name } officers { ${USER} } priorities { ${LIST_FIELDS} } } }`;
const SIMILAR = `query ($title: String!, $location: LatLngInput!) { similarProblems(title: $title, location: $location) { ${LIST_FIELDS} } }`;
const TIMELINE_PAGE = `query ($id: ID!, $after: String) { problem(id: $id) { id timeline(first: 3, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind subjectId note actor { ${USER} } } } } } }`;
const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }`;
const SUPPORT = `mutation ($problemId: ID!) { supportProblem(problemId: $problemId) { ${LIST_FIELDS} } }`;
const WITHDRAW = `mutation ($problemId: ID!) { withdrawSupport(problemId: $problemId) { ${LIST_FIELDS} } }`;
const PROPOSE = `mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id } }`;
const PROPOSE_FULL = `mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { ${SOLUTION_FIELDS} } }`;
const ADD_COMMENT = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`;
const ADD_COMMENT_FULL = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id body official author { ${USER} } } }`;
const CAST_VOTE = `mutation ($input: CastVoteInput!) { castVote(input: $input) { id } }`;
const CAST_VOTE_FULL = `mutation ($input: CastVoteInput!) { castVote(input: $input) { ${SOLUTION_FIELDS} } }`;
const CHANGE_STATUS = `mutation ($input: ChangeProblemStatusInput!) { changeProblemStatus(input: $input) { id } }`;
const CHANGE_STATUS_FULL = `mutation ($input: ChangeProblemStatusInput!) { changeProblemStatus(input: $input) { ${LIST_FIELDS} } }`;
const MARK_DUPLICATE = `mutation ($input: MarkDuplicateInput!) { markDuplicate(input: $input) { id } }`;
const MARK_DUPLICATE_FULL = `mutation ($input: MarkDuplicateInput!) { markDuplicate(input: $input) { ${LIST_FIELDS} } }`;
const RECORD_ANALYSIS = `mutation ($input: RecordAnalysisInput!) { recordAnalysis(input: $input) { id } }`;
const RECORD_ANALYSIS_FULL = `mutation ($input: RecordAnalysisInput!) { recordAnalysis(input: $input) { ${LIST_FIELDS} } }`;
const CHANGE_SOLUTION_STATUS = `mutation ($input: ChangeSolutionStatusInput!) { changeSolutionStatus(input: $input) { id } }`;
const LEAD = `mutation ($problemId: ID!, $officerId: ID!) { assignProblemLead(problemId: $problemId, officerId: $officerId) { id } }`;
const CREATE_ACTION = `mutation ($input: CreateActionInput!) { createAction(input: $input) { id } }`;
const UPDATE_ACTION = `mutation ($input: UpdateActionInput!) { updateAction(input: $input) { id } }`;
const UPDATE_ACTION_FULL = `mutation ($input: UpdateActionInput!) { updateAction(input: $input) { ${ACTION_FIELDS} } }`;
const ASSIGN_ACTION = `mutation ($input: AssignActionInput!) { assignAction(input: $input) { id } }`;
const ASSESS = `mutation ($input: AssessProblemInput!) { assessProblem(input: $input) { id } }`;
const RATE = `mutation ($input: RateOutcomeInput!) { rateOutcome(input: $input) { id } }`;
const RATE_FULL = `mutation ($input: RateOutcomeInput!) { rateOutcome(input: $input) { ${PROBLEM_FIELDS} } }`;
const CREATE_AREA = `mutation ($input: CreateAreaInput!) { createArea(input: $input) { id } }`;
const CREATE_ORGANISATION = `mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }`;
const OFFER_MATCH = `mutation ($input: OfferMatchFundingInput!) { offerMatchFunding(input: $input) { id } }`;
const CREATE_PLEDGE = `mutation ($input: CreatePledgeInput!) { createPledge(input: $input) { id } }`;
const CREATE_PLEDGE_FULL = `mutation ($input: CreatePledgeInput!) { createPledge(input: $input) { ${PLEDGE_FIELDS} solution { id fundingPledged { amountMinor } } } }`;
const WITHDRAW_PLEDGE = `mutation ($pledgeId: ID!) { withdrawPledge(pledgeId: $pledgeId) { id } }`;
const WITHDRAW_PLEDGE_FULL = `mutation ($pledgeId: ID!) { withdrawPledge(pledgeId: $pledgeId) { ${PLEDGE_FIELDS} } }`;
const MARK_FULFILLED = `mutation ($input: MarkPledgeFulfilledInput!) { markPledgeFulfilled(input: $input) { id } }`;
const ASSIGN_OFFICER = `mutation ($input: AssignOfficerInput!) { assignOfficerToArea(input: $input) { id } }`;
