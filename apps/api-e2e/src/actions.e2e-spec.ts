import { Role } from '@common-ground/shared/auth';
import { FactoryArea, FactoryOrganisation, FactoryProblem, GraphQLErrorShape, north } from '@common-ground/shared/testing';
import { TestApp, TestUser } from './support/test-app';

const UNKNOWN_ID = '01890000-0000-7000-8000-000000000000';
const DAY = 24 * 3600 * 1000;

describe('police actions, leads, assessments and outcome ratings', () => {
  let t: TestApp;
  let admin: TestUser;
  let supervisor: TestUser;
  let officer: TestUser;
  let otherOfficer: TestUser;
  let moderator: TestUser;
  let resident: TestUser;
  let neighbour: TestUser;
  /** Owner of a partner agency, and a member of it. */
  let agencyOwner: TestUser;
  let agencyMember: TestUser;
  /** Owner of a community organisation that proposes solutions, and a member of it. */
  let groupOwner: TestUser;
  let groupMember: TestUser;
  /** Owner of an organisation with nothing to do with the problems. */
  let outsider: TestUser;
  let agency: FactoryOrganisation;
  let group: FactoryOrganisation;
  let otherGroup: FactoryOrganisation;
  let area: FactoryArea;
  const centre = { lat: 52.4862, lng: -1.8904 };

  const codeOf = (error?: GraphQLErrorShape) => error?.extensions?.code;
  const reasonOf = (error?: GraphQLErrorShape) => error?.extensions?.reason;
  const fieldsOf = (error?: GraphQLErrorShape) => ((error?.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field);

  /** A fresh problem walked to `status` (past ANALYSIS: with an adopted solution proposed by the group). */
  const problemIn = (status: 'REPORTED' | 'ANALYSIS' | 'RESPONSE' | 'ASSESSMENT' | 'RESOLVED' | 'REJECTED', reporter: TestUser = resident) =>
    t.make.problems
      .by(reporter)
      .in(area)
      .handledBy(officer)
      .withSolution({ title: 'Light the alley', description: 'Two lamps.', by: groupOwner, organisation: group })
      .inStatus(status);

  const request = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, user?: TestUser) =>
    t.gql.request<T>(query, variables, { token: user?.token });
  const errorOf = async (query: string, variables: Record<string, unknown>, user?: TestUser) => (await request(query, variables, user)).errors?.[0];

  const createAction = (user: TestUser | undefined, input: Record<string, unknown>) => request<{ createAction: Action }>(CREATE_ACTION, { input }, user);
  const updateAction = (user: TestUser | undefined, input: Record<string, unknown>) => request<{ updateAction: Action }>(UPDATE_ACTION, { input }, user);
  const assignAction = (user: TestUser | undefined, input: Record<string, unknown>) => request<{ assignAction: Action }>(ASSIGN_ACTION, { input }, user);
  const move = (user: TestUser, problemId: string, status: string, note?: string) =>
    request<{ changeProblemStatus: { status: string; progressPercent: number } }>(CHANGE_STATUS, { input: { problemId, status, note } }, user);
  const viewProblem = async (id: string, user?: TestUser) => (await t.gql.ok<{ problem: ProblemView }>(PROBLEM_ACTIONS, { id }, user?.token)).problem;
  const viewAction = async (id: string, user?: TestUser) => (await t.gql.ok<{ action: Action | null }>(ACTION, { id }, user?.token)).action;
  const list = (user: TestUser | undefined, filter: Record<string, unknown> = {}, first = 20, after?: string) =>
    request<{ actions: { edges: { node: Action }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number } }>(
      ACTIONS,
      { filter, first, after },
      user,
    );

  beforeAll(async () => {
    t = await TestApp.start();
    ({ admin, supervisor, officer, moderator, resident, neighbour } = await t.make.users.cast());
    otherOfficer = await t.make.users.officer({ displayName: 'Olive Otherofficer' });
    [agencyOwner, agencyMember, groupOwner, groupMember, outsider] = await Promise.all([
      t.make.users.resident({ displayName: 'Agnes Agency' }),
      t.make.users.resident({ displayName: 'Amir Agency' }),
      t.make.users.resident({ displayName: 'Greta Group' }),
      t.make.users.resident({ displayName: 'Gus Group' }),
      t.make.users.resident({ displayName: 'Otto Outsider' }),
    ]);
    area = await t.make.areas.by(admin).named('Digbeth').around(centre, 3000).create();
    await t.make.areas.assign(area, officer, supervisor);
    agency = await t.make.organisations.partnerAgency(agencyOwner, { name: 'City Council Housing' }, admin);
    await t.make.organisations.addMember(agency, agencyMember);
    group = await t.make.organisations.create(groupOwner, { name: 'Digbeth Residents Group' });
    await t.make.organisations.addMember(group, groupMember);
    otherGroup = await t.make.organisations.create(outsider, { name: 'Elsewhere Allotments', kind: 'COMMUNITY' });
  });
  afterAll(() => t.close());

  describe('organisation kinds', () => {
    it('creates COMMUNITY organisations by default and BUSINESS ones on request', async () => {
      const { organisation } = await t.gql.ok<{ organisation: { kind: string } }>(ORGANISATION, { id: group.id });
      expect(organisation.kind).toBe('COMMUNITY');
      const shop = await t.make.organisations.create(neighbour, { name: 'Corner Shop Ltd', kind: 'BUSINESS' });
      expect((await t.gql.ok<{ organisation: { kind: string } }>(ORGANISATION, { id: shop.id })).organisation.kind).toBe('BUSINESS');
    });

    it('refuses PARTNER_AGENCY at creation, for anyone (an admin sets it)', async () => {
      for (const user of [resident, admin]) {
        const error = await errorOf(CREATE_ORGANISATION, { input: { name: `Self-declared agency ${user.id}`, description: '', kind: 'PARTNER_AGENCY' } }, user);
        expect([codeOf(error), reasonOf(error), fieldsOf(error)]).toEqual(['BAD_USER_INPUT', 'PARTNER_AGENCY_SET_BY_ADMIN', ['input.kind']]);
      }
    });

    it.each([Role.RESIDENT, Role.OFFICER, Role.SUPERVISOR, Role.MODERATOR])('lets only an ADMIN set the kind (not a %s)', async (role) => {
      const user = await t.user({ roles: [role] });
      const error = await errorOf(SET_KIND, { input: { organisationId: otherGroup.id, kind: 'PARTNER_AGENCY' } }, user);
      expect(codeOf(error)).toBe('FORBIDDEN');
      expect((await t.gql.ok<{ organisation: { kind: string } }>(ORGANISATION, { id: otherGroup.id })).organisation.kind).toBe('COMMUNITY');
    });

    it('answers NOT_FOUND for an unknown organisation and UNAUTHENTICATED without a token', async () => {
      expect(reasonOf(await errorOf(SET_KIND, { input: { organisationId: UNKNOWN_ID, kind: 'BUSINESS' } }, admin))).toBe('ORGANISATION_NOT_FOUND');
      expect(codeOf(await errorOf(SET_KIND, { input: { organisationId: otherGroup.id, kind: 'BUSINESS' } }))).toBe('UNAUTHENTICATED');
      const { organisation } = await t.gql.ok<{ organisation: { kind: string } }>(ORGANISATION, { id: agency.id });
      expect(organisation.kind).toBe('PARTNER_AGENCY');
    });
  });

  describe('assignProblemLead, me.areas and the queue', () => {
    it('lets an officer take the lead themselves, on the timeline', async () => {
      const problem = await problemIn('ANALYSIS');
      const { data } = await request<{ assignProblemLead: { lead: { id: string } } }>(LEAD, { problemId: problem.id, officerId: officer.id }, officer);
      expect(data?.assignProblemLead.lead).toEqual({ id: officer.id });
      const viewed = await viewProblem(problem.id);
      expect(viewed.lead).toEqual({ id: officer.id, displayName: officer.displayName });
      expect(viewed.timeline.edges.map((e) => e.node).find((e) => e.kind === 'LEAD_ASSIGNED')).toMatchObject({
        actor: { id: officer.id },
        subjectId: officer.id,
      });
    });

    it('refuses an officer naming someone else (LEAD_SELF_ONLY) or taking a problem another leads (PROBLEM_ALREADY_LED); a supervisor reassigns', async () => {
      const problem = await problemIn('REPORTED');
      expect(reasonOf(await errorOf(LEAD, { problemId: problem.id, officerId: otherOfficer.id }, officer))).toBe('LEAD_SELF_ONLY');
      await t.make.actions.lead(problem, otherOfficer);
      const taken = await errorOf(LEAD, { problemId: problem.id, officerId: officer.id }, officer);
      expect([codeOf(taken), reasonOf(taken)]).toEqual(['CONFLICT', 'PROBLEM_ALREADY_LED']);
      expect((await viewProblem(problem.id)).lead?.id).toBe(otherOfficer.id);
      await t.make.actions.lead(problem, officer, supervisor);
      expect((await viewProblem(problem.id)).lead?.id).toBe(officer.id);
      // Taking what you already lead changes nothing and is not an error.
      expect((await request(LEAD, { problemId: problem.id, officerId: officer.id }, officer)).errors).toBeUndefined();
    });

    it.each([Role.RESIDENT, Role.MODERATOR])('refuses a %s with FORBIDDEN and a caller without a token with UNAUTHENTICATED', async (role) => {
      const problem = await problemIn('REPORTED');
      const user = await t.user({ roles: [role] });
      expect(codeOf(await errorOf(LEAD, { problemId: problem.id, officerId: officer.id }, user))).toBe('FORBIDDEN');
      expect(codeOf(await errorOf(LEAD, { problemId: problem.id, officerId: officer.id }))).toBe('UNAUTHENTICATED');
      expect((await viewProblem(problem.id)).lead).toBeNull();
    });

    it('refuses a lead who is not an officer, an unknown problem, and a closed problem', async () => {
      const problem = await problemIn('REPORTED');
      const notOfficer = await errorOf(LEAD, { problemId: problem.id, officerId: resident.id }, supervisor);
      expect([codeOf(notOfficer), reasonOf(notOfficer), fieldsOf(notOfficer)]).toEqual(['BAD_USER_INPUT', 'LEAD_NOT_AN_OFFICER', ['officerId']]);
      expect(codeOf(await errorOf(LEAD, { problemId: UNKNOWN_ID, officerId: officer.id }, officer))).toBe('NOT_FOUND');
      expect(codeOf(await errorOf(LEAD, { problemId: 'not-a-uuid', officerId: officer.id }, officer))).toBe('BAD_USER_INPUT');
      const rejected = await problemIn('REJECTED');
      const closed = await errorOf(LEAD, { problemId: rejected.id, officerId: officer.id }, officer);
      expect([codeOf(closed), reasonOf(closed)]).toEqual(['CONFLICT', 'PROBLEM_CLOSED']);
    });

    it('shows an officer their areas, and queues the open problems there that they lead or nobody leads, by priority', async () => {
      const queueOfficer = await t.make.users.officer({ displayName: 'Quinn Queue' });
      const queueArea = await t.make.areas.by(admin).named('Queue Town').around(north(centre, 20_000), 1000).create();
      await t.make.areas.assign(queueArea, queueOfficer, supervisor);
      const { me } = await t.gql.ok<{ me: { areas: { id: string; name: string }[] } }>(ME_AREAS, {}, queueOfficer.token);
      expect(me.areas).toEqual([{ id: queueArea.id, name: 'Queue Town' }]);
      expect((await t.gql.ok<{ me: { areas: unknown[] } }>(ME_AREAS, {}, resident.token)).me.areas).toEqual([]);

      const here = t.make.problems.in(queueArea).by(resident);
      const unled = await here.titled('Unled, little support').report();
      const supported = await here.titled('Unled, much support').supportedBy(neighbour, groupMember).report();
      const mine = await here.titled('Led by me').report();
      await t.make.actions.lead(mine, queueOfficer);
      const others = await here.titled('Led by another').report();
      await t.make.actions.lead(others, otherOfficer);
      const closed = await here.titled('Rejected').inStatus('REJECTED');
      await problemIn('REPORTED'); // another area
      const { problemQueue } = await t.gql.ok<{ problemQueue: { edges: { node: { id: string } }[]; totalCount: number } }>(
        QUEUE,
        { first: 10 },
        queueOfficer.token,
      );
      const ids = problemQueue.edges.map((e) => e.node.id);
      expect(new Set(ids)).toEqual(new Set([unled.id, supported.id, mine.id]));
      expect(ids.indexOf(supported.id)).toBeLessThan(ids.indexOf(unled.id));
      expect(ids).not.toContain(others.id);
      expect(ids).not.toContain(closed.id);
      expect(problemQueue.totalCount).toBe(3);
      expect(codeOf(await errorOf(QUEUE, { first: 10 }, resident))).toBe('FORBIDDEN');
    });
  });

  describe('createAction', () => {
    it.each([Role.OFFICER, Role.SUPERVISOR, Role.ADMIN])('lets a %s create an action on a problem in RESPONSE', async (role) => {
      const problem = await problemIn('RESPONSE');
      const user = await t.user({ roles: [role] });
      const due = new Date(Date.now() + 7 * DAY).toISOString();
      const { data, errors } = await createAction(user, {
        problemId: problem.id,
        solutionId: problem.adoptedSolutionId,
        title: '  Fit two lamps in the alley ',
        description: 'Ask the council electrician.',
        assigneeId: officer.id,
        dueAt: due,
      });
      expect(errors).toBeUndefined();
      expect(data?.createAction).toMatchObject({
        title: 'Fit two lamps in the alley',
        description: 'Ask the council electrician.',
        status: 'PLANNED',
        progressPercent: 0,
        visibility: 'PUBLIC',
        dueAt: due,
        overdue: false,
        assignee: { id: officer.id },
        organisation: null,
        problem: { id: problem.id },
        solution: { id: problem.adoptedSolutionId },
        createdBy: { id: user.id },
        updates: [],
      });
    });

    it.each([Role.RESIDENT, Role.MODERATOR])('refuses a %s with FORBIDDEN, and nobody without a token', async (role) => {
      const problem = await problemIn('RESPONSE');
      const user = await t.user({ roles: [role] });
      expect(codeOf((await createAction(user, { problemId: problem.id, title: 'Not mine to plan' })).errors?.[0])).toBe('FORBIDDEN');
      expect(codeOf((await createAction(undefined, { problemId: problem.id, title: 'Not mine to plan' })).errors?.[0])).toBe('UNAUTHENTICATED');
      expect((await viewProblem(problem.id, officer)).actions).toEqual([]);
    });

    it('refuses a member of a partner agency, who carries actions out but does not plan them', async () => {
      const problem = await problemIn('RESPONSE');
      expect(codeOf((await createAction(agencyMember, { problemId: problem.id, title: 'Our own plan' })).errors?.[0])).toBe('FORBIDDEN');
    });

    it.each(['ANALYSIS', 'ASSESSMENT', 'RESOLVED'] as const)('refuses a problem in %s (PROBLEM_NOT_IN_RESPONSE)', async (status) => {
      const problem = await problemIn(status);
      const error = (await createAction(officer, { problemId: problem.id, title: 'Too early or too late' })).errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROBLEM_NOT_IN_RESPONSE', problemStatus: status });
    });

    it('assigns to an officer or an organisation, never both, and only to officers', async () => {
      const problem = await problemIn('RESPONSE');
      const both = (await createAction(officer, { problemId: problem.id, title: 'Both', assigneeId: officer.id, organisationId: agency.id })).errors?.[0];
      expect([codeOf(both), reasonOf(both), fieldsOf(both)]).toEqual(['BAD_USER_INPUT', 'ONE_ASSIGNEE', ['input.organisationId']]);
      const notOfficer = (await createAction(officer, { problemId: problem.id, title: 'A resident', assigneeId: resident.id })).errors?.[0];
      expect([reasonOf(notOfficer), fieldsOf(notOfficer)]).toEqual(['ASSIGNEE_NOT_AN_OFFICER', ['input.assigneeId']]);
      const unknownOrg = (await createAction(officer, { problemId: problem.id, title: 'Nobody', organisationId: UNKNOWN_ID })).errors?.[0];
      expect([reasonOf(unknownOrg), fieldsOf(unknownOrg)]).toEqual(['ORGANISATION_NOT_FOUND', ['input.organisationId']]);
      const unassigned = await createAction(officer, { problemId: problem.id, title: 'To be assigned' });
      expect(unassigned.data?.createAction).toMatchObject({ assignee: null, organisation: null });
    });

    it('assigns a partner agency on any problem, a community organisation only where it proposed a solution', async () => {
      const problem = await problemIn('RESPONSE');
      const toAgency = await createAction(officer, { problemId: problem.id, title: 'Board up the empty flat', organisationId: agency.id });
      expect(toAgency.data?.createAction.organisation).toEqual({ id: agency.id, name: 'City Council Housing', kind: 'PARTNER_AGENCY' });
      const toGroup = await createAction(officer, { problemId: problem.id, title: 'Run the lamp fund', organisationId: group.id });
      expect(toGroup.data?.createAction.organisation?.id).toBe(group.id);
      const notInvolved = (await createAction(officer, { problemId: problem.id, title: 'Dig the beds', organisationId: otherGroup.id })).errors?.[0];
      expect([codeOf(notInvolved), reasonOf(notInvolved), fieldsOf(notInvolved)]).toEqual([
        'BAD_USER_INPUT',
        'ORGANISATION_NOT_INVOLVED',
        ['input.organisationId'],
      ]);
    });

    it('ties an action only to an adopted solution of the same problem', async () => {
      const problem = await problemIn('RESPONSE');
      const another = await problemIn('RESPONSE');
      const proposed = await t.make.solutions.by(neighbour).on(problem).titled('Not adopted yet').propose();
      for (const solutionId of [proposed.id, another.adoptedSolutionId, UNKNOWN_ID]) {
        const error = (await createAction(officer, { problemId: problem.id, solutionId, title: 'Carry it out' })).errors?.[0];
        expect([codeOf(error), reasonOf(error), fieldsOf(error)]).toEqual(['BAD_USER_INPUT', 'SOLUTION_NOT_ADOPTED_HERE', ['input.solutionId']]);
      }
    });

    it('creates once per Idempotency-Key: a retry answers the first action, another input under the key is a CONFLICT', async () => {
      const problem = await problemIn('RESPONSE');
      const send = (title: string) =>
        t.gql.request<{ createAction: Action }>(
          CREATE_ACTION,
          { input: { problemId: problem.id, title } },
          { token: officer.token, headers: { 'idempotency-key': `action-${problem.id}` } },
        );
      const [first, again] = await Promise.all([send('Knock on every door'), send('Knock on every door')]);
      expect(again.data?.createAction.id).toBe(first.data?.createAction.id);
      const other = (await send('Another plan')).errors?.[0];
      expect([codeOf(other), reasonOf(other)]).toEqual(['CONFLICT', 'IDEMPOTENCY_KEY_REUSED']);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM actions WHERE problem_id = $1', [problem.id]);
      expect(n).toBe(1);
    });

    it('refuses bad input naming the fields, and an unknown problem with NOT_FOUND', async () => {
      const problem = await problemIn('RESPONSE');
      const bad = (await createAction(officer, { problemId: problem.id, title: 'ab', assigneeId: 'nope', dueAt: 'someday' })).errors?.[0];
      expect(codeOf(bad)).toBe('BAD_USER_INPUT');
      const short = (await createAction(officer, { problemId: problem.id, title: '  ab ' })).errors?.[0];
      expect(fieldsOf(short)).toEqual(['input.title']);
      const badVisibility = (await createAction(officer, { problemId: problem.id, title: 'Fine title', visibility: 'SECRET' })).errors?.[0];
      expect(codeOf(badVisibility)).toBe('BAD_USER_INPUT');
      expect(codeOf((await createAction(officer, { problemId: UNKNOWN_ID, title: 'Nowhere' })).errors?.[0])).toBe('NOT_FOUND');
      expect((await viewProblem(problem.id, officer)).actions).toEqual([]);
    });
  });

  describe('updateAction and the action state machine', () => {
    it('walks PLANNED → IN_PROGRESS ⇄ BLOCKED → DONE, logging author, time, note, status and progress; DONE is 100', async () => {
      const problem = await problemIn('RESPONSE');
      const action = await t.make.actions.on(problem).assignedTo(otherOfficer).create();
      const steps: [Record<string, unknown>, string, number][] = [
        [{ status: 'IN_PROGRESS', progressPercent: 10, note: 'Started' }, 'IN_PROGRESS', 10],
        [{ status: 'BLOCKED', note: 'Waiting for the ladder' }, 'BLOCKED', 10],
        [{ status: 'IN_PROGRESS', progressPercent: 60 }, 'IN_PROGRESS', 60],
        [{ note: 'Halfway down the alley' }, 'IN_PROGRESS', 60],
        [{ status: 'DONE' }, 'DONE', 100],
      ];
      for (const [input, status, progress] of steps) {
        const { data, errors } = await updateAction(otherOfficer, { actionId: action.id, ...input });
        expect(errors).toBeUndefined();
        expect(data?.updateAction).toMatchObject({ status, progressPercent: progress });
      }
      const viewed = await viewAction(action.id);
      expect(viewed?.finishedAt).not.toBeNull();
      expect(viewed?.updates.map(({ author, note, status, progressPercent }) => [author.id, note, status, progressPercent])).toEqual([
        [otherOfficer.id, 'Started', 'IN_PROGRESS', 10],
        [otherOfficer.id, 'Waiting for the ladder', 'BLOCKED', 10],
        [otherOfficer.id, null, 'IN_PROGRESS', 60],
        [otherOfficer.id, 'Halfway down the alley', 'IN_PROGRESS', 60],
        [otherOfficer.id, null, 'DONE', 100],
      ]);
      const times = viewed?.updates.map((u) => Date.parse(u.at)) ?? [];
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });

    it.each<[string[], string]>([
      [[], 'DONE'],
      [[], 'BLOCKED'],
      [['IN_PROGRESS'], 'PLANNED'],
    ])('refuses an illegal move after %j to %s with CONFLICT ILLEGAL_ACTION_MOVE', async (path, to) => {
      const problem = await problemIn('RESPONSE');
      const action = await t.make.actions.on(problem).create();
      for (const status of path) await t.make.actions.update(action, { status: status as 'IN_PROGRESS' }, officer);
      const error = (await updateAction(officer, { actionId: action.id, status: to })).errors?.[0];
      expect(error?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ILLEGAL_ACTION_MOVE', requestedStatus: to });
    });

    it('cancels only with a note, and then nothing changes any more (ACTION_FINISHED), as after DONE', async () => {
      const problem = await problemIn('RESPONSE');
      const cancelled = await t.make.actions.on(problem).create();
      const noNote = (await updateAction(officer, { actionId: cancelled.id, status: 'CANCELLED' })).errors?.[0];
      expect([codeOf(noNote), fieldsOf(noNote)]).toEqual(['BAD_USER_INPUT', ['input.note']]);
      await t.make.actions.update(cancelled, { status: 'CANCELLED', note: 'The landlord fixed it' }, officer);
      const done = await t.make.actions.on(problem).create();
      await t.make.actions.finish(done, 'DONE', officer);
      for (const action of [cancelled, done]) {
        for (const input of [{ note: 'One more thing' }, { status: 'IN_PROGRESS' }, { progressPercent: 50 }]) {
          const error = (await updateAction(officer, { actionId: action.id, ...input })).errors?.[0];
          expect([codeOf(error), reasonOf(error)]).toEqual(['CONFLICT', 'ACTION_FINISHED']);
        }
        expect(codeOf((await assignAction(officer, { actionId: action.id, assigneeId: officer.id })).errors?.[0])).toBe('CONFLICT');
      }
    });

    it('refuses DONE with progress other than 100, progress outside 0–100, and an empty update', async () => {
      const problem = await problemIn('RESPONSE');
      const action = await t.make.actions.on(problem).create();
      await t.make.actions.update(action, { status: 'IN_PROGRESS' }, officer);
      const done = (await updateAction(officer, { actionId: action.id, status: 'DONE', progressPercent: 80 })).errors?.[0];
      expect([codeOf(done), reasonOf(done), fieldsOf(done)]).toEqual(['BAD_USER_INPUT', 'DONE_MEANS_100', ['input.progressPercent']]);
      for (const progressPercent of [-1, 101]) {
        expect(fieldsOf((await updateAction(officer, { actionId: action.id, progressPercent })).errors?.[0])).toEqual(['input.progressPercent']);
      }
      expect(codeOf((await updateAction(officer, { actionId: action.id, progressPercent: 50.5 })).errors?.[0])).toBe('BAD_USER_INPUT');
      expect(codeOf((await updateAction(officer, { actionId: action.id })).errors?.[0])).toBe('BAD_USER_INPUT');
      expect(codeOf((await updateAction(officer, { actionId: UNKNOWN_ID, note: 'Anyone?' })).errors?.[0])).toBe('NOT_FOUND');
      expect((await viewAction(action.id))?.updates).toHaveLength(1);
    });

    it('is updated by the assigned officer, members of the assigned organisation and officers; nobody else', async () => {
      const problem = await problemIn('RESPONSE');
      const forGroup = await t.make.actions.on(problem).forOrganisation(group).create();
      const forOfficer = await t.make.actions.on(problem).assignedTo(otherOfficer).create();
      expect((await updateAction(groupMember, { actionId: forGroup.id, status: 'IN_PROGRESS', note: 'Collecting' })).errors).toBeUndefined();
      expect((await updateAction(groupOwner, { actionId: forGroup.id, progressPercent: 20 })).errors).toBeUndefined();
      expect((await updateAction(supervisor, { actionId: forGroup.id, progressPercent: 30 })).errors).toBeUndefined();
      expect((await updateAction(otherOfficer, { actionId: forOfficer.id, status: 'IN_PROGRESS' })).errors).toBeUndefined();
      for (const [user, action] of [
        [resident, forGroup],
        [neighbour, forOfficer],
        [outsider, forGroup],
        [groupMember, forOfficer],
        [agencyMember, forGroup],
        [moderator, forOfficer],
      ] as const) {
        const error = (await updateAction(user, { actionId: action.id, note: 'Let me in' })).errors?.[0];
        expect([codeOf(error), reasonOf(error)]).toEqual(['FORBIDDEN', 'NOT_ACTION_ASSIGNEE']);
      }
      expect(codeOf((await updateAction(undefined, { actionId: forGroup.id, note: 'Anonymous' })).errors?.[0])).toBe('UNAUTHENTICATED');
      const viewed = await viewAction(forGroup.id);
      expect(viewed?.updates.map((u) => u.author.id)).toEqual([groupMember.id, groupOwner.id, supervisor.id]);
      expect(viewed?.progressPercent).toBe(30);
    });

    it('leaves the due date to officers (DUE_DATE_BY_OFFICERS), who may clear it', async () => {
      const problem = await problemIn('RESPONSE');
      const due = new Date(Date.now() + 3 * DAY).toISOString();
      const action = await t.make.actions.on(problem).forOrganisation(group).due(due).create();
      const later = new Date(Date.now() + 30 * DAY).toISOString();
      const error = (await updateAction(groupMember, { actionId: action.id, dueAt: later })).errors?.[0];
      expect([codeOf(error), reasonOf(error)]).toEqual(['FORBIDDEN', 'DUE_DATE_BY_OFFICERS']);
      expect((await viewAction(action.id))?.dueAt).toBe(due);
      expect((await updateAction(officer, { actionId: action.id, dueAt: later })).data?.updateAction.dueAt).toBe(later);
      expect((await updateAction(officer, { actionId: action.id, dueAt: null })).data?.updateAction.dueAt).toBeNull();
    });

    it('serialises concurrent updates: every one is logged and the problem’s progress is that of the last', async () => {
      const problem = await problemIn('RESPONSE');
      const action = await t.make.actions.on(problem).create();
      await t.make.actions.update(action, { status: 'IN_PROGRESS' }, officer);
      const results = await Promise.all([10, 20, 30, 40, 50, 60].map((progressPercent) => updateAction(officer, { actionId: action.id, progressPercent })));
      expect(results.map((r) => r.errors)).toEqual(results.map(() => undefined));
      const viewed = await viewAction(action.id);
      expect(viewed?.updates).toHaveLength(7);
      expect((await viewProblem(problem.id)).progressPercent).toBe(viewed?.updates.at(-1)?.progressPercent);
      expect(viewed?.progressPercent).toBe(viewed?.updates.at(-1)?.progressPercent);
    });
  });

  describe('assignAction', () => {
    it('reassigns between officers and organisations (exactly one), by officers only', async () => {
      const problem = await problemIn('RESPONSE');
      const action = await t.make.actions.on(problem).assignedTo(officer).create();
      const toAgency = await assignAction(supervisor, { actionId: action.id, organisationId: agency.id });
      expect(toAgency.data?.assignAction).toMatchObject({ assignee: null, organisation: { id: agency.id } });
      const toOfficer = await assignAction(officer, { actionId: action.id, assigneeId: otherOfficer.id });
      expect(toOfficer.data?.assignAction).toMatchObject({ assignee: { id: otherOfficer.id }, organisation: null });
      for (const input of [{}, { assigneeId: officer.id, organisationId: agency.id }]) {
        const error = (await assignAction(officer, { actionId: action.id, ...input })).errors?.[0];
        expect([codeOf(error), reasonOf(error)]).toEqual(['BAD_USER_INPUT', 'ONE_ASSIGNEE']);
      }
      expect(reasonOf((await assignAction(officer, { actionId: action.id, organisationId: otherGroup.id })).errors?.[0])).toBe('ORGANISATION_NOT_INVOLVED');
      expect(reasonOf((await assignAction(officer, { actionId: action.id, assigneeId: resident.id })).errors?.[0])).toBe('ASSIGNEE_NOT_AN_OFFICER');
      for (const user of [resident, agencyMember, moderator]) {
        expect(codeOf((await assignAction(user, { actionId: action.id, assigneeId: officer.id })).errors?.[0])).toBe('FORBIDDEN');
      }
      expect(codeOf((await assignAction(officer, { actionId: UNKNOWN_ID, assigneeId: officer.id })).errors?.[0])).toBe('NOT_FOUND');
      expect((await viewAction(action.id))?.assignee?.id).toBe(otherOfficer.id);
    });
  });

  describe('INTERNAL actions', () => {
    let problem: FactoryProblem;
    let internal: { id: string };
    let open: { id: string };

    beforeAll(async () => {
      problem = await problemIn('RESPONSE');
      internal = await t.make.actions.on(problem).forOrganisation(group).internal().titled('Watch the dealer’s flat').create();
      await t.make.actions.update(internal, { status: 'IN_PROGRESS', note: 'Flat 4 has visitors every night' }, groupMember);
      open = await t.make.actions.on(problem).assignedTo(officer).titled('Patrol the alley').create();
    });

    const who = () =>
      [
        ['nobody signed in', undefined, false],
        ['a resident', resident, false],
        ['the reporter', problem.reporter, false],
        ['a moderator', moderator, false],
        ['a member of an uninvolved organisation', outsider, false],
        ['a member of the assigned organisation', groupMember, true],
        ['a member of a partner agency', agencyMember, true],
        ['an officer', otherOfficer, true],
        ['an admin', admin, true],
      ] as const;

    it('is seen, with its updates, only by officers, partner agencies and the assigned organisation’s members', async () => {
      for (const [name, user, sees] of who()) {
        const viewed = await viewProblem(problem.id, user);
        const titles = viewed.actions.map((a) => a.title);
        expect([name, titles]).toEqual([name, sees ? ['Watch the dealer’s flat', 'Patrol the alley'] : ['Patrol the alley']]);
        const single = await viewAction(internal.id, user);
        expect([name, single?.updates.map((u) => u.note) ?? null]).toEqual([name, sees ? ['Flat 4 has visitors every night'] : null]);
        expect(await viewAction(open.id, user)).toMatchObject({ id: open.id });
      }
    });

    it('does not exist for those who may not see it: updating it answers NOT_FOUND, not FORBIDDEN', async () => {
      for (const user of [resident, outsider, moderator]) {
        const error = (await updateAction(user, { actionId: internal.id, note: 'Is this real?' })).errors?.[0];
        expect([codeOf(error), reasonOf(error)]).toEqual(['NOT_FOUND', 'ACTION_NOT_FOUND']);
        const unknown = (await updateAction(user, { actionId: UNKNOWN_ID, note: 'Is this real?' })).errors?.[0];
        expect(unknown?.extensions).toEqual(error?.extensions);
      }
    });

    it('stays off the public timeline, where the PUBLIC action shows', async () => {
      const { timeline } = await viewProblem(problem.id);
      const actionEvents = timeline.edges.map((e) => e.node).filter((e) => e.kind.startsWith('ACTION_'));
      expect(actionEvents.map((e) => [e.kind, e.subjectId])).toEqual([['ACTION_CREATED', open.id]]);
      expect(JSON.stringify(timeline)).not.toContain('dealer');
    });

    it('is listed only to those who see it', async () => {
      const forGroup = await list(groupMember, { organisationId: group.id });
      expect(forGroup.data?.actions.edges.map((e) => e.node.id)).toContain(internal.id);
      const byAgency = await list(agencyMember, { organisationId: group.id });
      expect(byAgency.data?.actions.edges.map((e) => e.node.id)).toContain(internal.id);
      for (const user of [resident, outsider]) {
        const error = (await list(user, { organisationId: group.id })).errors?.[0];
        expect([codeOf(error), reasonOf(error)]).toEqual(['FORBIDDEN', 'ACTIONS_LIST_FORBIDDEN']);
      }
      expect(codeOf((await list(undefined, {})).errors?.[0])).toBe('UNAUTHENTICATED');
    });
  });

  describe('the actions list (workloads)', () => {
    let worker: TestUser;
    let workArea: FactoryArea;
    let ids: Record<string, string>;

    beforeAll(async () => {
      worker = await t.make.users.officer({ displayName: 'Wendy Workload' });
      workArea = await t.make.areas.by(admin).named('Workload Ward').around(north(centre, -20_000), 1000).create();
      const here = await t.make.problems
        .in(workArea)
        .handledBy(officer)
        .withSolution({ title: 'A plan', description: 'Do it.', by: groupOwner })
        .inStatus('RESPONSE');
      const there = await problemIn('RESPONSE');
      const at = (days: number) => new Date(Date.now() + days * DAY);
      const make = (problem: FactoryProblem, due: Date | null) => t.make.actions.on(problem).assignedTo(worker).due(due).create();
      const overdueOld = await make(here, at(-10));
      const overdueNew = await make(there, at(-1));
      const doneLate = await make(here, at(-5));
      await t.make.actions.finish(doneLate, 'DONE', worker);
      const soon = await make(there, at(2));
      const blocked = await make(here, at(5));
      await t.make.actions.update(blocked, { status: 'IN_PROGRESS' }, worker);
      await t.make.actions.update(blocked, { status: 'BLOCKED', note: 'No ladder' }, worker);
      const undated = await make(here, null);
      const someoneElses = await t.make.actions.on(here).assignedTo(officer).due(at(-20)).create();
      ids = {
        overdueOld: overdueOld.id,
        overdueNew: overdueNew.id,
        doneLate: doneLate.id,
        soon: soon.id,
        blocked: blocked.id,
        undated: undated.id,
        someoneElses: someoneElses.id,
      };
    });

    const idsOf = (result: Awaited<ReturnType<typeof list>>) => {
      expect(result.errors).toBeUndefined();
      return result.data?.actions.edges.map((e) => e.node.id) ?? [];
    };

    it('lists an assignee’s actions soonest due first, undated last', async () => {
      expect(idsOf(await list(worker, { assigneeId: worker.id }))).toEqual([ids.overdueOld, ids.doneLate, ids.overdueNew, ids.soon, ids.blocked, ids.undated]);
    });

    it('filters overdue ones (due passed, not DONE or CANCELLED) and by status and area', async () => {
      const overdue = await list(worker, { assigneeId: worker.id, overdue: true });
      expect(idsOf(overdue)).toEqual([ids.overdueOld, ids.overdueNew]);
      expect(overdue.data?.actions.edges.every((e) => e.node.overdue)).toBe(true);
      expect(overdue.data?.actions.totalCount).toBe(2);
      expect(idsOf(await list(worker, { assigneeId: worker.id, overdue: false }))).toEqual([ids.doneLate, ids.soon, ids.blocked, ids.undated]);
      expect(idsOf(await list(worker, { assigneeId: worker.id, statuses: ['BLOCKED', 'DONE'] }))).toEqual([ids.doneLate, ids.blocked]);
      expect(idsOf(await list(worker, { areaId: workArea.id }))).toEqual([ids.someoneElses, ids.overdueOld, ids.doneLate, ids.blocked, ids.undated]);
      expect(idsOf(await list(worker, { areaId: workArea.id, assigneeId: worker.id, overdue: true }))).toEqual([ids.overdueOld]);
    });

    it('pages with keyset cursors and refuses a forged one', async () => {
      const first = await list(worker, { assigneeId: worker.id }, 4);
      expect(idsOf(first)).toEqual([ids.overdueOld, ids.doneLate, ids.overdueNew, ids.soon]);
      expect(first.data?.actions.pageInfo.hasNextPage).toBe(true);
      const second = await list(worker, { assigneeId: worker.id }, 4, first.data?.actions.pageInfo.endCursor ?? undefined);
      expect(idsOf(second)).toEqual([ids.blocked, ids.undated]);
      expect(second.data?.actions.pageInfo.hasNextPage).toBe(false);
      const forged = (await list(worker, { assigneeId: worker.id }, 4, 'bm90IGEgY3Vyc29y')).errors?.[0];
      expect([codeOf(forged), fieldsOf(forged)]).toEqual(['BAD_USER_INPUT', ['after']]);
      expect(codeOf((await list(worker, {}, 101)).errors?.[0])).toBe('BAD_USER_INPUT');
      expect(codeOf((await list(worker, { statuses: ['LATE'] })).errors?.[0])).toBe('BAD_USER_INPUT');
    });

    it('is for officers and partner agencies; others only for their organisation or themselves', async () => {
      expect(idsOf(await list(agencyMember, { assigneeId: worker.id, overdue: true }))).toEqual([ids.overdueOld, ids.overdueNew]);
      expect((await list(groupMember, { organisationId: group.id })).errors).toBeUndefined();
      for (const [user, filter] of [
        [resident, {}],
        [resident, { assigneeId: worker.id }],
        [groupMember, { organisationId: agency.id }],
        [moderator, { overdue: true }],
      ] as const) {
        expect(reasonOf((await list(user, filter)).errors?.[0])).toBe('ACTIONS_LIST_FORBIDDEN');
      }
      expect((await list(resident, { assigneeId: resident.id })).data?.actions.edges).toEqual([]);
    });
  });

  describe('progress and the SARA gates', () => {
    it('averages the progress of actions that are not cancelled, and shows the status’s share while there are none', async () => {
      const problem = await problemIn('RESPONSE');
      expect((await viewProblem(problem.id)).progressPercent).toBe(50);
      const a = await t.make.actions.on(problem).create();
      const b = await t.make.actions.on(problem).create();
      const c = await t.make.actions.on(problem).create();
      expect((await viewProblem(problem.id)).progressPercent).toBe(0);
      await t.make.actions.finish(a, 'DONE', officer);
      await t.make.actions.update(b, { status: 'IN_PROGRESS', progressPercent: 30 }, officer);
      expect((await viewProblem(problem.id)).progressPercent).toBe(Math.round((100 + 30 + 0) / 3));
      await t.make.actions.finish(c, 'CANCELLED', officer);
      expect((await viewProblem(problem.id)).progressPercent).toBe(65);
      await t.make.actions.finish(b, 'CANCELLED', officer);
      expect((await viewProblem(problem.id)).progressPercent).toBe(100);
    });

    it('shows the status’s share when every action is cancelled', async () => {
      const problem = await problemIn('RESPONSE');
      const a = await t.make.actions.on(problem).create();
      await t.make.actions.update(a, { status: 'IN_PROGRESS', progressPercent: 70 }, officer);
      expect((await viewProblem(problem.id)).progressPercent).toBe(70);
      await t.make.actions.finish(a, 'CANCELLED', officer);
      expect((await viewProblem(problem.id)).progressPercent).toBe(50);
    });

    it('enters ASSESSMENT only when every action is DONE or CANCELLED (SARA_GATE_ACTIONS_OPEN)', async () => {
      const problem = await problemIn('RESPONSE');
      const open = await t.make.actions.on(problem).internal().create();
      const done = await t.make.actions.on(problem).create();
      await t.make.actions.finish(done, 'DONE', officer);
      const blocked = (await move(officer, problem.id, 'ASSESSMENT')).errors?.[0];
      expect(blocked?.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'SARA_GATE_BLOCKED',
        blockers: ['SARA_GATE_ACTIONS_OPEN'],
        requestedStatus: 'ASSESSMENT',
      });
      await t.make.actions.update(open, { status: 'IN_PROGRESS' }, officer);
      await t.make.actions.update(open, { status: 'BLOCKED', note: 'Stuck' }, officer);
      expect((await move(officer, problem.id, 'ASSESSMENT')).errors?.[0]?.extensions?.blockers).toEqual(['SARA_GATE_ACTIONS_OPEN']);
      await t.make.actions.finish(open, 'CANCELLED', officer);
      expect((await move(officer, problem.id, 'ASSESSMENT')).data?.changeProblemStatus).toEqual({ status: 'ASSESSMENT', progressPercent: 100 });
    });

    it('reaches RESOLVED only with a current assessment (SARA_GATE_ASSESSMENT_MISSING), made again after going back', async () => {
      const problem = await problemIn('ASSESSMENT');
      const missing = (await move(officer, problem.id, 'RESOLVED')).errors?.[0];
      expect(missing?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SARA_GATE_BLOCKED', blockers: ['SARA_GATE_ASSESSMENT_MISSING'] });
      await t.make.actions.assess(problem, { outcome: 'NO_CHANGE', summary: 'Still dealing every night.' }, officer);
      // It did not work: back to RESPONSE, which ends the round; the old assessment no longer counts.
      expect((await move(officer, problem.id, 'RESPONSE')).data?.changeProblemStatus.status).toBe('RESPONSE');
      expect((await viewProblem(problem.id)).assessment).toMatchObject({ outcome: 'NO_CHANGE', current: false });
      await move(officer, problem.id, 'ASSESSMENT');
      expect((await move(officer, problem.id, 'RESOLVED')).errors?.[0]?.extensions?.blockers).toEqual(['SARA_GATE_ASSESSMENT_MISSING']);
      await t.make.actions.assess(problem, { outcome: 'RESOLVED', summary: 'No reports for six weeks.' }, officer);
      expect((await move(officer, problem.id, 'RESOLVED', 'Closed after assessment')).data?.changeProblemStatus.status).toBe('RESOLVED');
      // A supervisor's reopening ends the round too.
      await move(supervisor, problem.id, 'RESPONSE', 'Dealing is back');
      expect((await viewProblem(problem.id)).assessment?.current).toBe(false);
    });
  });

  describe('assessProblem', () => {
    it('records outcome, summary and before/after metrics, on the timeline', async () => {
      const problem = await problemIn('ASSESSMENT');
      const metrics = [
        { name: 'Reported drug deals per week', before: 9, after: 2.5, unit: 'reports', period: '6 weeks before and after' },
        { name: 'Residents feeling safe', before: 0.31, after: 0.58 },
      ];
      const { data, errors } = await request<{ assessProblem: ProblemView }>(
        ASSESS,
        { input: { problemId: problem.id, outcome: 'IMPROVED', summary: 'Fewer deals since the lamps.', metrics } },
        officer,
      );
      expect(errors).toBeUndefined();
      expect(data?.assessProblem.assessment).toEqual({
        outcome: 'IMPROVED',
        summary: 'Fewer deals since the lamps.',
        current: true,
        metrics: [metrics[0], { ...metrics[1], unit: null, period: null }],
        assessedBy: { id: officer.id },
        problem: { id: problem.id },
      });
      const events = (await viewProblem(problem.id)).timeline.edges.map((e) => e.node);
      expect(events.find((e) => e.kind === 'ASSESSED')).toMatchObject({ actor: { id: officer.id }, note: 'IMPROVED' });
      // Assessing again in the same round replaces it.
      await t.make.actions.assess(problem, { outcome: 'RESOLVED', summary: 'Gone.' }, supervisor);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM problem_assessments WHERE problem_id = $1 AND current', [problem.id]);
      expect(n).toBe(1);
      expect((await viewProblem(problem.id)).assessment).toMatchObject({ outcome: 'RESOLVED', current: true });
    });

    it.each(['RESPONSE', 'RESOLVED', 'REPORTED'] as const)('is refused while the problem is in %s (PROBLEM_NOT_IN_ASSESSMENT)', async (status) => {
      const problem = await problemIn(status);
      const error = await errorOf(ASSESS, { input: { problemId: problem.id, outcome: 'IMPROVED', summary: 'Early.' } }, officer);
      expect(error?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'PROBLEM_NOT_IN_ASSESSMENT', problemStatus: status });
    });

    it.each([Role.RESIDENT, Role.MODERATOR])('is for officers: FORBIDDEN for a %s, as for partner agencies', async (role) => {
      const problem = await problemIn('ASSESSMENT');
      const user = await t.user({ roles: [role] });
      for (const who of [user, agencyMember]) {
        expect(codeOf(await errorOf(ASSESS, { input: { problemId: problem.id, outcome: 'IMPROVED', summary: 'Mine.' } }, who))).toBe('FORBIDDEN');
      }
      expect(codeOf(await errorOf(ASSESS, { input: { problemId: problem.id, outcome: 'IMPROVED', summary: 'Mine.' } }))).toBe('UNAUTHENTICATED');
      expect((await viewProblem(problem.id)).assessment).toBeNull();
    });

    it('refuses bad input naming the fields', async () => {
      const problem = await problemIn('ASSESSMENT');
      const cases: [Record<string, unknown>, string[]][] = [
        [{ summary: '' }, ['input.summary']],
        [{ metrics: [{ name: 'x', before: 1e13, after: 1 }] }, ['input.metrics.0.before']],
        [{ metrics: [{ name: '', before: 1, after: 1 }] }, ['input.metrics.0.name']],
        [{ metrics: Array.from({ length: 21 }, () => ({ name: 'x', before: 1, after: 1 })) }, ['input.metrics']],
      ];
      for (const [change, fields] of cases) {
        const error = await errorOf(ASSESS, { input: { problemId: problem.id, outcome: 'IMPROVED', summary: 'Fine.', ...change } }, officer);
        expect([codeOf(error), fieldsOf(error)]).toEqual(['BAD_USER_INPUT', fields]);
      }
      expect(codeOf(await errorOf(ASSESS, { input: { problemId: problem.id, outcome: 'GREAT', summary: 'Fine.' } }, officer))).toBe('BAD_USER_INPUT');
      expect(codeOf(await errorOf(ASSESS, { input: { problemId: UNKNOWN_ID, outcome: 'IMPROVED', summary: 'Fine.' } }, officer))).toBe('NOT_FOUND');
    });
  });

  describe('rateOutcome', () => {
    const rate = (user: TestUser | undefined, problemId: string, worked: string, comment?: string) =>
      request<{ rateOutcome: ProblemView }>(RATE, { input: { problemId, worked, comment } }, user);

    it('lets the reporter and supporters say whether it worked, once each, changeably', async () => {
      const problem = await t.make.problems.by(resident).in(area).supportedBy(neighbour, groupMember).handledBy(officer).inStatus('ASSESSMENT');
      expect((await rate(resident, problem.id, 'YES')).data?.rateOutcome.viewerRating).toMatchObject({ worked: 'YES', comment: null });
      expect((await rate(neighbour, problem.id, 'NO', 'Still there at night')).errors).toBeUndefined();
      expect((await rate(neighbour, problem.id, 'PARTLY', 'Better in the evening')).data?.rateOutcome.viewerRating).toMatchObject({
        worked: 'PARTLY',
        comment: 'Better in the evening',
      });
      const viewed = await viewProblem(problem.id);
      expect(viewed.outcomeRatings).toEqual([
        { worked: 'YES', count: 1 },
        { worked: 'PARTLY', count: 1 },
        { worked: 'NO', count: 0 },
      ]);
      expect(viewed.ratingComments).toEqual([{ worked: 'PARTLY', comment: 'Better in the evening', day: new Date().toISOString().slice(0, 10) }]);
      expect(viewed.viewerRating).toBeNull();
      // Still open to ratings once RESOLVED.
      await t.make.actions.assess(problem, undefined, officer);
      await move(officer, problem.id, 'RESOLVED');
      expect((await rate(groupMember, problem.id, 'YES')).errors).toBeUndefined();
      expect((await viewProblem(problem.id)).outcomeRatings.find((r) => r.worked === 'YES')?.count).toBe(2);
    });

    it('is only for the reporter and supporters (NOT_REPORTER_OR_SUPPORTER), and only in ASSESSMENT or RESOLVED (RATING_NOT_OPEN)', async () => {
      const problem = await t.make.problems.by(resident).in(area).supportedBy(neighbour).handledBy(officer).inStatus('RESPONSE');
      const early = (await rate(neighbour, problem.id, 'YES')).errors?.[0];
      expect(early?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'RATING_NOT_OPEN', problemStatus: 'RESPONSE' });
      await move(officer, problem.id, 'ASSESSMENT');
      for (const user of [outsider, officer, admin, agencyMember]) {
        const error = (await rate(user, problem.id, 'YES')).errors?.[0];
        expect([codeOf(error), reasonOf(error)]).toEqual(['FORBIDDEN', 'NOT_REPORTER_OR_SUPPORTER']);
      }
      // A supporter who withdrew is no longer asked.
      await t.make.problems.withdrawSupport(problem, neighbour);
      expect(reasonOf((await rate(neighbour, problem.id, 'YES')).errors?.[0])).toBe('NOT_REPORTER_OR_SUPPORTER');
      expect(codeOf((await rate(undefined, problem.id, 'YES')).errors?.[0])).toBe('UNAUTHENTICATED');
      expect(codeOf((await rate(resident, problem.id, 'MAYBE')).errors?.[0])).toBe('BAD_USER_INPUT');
      expect(fieldsOf((await rate(resident, problem.id, 'YES', '')).errors?.[0])).toEqual(['input.comment']);
      expect(codeOf((await rate(resident, UNKNOWN_ID, 'YES')).errors?.[0])).toBe('NOT_FOUND');
      expect((await viewProblem(problem.id)).outcomeRatings.every((r) => r.count === 0)).toBe(true);
    });

    it('never reveals an anonymous reporter: a stranger sees the same shape as for a supporter’s rating, naming nobody', async () => {
      const reporter = await t.make.users.resident({ displayName: 'Hidden Reporter Zyx' });
      const supporter = await t.make.users.resident({ displayName: 'Open Supporter Qwv' });
      // The solution is someone else's: proposing shows its proposer, as it does for anyone.
      const anonymousProblem = await t.make.problems
        .by(reporter)
        .in(area)
        .anonymous()
        .handledBy(officer)
        .withSolution({ title: 'Light the alley', description: 'Two lamps.', by: neighbour })
        .inStatus('ASSESSMENT');
      const plainProblem = await t.make.problems.by(neighbour).in(area).supportedBy(supporter).handledBy(officer).inStatus('ASSESSMENT');
      await rate(reporter, anonymousProblem.id, 'NO', 'Nothing changed on my street');
      await rate(supporter, plainProblem.id, 'NO', 'Nothing changed on my street');
      for (const stranger of [undefined, outsider, officer, moderator]) {
        const seen = await t.gql.ok<{ problem: Record<string, unknown> }>(RATINGS_VIEW, { id: anonymousProblem.id }, stranger?.token);
        const other = await t.gql.ok<{ problem: Record<string, unknown> }>(RATINGS_VIEW, { id: plainProblem.id }, stranger?.token);
        const text = JSON.stringify(seen);
        expect(text).not.toContain(reporter.id);
        expect(text).not.toContain('Hidden Reporter Zyx');
        expect(seen.problem.reporter).toBeNull();
        expect({ ...seen.problem, id: null, anonymous: null, reporter: null }).toEqual({ ...other.problem, id: null, anonymous: null, reporter: null });
      }
      // The reporter sees their own rating; nobody else sees it as theirs.
      expect((await t.gql.ok<{ problem: ProblemView }>(RATINGS_VIEW, { id: anonymousProblem.id }, reporter.token)).problem.viewerRating).toMatchObject({
        worked: 'NO',
      });
      // Not on the timeline either.
      const events = (await viewProblem(anonymousProblem.id, officer)).timeline.edges.map((e) => e.node);
      expect(events.filter((e) => e.actor?.id === reporter.id)).toEqual([]);
    });
  });

  describe('the local team', () => {
    it('shows the public the local officers’ PUBLIC actions in progress and the area’s recent outcomes', async () => {
      const teamArea = await t.make.areas.by(admin).named('Team Town').around(north(centre, 40_000), 1000).create();
      const local = await t.make.users.officer({ displayName: 'Lola Local' });
      await t.make.areas.assign(teamArea, local, supervisor);
      const here = t.make.problems.in(teamArea).by(resident).handledBy(officer).withSolution({ title: 'A plan', description: 'Do it.', by: groupOwner });
      const problem = await here.inStatus('RESPONSE');
      const visible = await t.make.actions.on(problem).assignedTo(local).titled('Visit the school').create();
      await t.make.actions.update(visible, { status: 'IN_PROGRESS', progressPercent: 40 }, local);
      const secret = await t.make.actions.on(problem).assignedTo(local).internal().titled('Surveillance').create();
      await t.make.actions.update(secret, { status: 'IN_PROGRESS' }, local);
      const planned = await t.make.actions.on(problem).assignedTo(local).titled('Planned only').create();
      const notLocal = await t.make.actions.on(problem).assignedTo(otherOfficer).titled('Not a local officer').create();
      await t.make.actions.update(notLocal, { status: 'IN_PROGRESS' }, otherOfficer);
      const assessed = await here.assessedAs({ outcome: 'DISPLACED', summary: 'Moved two streets away.' }).inStatus('RESOLVED');
      const { localTeam } = await t.gql.ok<{ localTeam: LocalTeamView }>(LOCAL_TEAM, { location: teamArea.centre });
      expect(localTeam.actionsInProgress.map((a) => a.title)).toEqual(['Visit the school']);
      expect(localTeam.actionsInProgress[0]).toMatchObject({ progressPercent: 40, assignee: { id: local.id } });
      expect(localTeam.recentOutcomes).toEqual([{ outcome: 'DISPLACED', summary: 'Moved two streets away.', problem: { id: assessed.id } }]);
      expect(JSON.stringify(localTeam)).not.toContain(secret.id);
      expect(JSON.stringify(localTeam)).not.toContain(planned.id);
    });
  });
});

