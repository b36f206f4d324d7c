import { Injectable, Module } from '@nestjs/common';
import { Role } from '@common-ground/shared/auth';
import { OnDomainEvent } from '@common-ground/shared/database';
import { ConflictError } from '@common-ground/shared/graphql';
import { PledgeReleased } from '@common-ground/pledges';
import { FactoryOrganisation, FactorySolution, GraphQLErrorShape } from '@common-ground/shared/testing';
import { recordSql } from './support/sql-recorder';
import { TestApp, TestUser } from './support/test-app';

/** 2^52: one pledge of it is allowed, two overflow a total (2^53 > 2^53 − 1). */
const PLEDGE_MAX = 2 ** 52;
const UNKNOWN_ID = '01890000-0000-7000-8000-000000000000';
const TEST_RELEASE_REFUSED = 'TEST_RELEASE_REFUSED';

/** A later handler of the release that fails for the solutions in `refusing`: the rejection must roll back with it. */
@Injectable()
class RefusingReleaseListener {
  readonly refusing = new Set<string>();

  @OnDomainEvent(PledgeReleased)
  refuse(event: PledgeReleased): void {
    if (this.refusing.has(event.payload.solutionId)) throw new ConflictError('The test refuses the release', { reason: TEST_RELEASE_REFUSED });
  }
}

@Module({ providers: [RefusingReleaseListener] })
class RefusingReleaseModule {}

interface PledgeNode {
  id: string;
  kind: string;
  status: string;
  amount: { amountMinor: number; currency: string } | null;
  capacity: { kind: string; quantity: number; unit: string | null; description: string | null; needId: string | null } | null;
  note: string | null;
  isMatch: boolean;
  evidence: string | null;
  fulfilledAt: string | null;
  pledgedBy: { id: string; displayName: string; email: string | null };
  organisation: { id: string } | null;
  matchOf: { id: string } | null;
  solution: { id: string };
  history: { fromStatus: string | null; toStatus: string; note: string | null; actor: { id: string } | null }[];
}

interface SolutionView {
  id: string;
  fundingGoal: { amountMinor: number; currency: string } | null;
  fundingPledged: { amountMinor: number; currency: string };
  fundingFulfilled: { amountMinor: number; currency: string };
  capacityNeeds: { id: string; kind: string; quantity: number; pledged: number; fulfilled: number }[];
  matchOffers: { id: string; organisation: { id: string }; cap: { amountMinor: number }; ratio: number; matched: { amountMinor: number } }[];
  pledges: { totalCount: number; edges: { node: { id: string; status: string; isMatch: boolean; amount: { amountMinor: number } | null } }[] };
}

