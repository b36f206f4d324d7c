import { Injectable, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Role } from '@common-ground/shared/auth';
import { DomainEvent, DomainEvents, DomainEventsMisuse, OnDomainEvent } from '@common-ground/shared/database';
import { ConflictError } from '@common-ground/shared/graphql';
import { AnalysisRecorded, ProblemMarkedDuplicate, ProblemReported, ProblemStatus, ProblemStatusChanged } from '@common-ground/problems';
import { CommentAdded, SolutionProposed, SolutionRejected, SolutionStatusChanged } from '@common-ground/solutions';
import { TestApp, TestUser } from './support/test-app';

/** What the test listener saw inside the publishing transaction. */
interface Heard {
  type: string;
  payload: Record<string, unknown>;
  /** The problem's timeline kinds as the handler's manager sees them (the listener of the lib runs first). */
  timelineInTransaction: string[];
  /** For solution events: the solution's status as the handler's manager sees it. */
  solutionStatusInTransaction?: string | null;
}

const TEST_HANDLER_REFUSED = 'TEST_HANDLER_REFUSED';

/**
 * A higher lib's handlers, registered for the tests the way a lib registers its own: a provider
 * in a module, methods marked `@OnDomainEvent`. It refuses the events of the problems in
 * `refusing`, as a lib with a rule of its own would.
 */
@Injectable()
class TestListener {
  readonly heard: Heard[] = [];
  /** Problems (by id) and reporters (by user id) whose events this handler refuses. */
  readonly refusing = new Set<string>();

  @OnDomainEvent(ProblemReported)
  @OnDomainEvent(ProblemStatusChanged)
  @OnDomainEvent(ProblemMarkedDuplicate)
  @OnDomainEvent(AnalysisRecorded)
  @OnDomainEvent(SolutionProposed)
  @OnDomainEvent(SolutionStatusChanged)
  @OnDomainEvent(CommentAdded)
  async any(event: DomainEvent<{ problemId: string; solutionId?: string; reporterId?: string }>, manager: EntityManager): Promise<void> {
    const { problemId, solutionId, reporterId } = event.payload;
    const timeline: { kind: string }[] = await manager.query('SELECT kind FROM problem_events WHERE problem_id = $1 ORDER BY at, id', [problemId]);
    const heard: Heard = { type: event.type, payload: { ...event.payload }, timelineInTransaction: timeline.map((row) => row.kind) };
    if (solutionId) {
      const [solution]: { status: string }[] = await manager.query('SELECT status FROM solutions WHERE id = $1', [solutionId]);
      heard.solutionStatusInTransaction = solution?.status ?? null;
    }
    this.heard.push(heard);
    if (this.refusing.has(problemId) || (reporterId && this.refusing.has(reporterId)))
      throw new ConflictError(`The test refuses ${event.type}`, { reason: TEST_HANDLER_REFUSED });
  }

  /** As the pledges lib does (it releases their pledges): listen to rejections only. */
  readonly rejections: string[] = [];

  @OnDomainEvent(SolutionRejected)
  rejected(event: SolutionRejected): void {
    this.rejections.push(event.payload.solutionId);
  }
}

@Module({ providers: [TestListener] })
class TestListenerModule {}

interface TimelineNode {
  kind: string;
  note: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  subjectId: string | null;
  actor: { id: string } | null;
}