interface Action {
  id: string;
  title: string;
  description: string;
  status: string;
  progressPercent: number;
  visibility: string;
  dueAt: string | null;
  overdue: boolean;
  finishedAt: string | null;
  assignee: { id: string } | null;
  organisation: { id: string; name: string; kind: string } | null;
  problem: { id: string };
  solution: { id: string } | null;
  createdBy: { id: string };
  updates: { at: string; author: { id: string }; note: string | null; status: string; progressPercent: number }[];
}

interface ProblemView {
  id: string;
  progressPercent: number;
  lead: { id: string; displayName: string } | null;
  actions: Action[];
  assessment: { outcome: string; summary: string; current: boolean } | null;
  outcomeRatings: { worked: string; count: number }[];
  ratingComments: { worked: string; comment: string; day: string }[];
  viewerRating: { worked: string; comment: string | null } | null;
  timeline: { edges: { node: { kind: string; subjectId: string | null; note: string | null; actor: { id: string } | null } }[] };
}

interface LocalTeamView {
  actionsInProgress: Action[];
  recentOutcomes: { outcome: string; summary: string; problem: { id: string } }[];
}

const ACTION_FIELDS = /* GraphQL */ `
  id
  title
  description
  status
  progressPercent
  visibility
  dueAt
  overdue
  finishedAt
  assignee {
    id
  }
  organisation {
    id
    name
    kind
  }
  problem {
    id
  }
  solution {
    id
  }
  createdBy {
    id
  }
  updates {
    at
    author {
      id
    }
    note
    status
    progressPercent
  }
`;