describe('pledges and match funding', () => {
  let t: TestApp;
  let refusing: RefusingReleaseListener;
  let admin: TestUser;
  let supervisor: TestUser;
  let officer: TestUser;
  let moderator: TestUser;
  let resident: TestUser;
  let neighbour: TestUser;
  let owner: TestUser;
  let member: TestUser;
  let org: FactoryOrganisation;

  const codeOf = (error: GraphQLErrorShape) => error.extensions?.code;
  const reasonOf = (error: GraphQLErrorShape) => error.extensions?.reason;
  const fieldsOf = (error: GraphQLErrorShape) => ((error.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field);

  /** A fresh problem with a fresh solution (goal in GBP unless `goal` is null), proposed by the neighbour. */
  const solutionFor = async (
    options: { goal?: number | null; currency?: string; needs?: { kind: string; quantity: number; unit?: string }[] } = {},
  ): Promise<FactorySolution> => {
    const problem = await t.make.problems.by(resident).titled('Dealing behind the library').report();
    let draft = t.make.solutions.by(neighbour).on(problem).titled('Youth club on Friday nights');
    if (options.goal !== null) draft = draft.fundingGoal(options.goal ?? 50_000, options.currency ?? 'GBP');
    if (options.needs) draft = draft.capacity(options.needs);
    return draft.propose();
  };
  const create = (user: TestUser | undefined, input: Record<string, unknown>, headers?: Record<string, string>) =>
    t.gql.request<{ createPledge: PledgeNode }>(CREATE_PLEDGE, { input }, { token: user?.token, headers });
  const fund = (user: TestUser, solution: { id: string }, amountMinor: number, more: Record<string, unknown> = {}) =>
    create(user, { solutionId: solution.id, kind: 'FUNDING', amount: { amountMinor, currency: 'GBP' }, ...more });
  const fundOk = async (user: TestUser, solution: { id: string }, amountMinor: number, more: Record<string, unknown> = {}) => {
    const response = await fund(user, solution, amountMinor, more);
    if (response.errors?.length) throw new Error(JSON.stringify(response.errors));
    return response.data!.createPledge;
  };
  const withdraw = (user: TestUser | undefined, pledgeId: string) =>
    t.gql.request<{ withdrawPledge: PledgeNode }>(WITHDRAW_PLEDGE, { pledgeId }, { token: user?.token });
  const fulfil = (user: TestUser | undefined, pledgeId: string, evidence: string | null = 'Receipt 42, seen by PC Olu') =>
    t.gql.request<{ markPledgeFulfilled: PledgeNode }>(MARK_FULFILLED, { input: { pledgeId, evidence } }, { token: user?.token });
  const offer = (user: TestUser, solution: { id: string }, cap: number, ratio?: number, organisation: { id: string } = org, currency = 'GBP') =>
    t.gql.request<{ offerMatchFunding: SolutionView }>(
      OFFER_MATCH,
      { input: { solutionId: solution.id, organisationId: organisation.id, cap: { amountMinor: cap, currency }, ratio } },
      { token: user.token },
    );
  const view = async (solution: { id: string }, token?: string): Promise<SolutionView> =>
    (await t.gql.ok<{ solution: SolutionView }>(SOLUTION, { id: solution.id }, token)).solution;
  const pledgeOf = async (id: string, token?: string): Promise<PledgeNode | null> =>
    (await t.gql.ok<{ pledge: PledgeNode | null }>(PLEDGE, { id }, token)).pledge;
  const reject = (solution: { id: string }) =>
    t.gql.request<{ changeSolutionStatus: { status: string } }>(
      CHANGE_SOLUTION_STATUS,
      { input: { solutionId: solution.id, status: 'REJECTED', note: 'Not workable here' } },
      { token: officer.token },
    );
  const timeline = async (problemId: string) =>
    (
      await t.gql.ok<{
        problem: { timeline: { edges: { node: { kind: string; note: string | null; subjectId: string | null; actor: { id: string } | null } }[] } };
      }>(TIMELINE, { id: problemId })
    ).problem.timeline.edges.map((e) => e.node);
  /** The stored totals beside the sums of the rows they count. */
  const stored = async (solutionId: string) => {
    const [row] = await t.dataSource.query(
      `SELECT s.funding_pledged_minor::text AS pledged, s.funding_fulfilled_minor::text AS fulfilled,
              (SELECT coalesce(sum(amount_minor), 0)::text FROM pledges p WHERE p.solution_id = s.id AND p.status IN ('PLEDGED', 'FULFILLED')) AS pledged_rows,
              (SELECT coalesce(sum(amount_minor), 0)::text FROM pledges p WHERE p.solution_id = s.id AND p.status = 'FULFILLED') AS fulfilled_rows
         FROM solutions s WHERE s.id = $1`,
      [solutionId],
    );
    return row as { pledged: string; fulfilled: string; pledged_rows: string; fulfilled_rows: string };
  };

  beforeAll(async () => {
    t = await TestApp.start(
      { PLEDGE_AMOUNT_MAX_MINOR: String(PLEDGE_MAX), SOLUTION_FUNDING_GOAL_MAX_MINOR: String(Number.MAX_SAFE_INTEGER) },
      { modules: [RefusingReleaseModule] },
    );
    refusing = t.app.get(RefusingReleaseListener);
    ({ admin, supervisor, officer, moderator, resident, neighbour } = await t.make.users.cast());
    [owner, member] = await Promise.all([t.user({ displayName: 'Olive Owner' }), t.user({ displayName: 'Mel Member' })]);
    org = await t.make.organisations.create(owner, { name: 'Library Friends', description: 'We run the library garden.' });
    await t.make.organisations.addMember(org, member, 'MEMBER');
  });
  afterAll(() => t.close());

  describe('createPledge', () => {
    it.each([Role.RESIDENT, Role.OFFICER, Role.SUPERVISOR, Role.MODERATOR, Role.ADMIN])(
      'lets a %s pledge money for themselves, counted on the solution',
      async (role) => {
        const pledger = await t.user({ roles: [role], displayName: `Pledger ${role}` });
        const solution = await solutionFor();
        const pledge = await fundOk(pledger, solution, 1250, { note: '  For the lamps  ' });
        expect(pledge).toMatchObject({
          kind: 'FUNDING',
          status: 'PLEDGED',
          amount: { amountMinor: 1250, currency: 'GBP' },
          capacity: null,
          note: 'For the lamps',
          isMatch: false,
          fulfilledAt: null,
          pledgedBy: { id: pledger.id, displayName: `Pledger ${role}` },
          organisation: null,
          matchOf: null,
          solution: { id: solution.id },
        });
        expect(pledge.history).toEqual([{ fromStatus: null, toStatus: 'PLEDGED', note: null, actor: { id: pledger.id } }]);
        const seen = await view(solution);
        expect(seen.fundingPledged).toEqual({ amountMinor: 1250, currency: 'GBP' });
        expect(seen.fundingFulfilled).toEqual({ amountMinor: 0, currency: 'GBP' });
        expect(seen.pledges.totalCount).toBe(1);
        const made = (await timeline(solution.problemId)).find((e) => e.kind === 'PLEDGE_MADE');
        expect(made).toEqual({ kind: 'PLEDGE_MADE', note: '12.50 GBP', subjectId: pledge.id, actor: { id: pledger.id } });
      },
    );

    it('refuses an anonymous caller with UNAUTHENTICATED and stores nothing', async () => {
      const solution = await solutionFor();
      const error = (await create(undefined, { solutionId: solution.id, kind: 'FUNDING', amount: { amountMinor: 100, currency: 'GBP' } })).errors![0];
      expect(codeOf(error)).toBe('UNAUTHENTICATED');
      expect((await stored(solution.id)).pledged_rows).toBe('0');
    });

    it('pledges capacity toward the need of its kind or the need named, counting its quantity there', async () => {
      const solution = await solutionFor({
        needs: [
          { kind: 'VOLUNTEER_HOURS', quantity: 40, unit: 'hours' },
          { kind: 'Chairs for the hall', quantity: 30 },
        ],
      });
      const [hours, chairs] = (await view(solution)).capacityNeeds;
      const first = await create(resident, { solutionId: solution.id, kind: 'CAPACITY', capacity: { kind: 'VOLUNTEER_HOURS', quantity: 12 } });
      expect(first.data?.createPledge).toMatchObject({
        kind: 'CAPACITY',
        amount: null,
        capacity: { kind: 'VOLUNTEER_HOURS', quantity: 12, unit: 'hours', description: null, needId: hours.id },
      });
      await t.make.pledges.by(owner).toward(solution).capacity('EQUIPMENT', 35, { needId: chairs.id, description: 'Folding chairs' }).pledge();
      // A kind no need has counts toward none.
      const venue = await create(neighbour, { solutionId: solution.id, kind: 'CAPACITY', capacity: { kind: 'VENUE', quantity: 1, unit: 'hall' } });
      expect(venue.data?.createPledge.capacity).toMatchObject({ kind: 'VENUE', needId: null, unit: 'hall' });
      const needs = (await view(solution)).capacityNeeds.map(({ kind, quantity, pledged, fulfilled }) => ({ kind, quantity, pledged, fulfilled }));
      expect(needs).toEqual([
        { kind: 'VOLUNTEER_HOURS', quantity: 40, pledged: 12, fulfilled: 0 },
        // Over the need: allowed and visible.
        { kind: 'Chairs for the hall', quantity: 30, pledged: 35, fulfilled: 0 },
      ]);
      const other = await solutionFor({ needs: [{ kind: 'VENUE', quantity: 1 }] });
      const foreign = (await create(resident, { solutionId: other.id, kind: 'CAPACITY', capacity: { kind: 'VENUE', quantity: 1, needId: hours.id } }))
        .errors![0];
      expect([codeOf(foreign), reasonOf(foreign), fieldsOf(foreign)]).toEqual(['BAD_USER_INPUT', 'CAPACITY_NEED_NOT_FOUND', ['input.capacity.needId']]);
    });

    it('pledges on behalf of an organisation only by its members (else FORBIDDEN), and NOT_FOUND for an unknown one', async () => {
      const solution = await solutionFor();
      for (const user of [owner, member]) {
        const pledge = await fundOk(user, solution, 500, { organisationId: org.id });
        expect(pledge).toMatchObject({ organisation: { id: org.id }, pledgedBy: { id: user.id } });
      }
      for (const user of [resident, admin, officer]) {
        const refused = (await fund(user, solution, 500, { organisationId: org.id })).errors![0];
        expect([codeOf(refused), reasonOf(refused)]).toEqual(['FORBIDDEN', 'NOT_A_MEMBER']);
      }
      const unknown = (await fund(member, solution, 500, { organisationId: UNKNOWN_ID })).errors![0];
      expect([codeOf(unknown), reasonOf(unknown)]).toEqual(['NOT_FOUND', 'ORGANISATION_NOT_FOUND']);
      expect(await stored(solution.id)).toMatchObject({ pledged: '1000', pledged_rows: '1000' });
    });

    it('takes the goal’s currency, or the platform default (GBP) without a goal; another is a CURRENCY_MISMATCH on the field', async () => {
      const euros = await solutionFor({ currency: 'EUR' });
      const ok = await create(resident, { solutionId: euros.id, kind: 'FUNDING', amount: { amountMinor: 700, currency: 'eur' } });
      expect(ok.data?.createPledge.amount).toEqual({ amountMinor: 700, currency: 'EUR' });
      expect((await view(euros)).fundingPledged).toEqual({ amountMinor: 700, currency: 'EUR' });
      const mismatch = (await fund(resident, euros, 700)).errors![0];
      expect([codeOf(mismatch), reasonOf(mismatch), fieldsOf(mismatch)]).toEqual(['BAD_USER_INPUT', 'CURRENCY_MISMATCH', ['input.amount.currency']]);
      expect(mismatch.extensions).toMatchObject({ expected: 'EUR', actual: 'GBP' });

      const noGoal = await solutionFor({ goal: null });
      expect((await view(noGoal)).fundingPledged).toEqual({ amountMinor: 0, currency: 'GBP' });
      await fundOk(resident, noGoal, 300);
      const inEuros = (await create(resident, { solutionId: noGoal.id, kind: 'FUNDING', amount: { amountMinor: 300, currency: 'EUR' } })).errors![0];
      expect([codeOf(inEuros), reasonOf(inEuros)]).toEqual(['BAD_USER_INPUT', 'CURRENCY_MISMATCH']);
      expect(await stored(noGoal.id)).toMatchObject({ pledged: '300', pledged_rows: '300' });
    });

    it.each<[string, Record<string, unknown>, string[], string | undefined]>([
      ['a zero amount', { kind: 'FUNDING', amount: { amountMinor: 0, currency: 'GBP' } }, ['input.amount.amountMinor'], undefined],
      ['a negative amount', { kind: 'FUNDING', amount: { amountMinor: -500, currency: 'GBP' } }, ['input.amount.amountMinor'], undefined],
      [
        'an amount above the maximum',
        { kind: 'FUNDING', amount: { amountMinor: PLEDGE_MAX + 1, currency: 'GBP' } },
        ['input.amount.amountMinor'],
        'PLEDGE_AMOUNT_TOO_LARGE',
      ],
      ['an unknown currency', { kind: 'FUNDING', amount: { amountMinor: 100, currency: 'XYZ' } }, ['input.amount.currency'], undefined],
      ['FUNDING without an amount', { kind: 'FUNDING' }, ['input.amount'], 'PLEDGE_PART_MISSING'],
      ['CAPACITY without a capacity', { kind: 'CAPACITY' }, ['input.capacity'], 'PLEDGE_PART_MISSING'],
      [
        'FUNDING with both an amount and a capacity',
        { kind: 'FUNDING', amount: { amountMinor: 100, currency: 'GBP' }, capacity: { kind: 'SKILL', quantity: 1 } },
        ['input.capacity'],
        'PLEDGE_PART_NOT_ALLOWED',
      ],
      [
        'CAPACITY with both a capacity and an amount',
        { kind: 'CAPACITY', amount: { amountMinor: 100, currency: 'GBP' }, capacity: { kind: 'SKILL', quantity: 1 } },
        ['input.amount'],
        'PLEDGE_PART_NOT_ALLOWED',
      ],
      ['a zero quantity', { kind: 'CAPACITY', capacity: { kind: 'SKILL', quantity: 0 } }, ['input.capacity.quantity'], undefined],
      ['a negative quantity', { kind: 'CAPACITY', capacity: { kind: 'SKILL', quantity: -3 } }, ['input.capacity.quantity'], undefined],
      ['a note that is too long', { kind: 'FUNDING', amount: { amountMinor: 100, currency: 'GBP' }, note: 'x'.repeat(501) }, ['input.note'], undefined],
    ])('refuses %s with BAD_USER_INPUT naming the field, storing nothing', async (_, input, fields, reason) => {
      const solution = await solutionFor();
      const error = (await create(resident, { solutionId: solution.id, ...input })).errors![0];
      expect(codeOf(error)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(error)).toEqual(fields);
      if (reason) expect(reasonOf(error)).toBe(reason);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM pledges WHERE solution_id = $1', [solution.id]);
      expect(n).toBe(0);
    });

    it('refuses an unknown capacity kind, an unknown pledge kind and a fraction of a minor unit as BAD_USER_INPUT', async () => {
      const solution = await solutionFor();
      const fraction = (await create(resident, { solutionId: solution.id, kind: 'FUNDING', amount: { amountMinor: 12.5, currency: 'GBP' } })).errors![0];
      expect(codeOf(fraction)).toBe('BAD_USER_INPUT');
      const capacityKind = (await create(resident, { solutionId: solution.id, kind: 'CAPACITY', capacity: { kind: 'HELICOPTER', quantity: 1 } })).errors![0];
      expect(codeOf(capacityKind)).toBe('BAD_USER_INPUT');
      const pledgeKind = (await create(resident, { solutionId: solution.id, kind: 'GOODWILL' })).errors![0];
      expect(codeOf(pledgeKind)).toBe('BAD_USER_INPUT');
    });

    it('answers NOT_FOUND for an unknown solution', async () => {
      const error = (await fund(resident, { id: UNKNOWN_ID }, 100)).errors![0];
      expect(codeOf(error)).toBe('NOT_FOUND');
    });

    it.each(['REJECTED', 'IMPLEMENTED'] as const)('refuses pledges toward a %s solution (CONFLICT SOLUTION_CLOSED_FOR_PLEDGES)', async (status) => {
      const problem = await t.make.problems.by(resident).inStatus('ANALYSIS');
      const solution = await t.make.solutions.by(neighbour).on(problem).fundingGoal(10_000).decidedBy(officer).inStatus(status);
      const error = (await fund(resident, solution, 100)).errors![0];
      expect([codeOf(error), reasonOf(error), error.extensions?.solutionStatus]).toEqual(['CONFLICT', 'SOLUTION_CLOSED_FOR_PLEDGES', status]);
      const capacity = (await create(resident, { solutionId: solution.id, kind: 'CAPACITY', capacity: { kind: 'SKILL', quantity: 1 } })).errors![0];
      expect(reasonOf(capacity)).toBe('SOLUTION_CLOSED_FOR_PLEDGES');
    });

    it('takes pledges toward SHORTLISTED and ADOPTED solutions', async () => {
      const problem = await t.make.problems.by(resident).inStatus('ANALYSIS');
      for (const status of ['SHORTLISTED', 'ADOPTED'] as const) {
        const solution = await t.make.solutions.by(neighbour).on(problem).fundingGoal(10_000).decidedBy(officer).inStatus(status);
        expect((await fundOk(resident, solution, 100)).status).toBe('PLEDGED');
      }
    });

    it('allows overfunding and shows it, and refuses a total past 2^53 − 1 (CONFLICT AMOUNT_TOO_LARGE) without storing it', async () => {
      const solution = await solutionFor({ goal: 1000 });
      await fundOk(resident, solution, 1500);
      expect((await view(solution)).fundingPledged.amountMinor).toBe(1500);
      expect((await view(solution)).fundingGoal?.amountMinor).toBe(1000);

      const big = await solutionFor({ goal: 1000 });
      await fundOk(resident, big, PLEDGE_MAX);
      await fundOk(neighbour, big, PLEDGE_MAX - 1);
      const overflow = (await fund(owner, big, 1)).errors![0];
      expect([codeOf(overflow), reasonOf(overflow)]).toEqual(['CONFLICT', 'AMOUNT_TOO_LARGE']);
      expect(await stored(big.id)).toMatchObject({ pledged: String(2 * PLEDGE_MAX - 1), pledged_rows: String(2 * PLEDGE_MAX - 1) });
      expect((await view(big)).fundingPledged.amountMinor).toBe(Number.MAX_SAFE_INTEGER);
    });

    it('answers a retry with the same Idempotency-Key with the first pledge, counted once', async () => {
      const solution = await solutionFor();
      const headers = { 'Idempotency-Key': `pledge-${solution.id}` };
      const input = { solutionId: solution.id, kind: 'FUNDING', amount: { amountMinor: 900, currency: 'GBP' } };
      const [a, b] = await Promise.all([create(resident, input, headers), create(resident, input, headers)]);
      expect(a.data?.createPledge.id).toBeDefined();
      expect(b.errors).toBeUndefined();
      expect(b.data?.createPledge.id).toBe(a.data?.createPledge.id);
      expect(await stored(solution.id)).toMatchObject({ pledged: '900', pledged_rows: '900' });
      const reused = (await create(resident, { ...input, amount: { amountMinor: 901, currency: 'GBP' } }, headers)).errors![0];
      expect([codeOf(reused), reasonOf(reused)]).toEqual(['CONFLICT', 'IDEMPOTENCY_KEY_REUSED']);
    });

    it('keeps the totals exact under 100 concurrent pledges: they equal the sum of the rows', async () => {
      const solution = await solutionFor({ needs: [{ kind: 'VOLUNTEER_HOURS', quantity: 100 }] });
      const pledgers = await t.users(100);
      const responses = await Promise.all(
        pledgers.map((user, i) =>
          i % 4 === 3
            ? create(user, { solutionId: solution.id, kind: 'CAPACITY', capacity: { kind: 'VOLUNTEER_HOURS', quantity: i } })
            : fund(user, solution, 100 + i),
        ),
      );
      expect(responses.filter((r) => r.errors?.length)).toEqual([]);
      const expectedFunding = pledgers.reduce((total, _, i) => (i % 4 === 3 ? total : total + 100 + i), 0);
      const expectedHours = pledgers.reduce((total, _, i) => (i % 4 === 3 ? total + i : total), 0);
      expect(await stored(solution.id)).toEqual({
        pledged: String(expectedFunding),
        fulfilled: '0',
        pledged_rows: String(expectedFunding),
        fulfilled_rows: '0',
      });
      const seen = await view(solution);
      expect(seen.fundingPledged.amountMinor).toBe(expectedFunding);
      expect(seen.capacityNeeds[0].pledged).toBe(expectedHours);
      expect(seen.pledges.totalCount).toBe(100);
    });
  });

  describe('withdrawPledge', () => {
    it('lets the pledger withdraw while PLEDGED: the totals drop, the change is recorded and on the timeline; only once', async () => {
      const solution = await solutionFor({ needs: [{ kind: 'SKILL', quantity: 2 }] });
      const money = await fundOk(resident, solution, 2000);
      const skill = await t.make.pledges.by(resident).toward(solution).capacity('SKILL', 2).pledge();
      const withdrawn = await withdraw(resident, money.id);
      expect(withdrawn.data?.withdrawPledge).toMatchObject({ id: money.id, status: 'WITHDRAWN' });
      expect(withdrawn.data?.withdrawPledge.history).toEqual([
        { fromStatus: null, toStatus: 'PLEDGED', note: null, actor: { id: resident.id } },
        { fromStatus: 'PLEDGED', toStatus: 'WITHDRAWN', note: null, actor: { id: resident.id } },
      ]);
      await t.make.pledges.withdraw(skill);
      const seen = await view(solution);
      expect(seen.fundingPledged.amountMinor).toBe(0);
      expect(seen.capacityNeeds[0].pledged).toBe(0);
      const events = (await timeline(solution.problemId)).filter((e) => e.kind === 'PLEDGE_WITHDRAWN');
      expect(events).toEqual([
        { kind: 'PLEDGE_WITHDRAWN', note: '20.00 GBP', subjectId: money.id, actor: { id: resident.id } },
        { kind: 'PLEDGE_WITHDRAWN', note: '2 SKILL', subjectId: skill.id, actor: { id: resident.id } },
      ]);
      const again = (await withdraw(resident, money.id)).errors![0];
      expect([codeOf(again), reasonOf(again), again.extensions?.currentStatus]).toEqual(['CONFLICT', 'PLEDGE_NOT_OPEN', 'WITHDRAWN']);
    });

    it('refuses anyone else’s withdrawal (FORBIDDEN NOT_THE_PLEDGER), officers and admins included', async () => {
      const solution = await solutionFor();
      const pledge = await fundOk(resident, solution, 2000);
      for (const user of [neighbour, officer, supervisor, moderator, admin, owner]) {
        const refused = (await withdraw(user, pledge.id)).errors![0];
        expect([codeOf(refused), reasonOf(refused)]).toEqual(['FORBIDDEN', 'NOT_THE_PLEDGER']);
      }
      expect(codeOf((await withdraw(undefined, pledge.id)).errors![0])).toBe('UNAUTHENTICATED');
      expect((await pledgeOf(pledge.id))?.status).toBe('PLEDGED');
      expect(codeOf((await withdraw(resident, UNKNOWN_ID)).errors![0])).toBe('NOT_FOUND');
    });

    it('lets an OWNER of the pledging organisation withdraw its pledge, and its pledger; not another MEMBER', async () => {
      const solution = await solutionFor();
      const other = await t.user({ displayName: 'Max Member' });
      await t.make.organisations.addMember(org, other, 'MEMBER');
      const byMember = await fundOk(member, solution, 1000, { organisationId: org.id });
      const refused = (await withdraw(other, byMember.id)).errors![0];
      expect([codeOf(refused), reasonOf(refused)]).toEqual(['FORBIDDEN', 'NOT_THE_PLEDGER']);
      expect((await withdraw(owner, byMember.id)).data?.withdrawPledge.status).toBe('WITHDRAWN');
      const second = await fundOk(member, solution, 1000, { organisationId: org.id });
      expect((await withdraw(member, second.id)).data?.withdrawPledge.status).toBe('WITHDRAWN');
      expect(await stored(solution.id)).toMatchObject({ pledged: '0', pledged_rows: '0' });
    });

    it('refuses to withdraw a fulfilled pledge (PLEDGE_NOT_OPEN)', async () => {
      const solution = await solutionFor();
      const pledge = await t.make.pledges.by(resident).toward(solution).funding(400).fulfilled('Paid in', officer);
      const refused = (await withdraw(resident, pledge.id)).errors![0];
      expect([codeOf(refused), reasonOf(refused), refused.extensions?.currentStatus]).toEqual(['CONFLICT', 'PLEDGE_NOT_OPEN', 'FULFILLED']);
    });
  });

  describe('markPledgeFulfilled', () => {
    it.each([
      ['OFFICER', () => officer],
      ['SUPERVISOR', () => supervisor],
      ['ADMIN', () => admin],
    ])('lets an %s confirm a delivery: FULFILLED, counted as fulfilled, recorded and on the timeline', async (_, who) => {
      const solution = await solutionFor({ needs: [{ kind: 'VOLUNTEER_HOURS', quantity: 10 }] });
      const money = await fundOk(resident, solution, 3000);
      const hours = await t.make.pledges.by(neighbour).toward(solution).capacity('VOLUNTEER_HOURS', 6).pledge();
      const done = await fulfil(who(), money.id);
      expect(done.data?.markPledgeFulfilled).toMatchObject({ status: 'FULFILLED', evidence: 'Receipt 42, seen by PC Olu' });
      expect(done.data?.markPledgeFulfilled.fulfilledAt).toEqual(expect.any(String));
      expect(done.data?.markPledgeFulfilled.history.at(-1)).toEqual({ fromStatus: 'PLEDGED', toStatus: 'FULFILLED', note: null, actor: { id: who().id } });
      await t.make.pledges.fulfil(hours, null, who());
      const seen = await view(solution);
      expect([seen.fundingPledged.amountMinor, seen.fundingFulfilled.amountMinor]).toEqual([3000, 3000]);
      expect(seen.capacityNeeds[0]).toMatchObject({ pledged: 6, fulfilled: 6 });
      expect(await stored(solution.id)).toEqual({ pledged: '3000', fulfilled: '3000', pledged_rows: '3000', fulfilled_rows: '3000' });
      const fulfilled = (await timeline(solution.problemId)).filter((e) => e.kind === 'PLEDGE_FULFILLED');
      expect(fulfilled.map((e) => [e.subjectId, e.actor?.id])).toEqual([
        [money.id, who().id],
        [hours.id, who().id],
      ]);
      const again = (await fulfil(who(), money.id)).errors![0];
      expect(reasonOf(again)).toBe('PLEDGE_NOT_OPEN');
    });

    it('refuses residents, moderators and anonymous callers, leaving the pledge open', async () => {
      const solution = await solutionFor();
      const pledge = await fundOk(resident, solution, 3000);
      for (const user of [resident, neighbour, moderator, owner]) expect(codeOf((await fulfil(user, pledge.id)).errors![0])).toBe('FORBIDDEN');
      expect(codeOf((await fulfil(undefined, pledge.id)).errors![0])).toBe('UNAUTHENTICATED');
      expect((await pledgeOf(pledge.id))?.status).toBe('PLEDGED');
      expect((await stored(solution.id)).fulfilled).toBe('0');
    });

    it('refuses a withdrawn pledge (PLEDGE_NOT_OPEN), an unknown one (NOT_FOUND) and evidence that is too long', async () => {
      const solution = await solutionFor();
      const pledge = await fundOk(resident, solution, 3000);
      await withdraw(resident, pledge.id);
      expect(reasonOf((await fulfil(officer, pledge.id)).errors![0])).toBe('PLEDGE_NOT_OPEN');
      expect(codeOf((await fulfil(officer, UNKNOWN_ID)).errors![0])).toBe('NOT_FOUND');
      const long = (await fulfil(officer, pledge.id, 'x'.repeat(2001))).errors![0];
      expect([codeOf(long), fieldsOf(long)]).toEqual(['BAD_USER_INPUT', ['input.evidence']]);
    });

    it('shows the evidence to officers and the pledger only', async () => {
      const solution = await solutionFor();
      const pledge = await t.make.pledges.by(resident).toward(solution).funding(400).fulfilled('Receipt 7 from Rita', officer);
      expect((await pledgeOf(pledge.id, officer.token))?.evidence).toBe('Receipt 7 from Rita');
      expect((await pledgeOf(pledge.id, resident.token))?.evidence).toBe('Receipt 7 from Rita');
      for (const token of [neighbour.token, moderator.token, undefined]) expect((await pledgeOf(pledge.id, token))?.evidence).toBeNull();
    });
  });

  describe('a rejected solution releases its pledges', () => {
    it('releases every open pledge in the rejection’s transaction, by the officer; fulfilled ones stay', async () => {
      const solution = await solutionFor({ needs: [{ kind: 'VOLUNTEER_HOURS', quantity: 10 }] });
      const done = await t.make.pledges.by(neighbour).toward(solution).funding(500).fulfilled('Paid', officer);
      const withdrawn = await fundOk(neighbour, solution, 700);
      await withdraw(neighbour, withdrawn.id);
      // Only the pledges after the offer are matched.
      await t.make.pledges.offerMatch(org, solution, { amountMinor: 100_000 });
      const money = await fundOk(resident, solution, 1000);
      const orgMoney = await fundOk(member, solution, 2000, { organisationId: org.id });
      const hours = await t.make.pledges.by(neighbour).toward(solution).capacity('VOLUNTEER_HOURS', 4).pledge();
      expect((await view(solution)).fundingPledged.amountMinor).toBe(1000 + 1000 + 2000 + 500);

      expect((await reject(solution)).data?.changeSolutionStatus.status).toBe('REJECTED');
      const seen = await view(solution);
      const statuses = Object.fromEntries(seen.pledges.edges.map((e) => [e.node.id, e.node.status]));
      const match = seen.pledges.edges.find((e) => e.node.isMatch)!.node;
      expect(statuses).toEqual({
        [money.id]: 'RELEASED',
        [match.id]: 'RELEASED',
        [orgMoney.id]: 'RELEASED',
        [hours.id]: 'RELEASED',
        [done.id]: 'FULFILLED',
        [withdrawn.id]: 'WITHDRAWN',
      });
      expect([seen.fundingPledged.amountMinor, seen.fundingFulfilled.amountMinor]).toEqual([500, 500]);
      expect(seen.capacityNeeds[0]).toMatchObject({ pledged: 0, fulfilled: 0 });
      expect(seen.matchOffers[0].matched.amountMinor).toBe(0);
      expect(await stored(solution.id)).toEqual({ pledged: '500', fulfilled: '500', pledged_rows: '500', fulfilled_rows: '500' });
      const released = (await timeline(solution.problemId)).filter((e) => e.kind === 'PLEDGE_RELEASED');
      expect(released.map((e) => e.subjectId).sort()).toEqual([money.id, match.id, orgMoney.id, hours.id].sort());
      expect(released.every((e) => e.actor?.id === officer.id)).toBe(true);
      expect((await pledgeOf(money.id))?.history.at(-1)).toEqual({
        fromStatus: 'PLEDGED',
        toStatus: 'RELEASED',
        note: 'The solution was rejected',
        actor: { id: officer.id },
      });
    });

    it('rolls the rejection back when a handler of the release fails: nothing is released, the solution stays open', async () => {
      const solution = await solutionFor();
      const pledge = await fundOk(resident, solution, 1000);
      refusing.refusing.add(solution.id);
      const refused = (await reject(solution)).errors![0];
      expect(reasonOf(refused)).toBe(TEST_RELEASE_REFUSED);
      refusing.refusing.delete(solution.id);
      expect((await pledgeOf(pledge.id))?.status).toBe('PLEDGED');
      const [{ status }] = await t.dataSource.query('SELECT status FROM solutions WHERE id = $1', [solution.id]);
      expect(status).toBe('PROPOSED');
      expect(await stored(solution.id)).toMatchObject({ pledged: '1000', pledged_rows: '1000' });
      expect((await timeline(solution.problemId)).map((e) => e.kind)).not.toContain('PLEDGE_RELEASED');
      // Once the handler agrees, the same rejection goes through.
      expect((await reject(solution)).data?.changeSolutionStatus.status).toBe('REJECTED');
      expect((await pledgeOf(pledge.id))?.status).toBe('RELEASED');
    });
  });

  describe('match funding', () => {
    it('lets an OWNER or a MEMBER offer; refuses others, unknown organisations, other currencies, caps above the maximum and closed solutions', async () => {
      const solution = await solutionFor();
      const byOwner = await offer(owner, solution, 10_000);
      expect(byOwner.data?.offerMatchFunding.matchOffers).toEqual([
        expect.objectContaining({ organisation: { id: org.id }, cap: { amountMinor: 10_000 }, ratio: 1, matched: { amountMinor: 0 } }),
      ]);
      expect((await offer(member, solution, 5000, 2)).data?.offerMatchFunding.matchOffers.map((o) => o.ratio)).toEqual([1, 2]);
      for (const user of [resident, officer, admin]) {
        const refused = (await offer(user, solution, 5000)).errors![0];
        expect([codeOf(refused), reasonOf(refused)]).toEqual(['FORBIDDEN', 'NOT_A_MEMBER']);
      }
      expect(reasonOf((await offer(owner, solution, 5000, 1, { id: UNKNOWN_ID })).errors![0])).toBe('ORGANISATION_NOT_FOUND');
      const euros = (await offer(owner, solution, 5000, 1, org, 'EUR')).errors![0];
      expect([codeOf(euros), reasonOf(euros), fieldsOf(euros)]).toEqual(['BAD_USER_INPUT', 'CURRENCY_MISMATCH', ['input.cap.currency']]);
      const tooMuch = (await offer(owner, solution, PLEDGE_MAX + 1)).errors![0];
      expect([reasonOf(tooMuch), fieldsOf(tooMuch)]).toEqual(['PLEDGE_AMOUNT_TOO_LARGE', ['input.cap.amountMinor']]);
      for (const ratio of [0, 11]) expect(fieldsOf((await offer(owner, solution, 5000, ratio)).errors![0])).toEqual(['input.ratio']);
      expect(fieldsOf((await offer(owner, solution, 0)).errors![0])).toEqual(['input.cap.amountMinor']);
      const problem = await t.make.problems.by(resident).inStatus('ANALYSIS');
      const rejected = await t.make.solutions.by(neighbour).on(problem).fundingGoal(10_000).decidedBy(officer).inStatus('REJECTED');
      expect(reasonOf((await offer(owner, rejected, 5000)).errors![0])).toBe('SOLUTION_CLOSED_FOR_PLEDGES');
      const made = (await timeline(solution.problemId)).filter((e) => e.kind === 'MATCH_FUNDING_OFFERED');
      expect(made.map((e) => [e.note, e.actor?.id])).toEqual([
        ['1:1 up to 100.00 GBP', owner.id],
        ['2:1 up to 50.00 GBP', member.id],
      ]);
    });

    it('matches each resident’s own FUNDING pledge until the cap, the last match partial; not organisations’ pledges nor capacity', async () => {
      const solution = await solutionFor({ needs: [{ kind: 'SKILL', quantity: 1 }] });
      await t.make.pledges.offerMatch(org, solution, { amountMinor: 2500 });
      await fundOk(resident, solution, 1000);
      await fundOk(member, solution, 1000, { organisationId: org.id });
      await t.make.pledges.by(resident).toward(solution).capacity('SKILL', 1).pledge();
      await fundOk(neighbour, solution, 1000);
      const third = await fundOk(officer, solution, 1000);
      await fundOk(admin, solution, 1000);
      const seen = await view(solution);
      expect(seen.matchOffers[0].matched.amountMinor).toBe(2500);
      const matches = seen.pledges.edges.filter((e) => e.node.isMatch).map((e) => e.node.amount?.amountMinor);
      expect(matches).toEqual([500, 1000, 1000]);
      expect(seen.fundingPledged.amountMinor).toBe(5000 + 2500);
      const match = (await pledgeOf(seen.pledges.edges.find((e) => e.node.isMatch && e.node.amount?.amountMinor === 500)!.node.id))!;
      expect(match).toMatchObject({ isMatch: true, organisation: { id: org.id }, pledgedBy: { id: owner.id }, matchOf: { id: third.id } });
      expect(match.history).toEqual([{ fromStatus: null, toStatus: 'PLEDGED', note: null, actor: { id: owner.id } }]);
      const matched = (await timeline(solution.problemId)).filter((e) => e.kind === 'PLEDGE_MATCHED');
      expect(matched.map((e) => [e.note, e.actor?.id])).toEqual([
        ['10.00 GBP', owner.id],
        ['10.00 GBP', owner.id],
        ['5.00 GBP', owner.id],
      ]);
      expect(await stored(solution.id)).toMatchObject({ pledged: '7500', pledged_rows: '7500' });
    });

    it('matches at the offer’s ratio, rounding the last share down', async () => {
      const solution = await solutionFor();
      await t.make.pledges.offerMatch(org, solution, { amountMinor: 2999 }, { ratio: 2 });
      await fundOk(resident, solution, 1000);
      await fundOk(neighbour, solution, 1000);
      const seen = await view(solution);
      expect(seen.pledges.edges.filter((e) => e.node.isMatch).map((e) => e.node.amount?.amountMinor)).toEqual([999, 2000]);
      expect(seen.matchOffers[0].matched.amountMinor).toBe(2999);
    });

    it('withdraws a match with the pledge it matches and frees the cap; a match pledge cannot be withdrawn alone', async () => {
      const solution = await solutionFor();
      await t.make.pledges.offerMatch(org, solution, { amountMinor: 1500 });
      const first = await fundOk(resident, solution, 1000);
      await fundOk(neighbour, solution, 1000);
      const matchOfFirst = (await view(solution)).pledges.edges.find((e) => e.node.isMatch && e.node.amount?.amountMinor === 1000)!.node;
      const alone = (await withdraw(owner, matchOfFirst.id)).errors![0];
      expect([codeOf(alone), reasonOf(alone)]).toEqual(['CONFLICT', 'MATCH_FOLLOWS_ITS_PLEDGE']);
      await withdraw(resident, first.id);
      expect((await pledgeOf(matchOfFirst.id))?.history.at(-1)).toEqual({
        fromStatus: 'PLEDGED',
        toStatus: 'WITHDRAWN',
        note: 'Withdrawn with the pledge it matches',
        actor: { id: resident.id },
      });
      let seen = await view(solution);
      expect(seen.matchOffers[0].matched.amountMinor).toBe(500);
      expect(seen.fundingPledged.amountMinor).toBe(1500);
      // The freed cap matches the next pledge.
      await fundOk(officer, solution, 2000);
      seen = await view(solution);
      expect(seen.matchOffers[0].matched.amountMinor).toBe(1500);
      expect(seen.fundingPledged.amountMinor).toBe(1000 + 500 + 2000 + 1000);
      expect(await stored(solution.id)).toMatchObject({ pledged: '4500', pledged_rows: '4500' });
    });

    it('applies several offers in the order they were made: the next one starts where the earlier is full', async () => {
      const solution = await solutionFor();
      const second = await t.make.organisations.create(neighbour, { name: 'Canal Trust Volunteers' });
      await t.make.pledges.offerMatch(org, solution, { amountMinor: 1500 });
      await t.make.pledges.offerMatch(second, solution, { amountMinor: 5000 });
      await fundOk(resident, solution, 1000);
      await fundOk(admin, solution, 1000);
      const seen = await view(solution);
      expect(seen.matchOffers.map((o) => [o.organisation.id, o.matched.amountMinor])).toEqual([
        [org.id, 1500],
        [second.id, 500],
      ]);
      expect(seen.fundingPledged.amountMinor).toBe(4000);
    });

    it('never matches past the cap under 100 concurrent pledges: a cap of 500.00 with 100 pledges of 10.00 matches exactly 500.00', async () => {
      const solution = await solutionFor();
      await t.make.pledges.offerMatch(org, solution, { amountMinor: 50_000 });
      const pledgers = await t.users(100);
      const responses = await Promise.all(pledgers.map((user) => fund(user, solution, 1000)));
      expect(responses.filter((r) => r.errors?.length)).toEqual([]);
      const seen = await view(solution);
      expect(seen.matchOffers[0].matched.amountMinor).toBe(50_000);
      const [rows] = await t.dataSource.query(
        `SELECT count(*)::int AS n, sum(amount_minor)::text AS total FROM pledges WHERE solution_id = $1 AND match_offer_id IS NOT NULL AND status = 'PLEDGED'`,
        [solution.id],
      );
      expect(rows).toEqual({ n: 50, total: '50000' });
      expect(await stored(solution.id)).toMatchObject({ pledged: '150000', pledged_rows: '150000' });
    });
  });

  describe('reading pledges', () => {
    it('pages a solution’s pledges newest first, with cursors', async () => {
      const solution = await solutionFor();
      const made: string[] = [];
      for (const amount of [100, 200, 300, 400, 500]) made.push((await fundOk(resident, solution, amount)).id);
      const page = async (after?: string) =>
        (
          await t.gql.ok<{
            solution: { pledges: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] } };
          }>(SOLUTION_PLEDGES_PAGE, { id: solution.id, first: 2, after })
        ).solution.pledges;
      const first = await page();
      const second = await page(first.pageInfo.endCursor);
      const third = await page(second.pageInfo.endCursor);
      expect([...first.edges, ...second.edges, ...third.edges].map((e) => e.node.id)).toEqual([...made].reverse());
      expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage, third.pageInfo.hasNextPage]).toEqual([true, true, false]);
      expect(first.totalCount).toBe(5);
      const forged = await t.gql.error(SOLUTION_PLEDGES_PAGE, { id: solution.id, first: 2, after: 'not-a-cursor' });
      expect([codeOf(forged), fieldsOf(forged)]).toEqual(['BAD_USER_INPUT', ['after']]);
    });

    it('shows an organisation’s pledges and its totals pledged and fulfilled, per currency', async () => {
      const giver = await t.make.organisations.create(resident, { name: 'Riverside Traders' });
      const pounds = await solutionFor();
      const euros = await solutionFor({ currency: 'EUR' });
      await fundOk(resident, pounds, 1000, { organisationId: giver.id });
      const paid = await t.make.pledges.by(resident).toward(pounds).funding(2500).forOrganisation(giver).fulfilled('Transfer seen', officer);
      await create(resident, { solutionId: euros.id, kind: 'FUNDING', amount: { amountMinor: 800, currency: 'EUR' }, organisationId: giver.id });
      const gone = await fundOk(resident, pounds, 9000, { organisationId: giver.id });
      await withdraw(resident, gone.id);
      await t.make.pledges.by(resident).toward(pounds).capacity('VENUE', 1).forOrganisation(giver).pledge();
      const { organisation } = await t.gql.ok<{
        organisation: {
          pledges: { totalCount: number; edges: { node: { id: string; kind: string } }[] };
          pledgeTotals: { pledged: unknown[]; fulfilled: unknown[] };
        };
      }>(ORGANISATION_PLEDGES, { id: giver.id });
      expect(organisation.pledges.totalCount).toBe(5);
      expect(organisation.pledges.edges[3].node.id).toBe(paid.id);
      expect(organisation.pledgeTotals).toEqual({
        pledged: [
          { amountMinor: 800, currency: 'EUR' },
          { amountMinor: 3500, currency: 'GBP' },
        ],
        fulfilled: [{ amountMinor: 2500, currency: 'GBP' }],
      });
    });

    it('costs no statement for the totals on a page of solutions: they are columns of the rows read anyway', async () => {
      const problem = await t.make.problems.by(resident).titled('Dealing behind the library').report();
      for (let i = 0; i < 3; i++) {
        const solution = await t.make.solutions
          .by(neighbour)
          .on(problem)
          .fundingGoal(10_000)
          .capacity([{ kind: 'VOLUNTEER_HOURS', quantity: 5 }])
          .propose();
        await fundOk(resident, solution, 100 * (i + 1));
        await t.make.pledges
          .by(resident)
          .toward(solution)
          .capacity('VOLUNTEER_HOURS', i + 1)
          .pledge();
      }
      const page = (fields: string) =>
        `query ($id: ID!) { problem(id: $id) { solutions(first: 10) { edges { node { id capacityNeeds { quantity ${fields} } ${fields ? 'fundingPledged { amountMinor } fundingFulfilled { amountMinor }' : ''} } } } } }`;
      const without = await recordSql(t.dataSource, () => t.gql.ok(page(''), { id: problem.id }));
      const withTotals = await recordSql(t.dataSource, () =>
        t.gql.ok<{ problem: { solutions: { edges: { node: { fundingPledged: { amountMinor: number }; capacityNeeds: { pledged: number }[] } }[] } } }>(
          page('pledged fulfilled'),
          {
            id: problem.id,
          },
        ),
      );
      expect(withTotals.queries.length).toBe(without.queries.length);
      expect(withTotals.queries.filter((q) => /\bpledges\b/.test(q.query))).toEqual([]);
      const nodes = withTotals.result.problem.solutions.edges.map((e) => e.node);
      expect(nodes.map((n) => n.fundingPledged.amountMinor).sort()).toEqual([100, 200, 300]);
      expect(nodes.map((n) => n.capacityNeeds[0].pledged).sort()).toEqual([1, 2, 3]);
    });

    it('answers null for an unknown pledge', async () => {
      expect(await pledgeOf(UNKNOWN_ID)).toBeNull();
    });

    it('lists organisations in a public directory by name, with search and paging', async () => {
      const names = ['Zebra Crossing Watch', 'allotment society of Millbrook', 'Millbrook 100% Volunteers', 'Millbrook_Youth', 'MILLBROOK Traders'];
      const founder = await t.user();
      for (const name of names) await t.make.organisations.create(founder, { name });
      const directory = async (variables: Record<string, unknown>) =>
        (
          await t.gql.ok<{ organisations: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { name: string } }[] } }>(
            ORGANISATIONS,
            variables,
          )
        ).organisations;
      const millbrook = await directory({ search: 'MILLBROOK' });
      expect(millbrook.edges.map((e) => e.node.name)).toEqual([
        'allotment society of Millbrook',
        'Millbrook 100% Volunteers',
        'MILLBROOK Traders',
        'Millbrook_Youth',
      ]);
      expect(millbrook.totalCount).toBe(4);
      expect((await directory({ search: '100%' })).edges.map((e) => e.node.name)).toEqual(['Millbrook 100% Volunteers']);
      expect((await directory({ search: 'k_y' })).edges.map((e) => e.node.name)).toEqual(['Millbrook_Youth']);
      const first = await directory({ first: 2 });
      const rest = await directory({ first: 100, after: first.pageInfo.endCursor });
      const all = [...first.edges, ...rest.edges].map((e) => e.node.name);
      expect(all).toEqual((await directory({ first: 100 })).edges.map((e) => e.node.name));
      expect(all.indexOf('allotment society of Millbrook')).toBeLessThan(all.indexOf('Zebra Crossing Watch'));
      expect(first.totalCount).toBe(all.length);
      expect(fieldsOf(await t.gql.error(ORGANISATIONS, { search: 'x'.repeat(101) }))).toEqual(['search']);
    });
  });

  describe('privacy', () => {
    it('shows a pledging anonymous reporter as a pledger like any other, never as the reporter', async () => {
      const problem = await t.make.problems.by(neighbour).anonymous().report();
      const solution = await t.make.solutions.by(resident).on(problem).fundingGoal(10_000).propose();
      const byReporter = await fundOk(neighbour, solution, 1000);
      const byOther = await fundOk(owner, solution, 1000);
      for (const token of [undefined, resident.token, officer.token]) {
        const reporterView = await pledgeOf(byReporter.id, token);
        const otherView = await pledgeOf(byOther.id, token);
        expect(reporterView?.pledgedBy).toEqual({ id: neighbour.id, displayName: neighbour.displayName, email: null });
        expect(otherView?.pledgedBy).toEqual({ id: owner.id, displayName: owner.displayName, email: null });
        const { problem: seen } = await t.gql.ok<{ problem: { reporter: { id: string } | null } }>(PROBLEM_REPORTER, { id: problem.id }, token);
        expect(seen.reporter).toBeNull();
      }
      const events = await timeline(problem.id);
      expect(events.find((e) => e.kind === 'REPORTED')?.actor).toBeNull();
      expect(events.filter((e) => e.kind === 'PLEDGE_MADE').map((e) => e.actor?.id)).toEqual([neighbour.id, owner.id]);
      expect((await pledgeOf(byReporter.id, neighbour.token))?.pledgedBy.email).toBe(neighbour.email);
    });
  });
});