describe('domain events', () => {
  let t: TestApp;
  let listener: TestListener;
  let officer: TestUser;
  let resident: TestUser;
  let neighbour: TestUser;
  const centre = { lat: 51.5072, lng: -0.1276 };

  const report = async (user: TestUser = resident): Promise<string> => {
    const data = await t.gql.ok<{ reportProblem: { id: string } }>(
      REPORT,
      { input: { title: 'Dealing behind the library', description: 'Every evening after 8.', categoryCode: 'ANTISOCIAL_BEHAVIOUR', location: centre } },
      user.token,
    );
    return data.reportProblem.id;
  };
  const propose = (problemId: string, user: TestUser = resident) =>
    t.gql.request<{ proposeSolution: { id: string } }>(
      PROPOSE,
      { input: { problemId, title: 'Better lighting on the path', description: 'LED lamps.', capacityNeeds: [{ kind: 'volunteers', quantity: 4 }] } },
      { token: user.token },
    );
  const changeProblemStatus = (problemId: string, status: string, note?: string) =>
    t.gql.request(CHANGE_PROBLEM_STATUS, { input: { problemId, status, note } }, { token: officer.token });
  const changeSolutionStatus = (solutionId: string, status: string, note?: string) =>
    t.gql.request(CHANGE_SOLUTION_STATUS, { input: { solutionId, status, note } }, { token: officer.token });
  const timeline = async (problemId: string): Promise<TimelineNode[]> =>
    (await t.gql.ok<{ problem: { timeline: { edges: { node: TimelineNode }[] } } }>(TIMELINE, { id: problemId }, officer.token)).problem.timeline.edges.map(
      (e) => e.node,
    );
  const heardFor = (problemId: string) => listener.heard.filter((h) => h.payload.problemId === problemId || h.payload.survivorId === problemId);
  const refusedWith = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions;

  beforeAll(async () => {
    t = await TestApp.start({}, { modules: [TestListenerModule] });
    listener = t.app.get(TestListener);
    [officer, resident, neighbour] = await Promise.all([
      t.user({ roles: [Role.OFFICER], displayName: 'Olu Officer' }),
      t.user({ displayName: 'Rita Resident' }),
      t.user({ displayName: 'Ned Neighbour' }),
    ]);
  });
  afterAll(() => t.close());

  describe('a handler that throws rolls the change back', () => {
    it('proposeSolution: no solution, no count, no timeline row; the client gets the handler error', async () => {
      const problemId = await report();
      listener.refusing.add(problemId);
      const response = await propose(problemId);
      expect(response.data?.proposeSolution ?? null).toBeNull();
      expect(refusedWith(response)).toMatchObject({ code: 'CONFLICT', reason: TEST_HANDLER_REFUSED });

      // Inside the transaction the handler saw the solution and the timeline row the solutions lib wrote…
      const proposed = heardFor(problemId).filter((h) => h.type === 'solutions.solution-proposed');
      expect(proposed).toHaveLength(1);
      expect(proposed[0]).toMatchObject({
        payload: { problemId, proposerId: resident.id, organisationId: null },
        timelineInTransaction: ['REPORTED', 'SOLUTION_PROPOSED'],
        solutionStatusInTransaction: 'PROPOSED',
      });
      // …and none of it was committed.
      const solutionId = proposed[0].payload.solutionId as string;
      expect(await t.dataSource.query('SELECT id FROM solutions WHERE id = $1 OR problem_id = $2', [solutionId, problemId])).toEqual([]);
      expect(await t.dataSource.query('SELECT id FROM solution_capacity_needs WHERE solution_id = $1', [solutionId])).toEqual([]);
      expect(await t.dataSource.query('SELECT solution_count FROM problems WHERE id = $1', [problemId])).toEqual([{ solution_count: 0 }]);
      expect((await timeline(problemId)).map((e) => e.kind)).toEqual(['REPORTED']);

      listener.refusing.delete(problemId);
      const accepted = await propose(problemId);
      expect(accepted.errors).toBeUndefined();
      expect((await timeline(problemId)).map((e) => [e.kind, e.subjectId])).toEqual([
        ['REPORTED', null],
        ['SOLUTION_PROPOSED', accepted.data?.proposeSolution.id],
      ]);
    });

    it('reportProblem: no problem, no support, no timeline row', async () => {
      const refused = await t.user({ displayName: 'Rex Refused' });
      listener.refusing.add(refused.id);
      const before: { count: number }[] = await t.dataSource.query('SELECT count(*)::int AS count FROM problems');
      const seenBefore = listener.heard.length;
      const response = await t.gql.request(
        REPORT,
        { input: { title: 'Refused', description: 'Never stored.', categoryCode: 'ANTISOCIAL_BEHAVIOUR', location: centre } },
        { token: refused.token },
      );
      expect(response.data?.reportProblem ?? null).toBeNull();
      expect(refusedWith(response)).toMatchObject({ code: 'CONFLICT', reason: TEST_HANDLER_REFUSED });
      const reported = listener.heard.slice(seenBefore);
      expect(reported.map((h) => [h.type, h.payload.reporterId, h.timelineInTransaction])).toEqual([['problems.problem-reported', refused.id, ['REPORTED']]]);
      const problemId = reported[0].payload.problemId as string;
      expect(await t.dataSource.query('SELECT id FROM problems WHERE id = $1', [problemId])).toEqual([]);
      expect(await t.dataSource.query('SELECT 1 FROM problem_supports WHERE problem_id = $1', [problemId])).toEqual([]);
      expect(await t.dataSource.query('SELECT 1 FROM problem_events WHERE problem_id = $1', [problemId])).toEqual([]);
      expect(await t.dataSource.query('SELECT count(*)::int AS count FROM problems')).toEqual(before);
      listener.refusing.delete(refused.id);
    });

    it('changeProblemStatus and recordAnalysis: the status and the analysis stay, no timeline row', async () => {
      const problemId = await report();
      listener.refusing.add(problemId);
      expect(refusedWith(await changeProblemStatus(problemId, 'SCANNING'))).toMatchObject({ reason: TEST_HANDLER_REFUSED });
      expect(refusedWith(await t.gql.request(RECORD_ANALYSIS, { input: { problemId, place: 'The path' } }, { token: officer.token }))).toMatchObject({
        reason: TEST_HANDLER_REFUSED,
      });
      expect(await t.dataSource.query('SELECT status FROM problems WHERE id = $1', [problemId])).toEqual([{ status: 'REPORTED' }]);
      expect(await t.dataSource.query('SELECT 1 FROM problem_analyses WHERE problem_id = $1', [problemId])).toEqual([]);
      expect((await timeline(problemId)).map((e) => e.kind)).toEqual(['REPORTED']);
      expect(heardFor(problemId).map((h) => [h.type, h.timelineInTransaction])).toEqual([
        ['problems.problem-reported', ['REPORTED']],
        ['problems.problem-status-changed', ['REPORTED', 'STATUS_CHANGED']],
        ['problems.analysis-recorded', ['REPORTED', 'ANALYSIS_RECORDED']],
      ]);
      listener.refusing.delete(problemId);
    });

    it('markDuplicate: neither side changes, the supports stay where they were', async () => {
      const original = await report();
      const copy = await report(neighbour);
      listener.refusing.add(copy);
      const response = await t.gql.request(MARK_DUPLICATE, { input: { problemId: copy, duplicateOfId: original } }, { token: officer.token });
      expect(refusedWith(response)).toMatchObject({ reason: TEST_HANDLER_REFUSED });
      const rows: { id: string; status: string; support_count: number; duplicate_of_id: string | null }[] = await t.dataSource.query(
        'SELECT id, status, support_count, duplicate_of_id FROM problems WHERE id = ANY($1::uuid[]) ORDER BY reported_at',
        [[original, copy]],
      );
      expect(rows).toEqual([
        { id: original, status: 'REPORTED', support_count: 1, duplicate_of_id: null },
        { id: copy, status: 'REPORTED', support_count: 1, duplicate_of_id: null },
      ]);
      expect(await t.dataSource.query('SELECT user_id FROM problem_supports WHERE problem_id = $1', [copy])).toEqual([{ user_id: neighbour.id }]);
      expect((await timeline(copy)).map((e) => e.kind)).toEqual(['REPORTED']);
      expect((await timeline(original)).map((e) => e.kind)).toEqual(['REPORTED']);
      listener.refusing.delete(copy);
    });

    it('changeSolutionStatus and addComment: the solution keeps its status, no comment, no timeline row', async () => {
      const problemId = await report();
      const solutionId = (await propose(problemId)).data?.proposeSolution.id as string;
      listener.refusing.add(problemId);
      expect(refusedWith(await changeSolutionStatus(solutionId, 'REJECTED', 'Too costly'))).toMatchObject({ reason: TEST_HANDLER_REFUSED });
      expect(await t.dataSource.query('SELECT status, status_note FROM solutions WHERE id = $1', [solutionId])).toEqual([
        { status: 'PROPOSED', status_note: null },
      ]);
      expect(refusedWith(await t.gql.request(ADD_COMMENT, { input: { problemId, body: 'We are on it.' } }, { token: officer.token }))).toMatchObject({
        reason: TEST_HANDLER_REFUSED,
      });
      expect(await t.dataSource.query('SELECT id FROM comments WHERE problem_id = $1', [problemId])).toEqual([]);
      expect((await timeline(problemId)).map((e) => e.kind)).toEqual(['REPORTED', 'SOLUTION_PROPOSED']);
      listener.refusing.delete(problemId);
    });
  });

  describe('what handlers hear', () => {
    it('a rejection as SolutionRejected, which handlers of SolutionStatusChanged also hear', async () => {
      const problemId = await report();
      const rejected = (await propose(problemId)).data?.proposeSolution.id as string;
      const shortlisted = (await propose(problemId)).data?.proposeSolution.id as string;
      expect((await changeSolutionStatus(shortlisted, 'SHORTLISTED')).errors).toBeUndefined();
      expect((await changeSolutionStatus(rejected, 'REJECTED', 'Too costly')).errors).toBeUndefined();
      expect(listener.rejections).toEqual([rejected]);
      const moves = heardFor(problemId).filter((h) => h.type.startsWith('solutions.solution-') && h.type !== 'solutions.solution-proposed');
      expect(moves.map((h) => ({ type: h.type, payload: h.payload, status: h.solutionStatusInTransaction }))).toEqual([
        {
          type: 'solutions.solution-status-changed',
          payload: { solutionId: shortlisted, problemId, actorId: officer.id, from: 'PROPOSED', to: 'SHORTLISTED', note: null },
          status: 'SHORTLISTED',
        },
        {
          type: 'solutions.solution-rejected',
          payload: { solutionId: rejected, problemId, actorId: officer.id, from: 'PROPOSED', to: 'REJECTED', note: 'Too costly' },
          status: 'REJECTED',
        },
      ]);
    });

    it('every comment as CommentAdded, an official one as OfficialResponseGiven', async () => {
      const problemId = await report();
      const solutionId = (await propose(problemId)).data?.proposeSolution.id as string;
      const mine = await t.gql.ok<{ addComment: { id: string } }>(ADD_COMMENT, { input: { problemId, body: 'Me too.' } }, neighbour.token);
      const official = await t.gql.ok<{ addComment: { id: string } }>(ADD_COMMENT, { input: { solutionId, body: 'We will fund it.' } }, officer.token);
      const comments = heardFor(problemId).filter((h) => h.type.includes('comment') || h.type.includes('response'));
      expect(comments.map((h) => [h.type, h.payload])).toEqual([
        ['solutions.comment-added', { commentId: mine.addComment.id, problemId, solutionId: null, parentId: null, authorId: neighbour.id }],
        ['solutions.official-response-given', { commentId: official.addComment.id, problemId, solutionId, parentId: null, authorId: officer.id }],
      ]);
    });

    it('the timeline listeners write every kind as before, and run before a higher lib’s handlers', async () => {
      const problemId = await report();
      const copy = await report(neighbour);
      expect((await changeProblemStatus(problemId, 'SCANNING')).errors).toBeUndefined();
      expect((await changeProblemStatus(problemId, 'ANALYSIS', 'Seen it myself')).errors).toBeUndefined();
      await t.gql.ok(RECORD_ANALYSIS, { input: { problemId, place: 'The path', hypothesis: 'No guardians after dark' } }, officer.token);
      const solutionId = (await propose(problemId)).data?.proposeSolution.id as string;
      expect((await changeSolutionStatus(solutionId, 'SHORTLISTED', 'Promising')).errors).toBeUndefined();
      expect((await changeSolutionStatus(solutionId, 'ADOPTED', 'Funded by the council')).errors).toBeUndefined();
      const comment = await t.gql.ok<{ addComment: { id: string } }>(ADD_COMMENT, { input: { problemId, body: 'Lamps ordered.' } }, officer.token);
      await t.gql.ok(MARK_DUPLICATE, { input: { problemId: copy, duplicateOfId: problemId } }, officer.token);

      const row = (kind: string, actor: TestUser, rest: Partial<TimelineNode> = {}): TimelineNode => ({
        kind,
        note: null,
        fromStatus: null,
        toStatus: null,
        subjectId: null,
        actor: { id: actor.id },
        ...rest,
      });
      expect(await timeline(problemId)).toEqual([
        row('REPORTED', resident, { toStatus: 'REPORTED' }),
        row('STATUS_CHANGED', officer, { fromStatus: 'REPORTED', toStatus: 'SCANNING' }),
        row('STATUS_CHANGED', officer, { fromStatus: 'SCANNING', toStatus: 'ANALYSIS', note: 'Seen it myself' }),
        row('ANALYSIS_RECORDED', officer, { note: 'place, hypothesis' }),
        row('SOLUTION_PROPOSED', resident, { subjectId: solutionId }),
        row('SOLUTION_STATUS_CHANGED', officer, { subjectId: solutionId, note: 'PROPOSED → SHORTLISTED: Promising' }),
        row('SOLUTION_ADOPTED', officer, { subjectId: solutionId, note: 'Funded by the council' }),
        row('OFFICIAL_RESPONSE', officer, { subjectId: comment.addComment.id }),
        row('DUPLICATE_MERGED', officer, { subjectId: copy }),
      ]);
      expect(await timeline(copy)).toEqual([
        row('REPORTED', neighbour, { toStatus: 'REPORTED' }),
        row('MARKED_DUPLICATE', officer, { fromStatus: 'REPORTED', toStatus: 'DUPLICATE', subjectId: problemId }),
      ]);
      // The test listener (a module the app imports after the libs) saw each lib's row already written.
      const merged = listener.heard.find((h) => h.type === 'problems.problem-marked-duplicate' && h.payload.problemId === copy);
      expect(merged).toMatchObject({ payload: { problemId: copy, survivorId: problemId, actorId: officer.id, fromStatus: 'REPORTED' } });
      expect(merged?.timelineInTransaction).toEqual(['REPORTED', 'MARKED_DUPLICATE']);
    });
  });

  describe('the bus and the kinds', () => {
    it('refuses a publish outside a transaction, before any handler runs', async () => {
      const events = t.app.get(DomainEvents);
      const heard = listener.heard.length;
      const problemId = await report();
      const event = new ProblemStatusChanged({ problemId, actorId: officer.id, from: ProblemStatus.REPORTED, to: ProblemStatus.SCANNING, note: null });
      await expect(events.publish(t.dataSource.manager, event)).rejects.toThrow(DomainEventsMisuse);
      expect(listener.heard.slice(heard).map((h) => h.type)).toEqual(['problems.problem-reported']);
      expect((await timeline(problemId)).map((e) => e.kind)).toEqual(['REPORTED']);
    });

    it('the GraphQL enum holds exactly the kinds the database accepts', async () => {
      const { __type } = await t.gql.ok<{ __type: { enumValues: { name: string }[] } }>('{ __type(name: "TimelineEventKind") { enumValues { name } } }');
      const rows: { kind: string; lib: string }[] = await t.dataSource.query('SELECT kind, lib FROM timeline_event_kinds ORDER BY kind');
      expect(__type.enumValues.map((v) => v.name).sort()).toEqual(rows.map((r) => r.kind));
      expect(rows.map((r) => r.lib).sort()).toEqual([
        ...Array(5).fill('actions'),
        ...Array(6).fill('pledges'),
        ...Array(5).fill('problems'),
        ...Array(4).fill('solutions'),
      ]);
    });

    it('the database refuses a kind no lib declared', async () => {
      const problemId = await report();
      await expect(
        t.dataSource.query(`INSERT INTO problem_events (id, problem_id, kind) VALUES (gen_random_uuid(), $1, 'NOTIFICATION_SENT')`, [problemId]),
      ).rejects.toMatchObject({ code: '23503' });
    });
  });
});

const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id status } }`;
const PROPOSE = `mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id } }`;
const CHANGE_PROBLEM_STATUS = `mutation ($input: ChangeProblemStatusInput!) { changeProblemStatus(input: $input) { id status } }`;
const CHANGE_SOLUTION_STATUS = `mutation ($input: ChangeSolutionStatusInput!) { changeSolutionStatus(input: $input) { id status } }`;
const RECORD_ANALYSIS = `mutation ($input: RecordAnalysisInput!) { recordAnalysis(input: $input) { id } }`;
const MARK_DUPLICATE = `mutation ($input: MarkDuplicateInput!) { markDuplicate(input: $input) { id status } }`;
const ADD_COMMENT = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id } }`;
const TIMELINE = `query ($id: ID!) { problem(id: $id) { timeline(first: 100) { edges { node { kind note fromStatus toStatus subjectId actor { id } } } } } }`;