const CREATE_ACTION = /* GraphQL */ `
  mutation ($input: CreateActionInput!) {
    createAction(input: $input) {
      ${ACTION_FIELDS}
    }
  }
`;

const UPDATE_ACTION = /* GraphQL */ `
  mutation ($input: UpdateActionInput!) {
    updateAction(input: $input) {
      ${ACTION_FIELDS}
    }
  }
`;

const ASSIGN_ACTION = /* GraphQL */ `
  mutation ($input: AssignActionInput!) {
    assignAction(input: $input) {
      ${ACTION_FIELDS}
    }
  }
`;

const ACTION = /* GraphQL */ `
  query ($id: ID!) {
    action(id: $id) {
      ${ACTION_FIELDS}
    }
  }
`;

const ACTIONS = /* GraphQL */ `
  query ($filter: ActionFilter, $first: Int, $after: String) {
    actions(filter: $filter, first: $first, after: $after) {
      edges {
        node {
          id
          overdue
          status
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`;

const PROBLEM_FIELDS = /* GraphQL */ `
  id
  progressPercent
  lead {
    id
    displayName
  }
  actions {
    ${ACTION_FIELDS}
  }
  assessment {
    outcome
    summary
    current
  }
  outcomeRatings {
    worked
    count
  }
  ratingComments {
    worked
    comment
    day
  }
  viewerRating {
    worked
    comment
  }
  timeline(first: 100) {
    edges {
      node {
        kind
        subjectId
        note
        actor {
          id
        }
      }
    }
  }
`;