const PLEDGE_FIELDS = `id kind status note isMatch evidence fulfilledAt
  amount { amountMinor currency } capacity { kind quantity unit description needId }
  pledgedBy { id displayName email } organisation { id } matchOf { id } solution { id }
  history { fromStatus toStatus note actor { id } }`;
const CREATE_PLEDGE = `mutation ($input: CreatePledgeInput!) { createPledge(input: $input) { ${PLEDGE_FIELDS} } }`;
const WITHDRAW_PLEDGE = `mutation ($pledgeId: ID!) { withdrawPledge(pledgeId: $pledgeId) { ${PLEDGE_FIELDS} } }`;
const MARK_FULFILLED = `mutation ($input: MarkPledgeFulfilledInput!) { markPledgeFulfilled(input: $input) { ${PLEDGE_FIELDS} } }`;
const PLEDGE = `query ($id: ID!) { pledge(id: $id) { ${PLEDGE_FIELDS} } }`;
const SOLUTION_VIEW_FIELDS = `id fundingGoal { amountMinor currency } fundingPledged { amountMinor currency } fundingFulfilled { amountMinor currency }
  capacityNeeds { id kind quantity pledged fulfilled }
  matchOffers { id organisation { id } cap { amountMinor } ratio matched { amountMinor } }
  pledges(first: 100) { totalCount edges { node { id status isMatch amount { amountMinor } } } }`;
const SOLUTION = `query ($id: ID!) { solution(id: $id) { ${SOLUTION_VIEW_FIELDS} } }`;
const OFFER_MATCH = `mutation ($input: OfferMatchFundingInput!) { offerMatchFunding(input: $input) { ${SOLUTION_VIEW_FIELDS} } }`;
const CHANGE_SOLUTION_STATUS = `mutation ($input: ChangeSolutionStatusInput!) { changeSolutionStatus(input: $input) { id status } }`;
const TIMELINE = `query ($id: ID!) { problem(id: $id) { timeline(first: 100) { edges { node { kind note subjectId actor { id } } } } } }`;
const SOLUTION_PLEDGES_PAGE = `query ($id: ID!, $first: Int, $after: String) { solution(id: $id) {
  pledges(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
const ORGANISATION_PLEDGES = `query ($id: ID!) { organisation(id: $id) {
  pledges(first: 10) { totalCount edges { node { id kind } } }
  pledgeTotals { pledged { amountMinor currency } fulfilled { amountMinor currency } } } }`;
const ORGANISATIONS = `query ($search: String, $first: Int, $after: String) { organisations(search: $search, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }`;
const PROBLEM_REPORTER = `query ($id: ID!) { problem(id: $id) { reporter { id } } }`;