const PROBLEM_ACTIONS = /* GraphQL */ `
  query ($id: ID!) {
    problem(id: $id) {
      ${PROBLEM_FIELDS}
    }
  }
`;

const RATINGS_VIEW = /* GraphQL */ `
  query ($id: ID!) {
    problem(id: $id) {
      id
      anonymous
      reporter {
        id
      }
      outcomeRatings {
        worked
        count
      }
      ratingComments {
        worked
        comment
        day
      }
      viewerRating {
        worked
        comment
      }
    }
  }
`;

const LEAD = /* GraphQL */ `
  mutation ($problemId: ID!, $officerId: ID!) {
    assignProblemLead(problemId: $problemId, officerId: $officerId) {
      id
      lead {
        id
      }
    }
  }
`;

const QUEUE = /* GraphQL */ `
  query ($first: Int) {
    problemQueue(first: $first) {
      edges {
        node {
          id
        }
      }
      totalCount
    }
  }
`;

const ME_AREAS = /* GraphQL */ `
  query {
    me {
      areas {
        id
        name
      }
    }
  }
`;

const CHANGE_STATUS = /* GraphQL */ `
  mutation ($input: ChangeProblemStatusInput!) {
    changeProblemStatus(input: $input) {
      status
      progressPercent
    }
  }
`;

const ASSESS = /* GraphQL */ `
  mutation ($input: AssessProblemInput!) {
    assessProblem(input: $input) {
      id
      assessment {
        outcome
        summary
        current
        metrics {
          name
          before
          after
          unit
          period
        }
        assessedBy {
          id
        }
        problem {
          id
        }
      }
    }
  }
`;

const RATE = /* GraphQL */ `
  mutation ($input: RateOutcomeInput!) {
    rateOutcome(input: $input) {
      id
      viewerRating {
        worked
        comment
      }
    }
  }
`;

const LOCAL_TEAM = /* GraphQL */ `
  query ($location: LatLngInput!) {
    localTeam(location: $location) {
      actionsInProgress {
        ${ACTION_FIELDS}
      }
      recentOutcomes {
        outcome
        summary
        problem {
          id
        }
      }
    }
  }
`;

const ORGANISATION = /* GraphQL */ `
  query ($id: ID!) {
    organisation(id: $id) {
      id
      kind
    }
  }
`;

const CREATE_ORGANISATION = /* GraphQL */ `
  mutation ($input: CreateOrganisationInput!) {
    createOrganisation(input: $input) {
      id
      kind
    }
  }
`;

const SET_KIND = /* GraphQL */ `
  mutation ($input: SetOrganisationKindInput!) {
    setOrganisationKind(input: $input) {
      id
      kind
    }
  }
`;
