import { GraphQLErrorShape } from '@common-ground/shared/testing';
import { TestApp, TestUser } from './support/test-app';

const HOUR = 3600 * 1000;
/** This spec runs with MODERATION_FLAGS_TO_HIDE=2 and MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS=24. */
const FLAGS_TO_HIDE = 2;
const ESTABLISHED = () => ({ createdAt: new Date(Date.now() - 25 * HOUR) });
const FRESH = () => ({ createdAt: new Date(Date.now() - 23 * HOUR) });

describe('moderation: hiding that cannot be read back or abused', () => {
  let t: TestApp;
  let admin: TestUser;
  let officer: TestUser;
  let moderator: TestUser;
  let resident: TestUser;
  let neighbour: TestUser;
  const centre = { lat: 51.5072, lng: -0.1276 };

  const codeOf = (error: GraphQLErrorShape) => error.extensions?.code;

  const report = async (user: TestUser, input: Record<string, unknown> = {}): Promise<string> => {
    const { reportProblem } = await t.gql.ok<{ reportProblem: { id: string } }>(
      REPORT,
      {
        input: {
          title: 'Dealing behind the library',
          description: 'Every evening after 8.',
          categoryCode: 'ANTISOCIAL_BEHAVIOUR',
          location: centre,
          ...input,
        },
      },
      user.token,
    );
    return reportProblem.id;
  };
  const propose = async (user: TestUser, problemId: string, input: Record<string, unknown> = {}): Promise<string> => {
    const { proposeSolution } = await t.gql.ok<{ proposeSolution: { id: string } }>(
      PROPOSE,
      { input: { problemId, title: 'Better lighting on the path', description: 'LED lamps.', ...input } },
      user.token,
    );
    return proposeSolution.id;
  };
  const comment = async (user: TestUser, problemId: string, body: string): Promise<{ id: string; official: boolean }> =>
    (await t.gql.ok<{ addComment: { id: string; official: boolean } }>(ADD_COMMENT, { input: { problemId, body } }, user.token)).addComment;
  const flag = (user: TestUser, input: Record<string, unknown>, reason = 'Abusive') =>
    t.gql.request<{ flagContent: boolean }>(FLAG, { input: { reason, ...input } }, { token: user.token });
  const flagAll = async (users: TestUser[], input: Record<string, unknown>) => {
    for (const user of users) expect((await flag(user, input)).data).toEqual({ flagContent: true });
  };
  const moderate = (user: TestUser, input: Record<string, unknown>) =>
    t.gql.ok<{ moderateContent: boolean }>(MODERATE, { input: { reason: 'Reviewed', ...input } }, user.token);
  const hide = (input: Record<string, unknown>, reason = 'Hidden by a moderator') => moderate(moderator, { ...input, action: 'HIDE', reason });
  const commentOf = async (viewer: TestUser | undefined, problemId: string, id: string, document = PROBLEM_COMMENTS) => {
    const { problem } = await t.gql.ok<{ problem: { comments: { edges: { node: CommentRead }[] } } }>(document, { id: problemId }, viewer?.token);
    return problem.comments.edges.find((e) => e.node.id === id)?.node;
  };
  const solutionOf = async (viewer: TestUser | undefined, id: string) => (await t.gql.ok<{ solution: SolutionRead }>(SOLUTION, { id }, viewer?.token)).solution;
  const problemOf = async (viewer: TestUser | undefined, id: string) => (await t.gql.ok<{ problem: ProblemRead }>(PROBLEM, { id }, viewer?.token)).problem;
  const queue = async (viewer: TestUser, first = 100, after?: string) =>
    (await t.gql.ok<{ moderationQueue: QueuePage }>(QUEUE, { first, after }, viewer.token)).moderationQueue;
  const queued = async (targetId: string) => {
    const items: QueueItem[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await queue(moderator, 100, after);
      items.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    return items.find((item) => item.targetId === targetId);
  };

  beforeAll(async () => {
    t = await TestApp.start({ MODERATION_FLAGS_TO_HIDE: String(FLAGS_TO_HIDE), MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS: '24' });
    [admin, officer, moderator, resident, neighbour] = await Promise.all([
      t.make.users.admin({ displayName: 'Ada Admin' }),
      t.make.users.officer({ displayName: 'Olu Officer' }),
      t.make.users.moderator({ displayName: 'Mo Moderator' }),
      t.make.users.resident({ displayName: 'Rita Resident' }),
      t.make.users.resident({ displayName: 'Ned Neighbour' }),
    ]);
  });
  afterAll(() => t.close());

  describe('hidden content cannot be read back', () => {
    it('matches a hidden problem in full-text search only for moderators and its reporter', async () => {
      const problemId = await report(resident, { title: 'Zanzibarian graffiti on the bandstand', description: 'Quixotically large tags.' });
      const search = async (viewer: TestUser | undefined, words: string, near = false) => {
        const filter = near ? { search: words, near: { ...centre, radiusMeters: 1000 } } : { search: words };
        const { problems } = await t.gql.ok<{ problems: { totalCount: number; edges: { node: { id: string } }[] } }>(SEARCH, { filter }, viewer?.token);
        return { ids: problems.edges.map((e) => e.node.id), total: problems.totalCount };
      };
      for (const near of [false, true]) {
        for (const words of ['zanzibarian', 'quixotically']) {
          expect(await search(undefined, words, near)).toEqual({ ids: [problemId], total: 1 });
        }
      }
      await hide({ problemId });
      for (const near of [false, true]) {
        for (const words of ['zanzibarian', 'quixotically', 'zanzibarian bandstand']) {
          for (const viewer of [undefined, neighbour, officer]) {
            expect(await search(viewer, words, near)).toEqual({ ids: [], total: 0 });
          }
          for (const viewer of [resident, moderator, admin]) {
            expect(await search(viewer, words, near)).toEqual({ ids: [problemId], total: 1 });
          }
        }
      }
      await moderate(moderator, { problemId, action: 'RESTORE', reason: 'Fine after all' });
      expect(await search(neighbour, 'zanzibarian')).toEqual({ ids: [problemId], total: 1 });
    });

    it('offers a hidden problem as similar only to moderators and its reporter', async () => {
      const spot = { lat: 51.52, lng: -0.09 };
      const problemId = await report(resident, { title: 'Broken glass at the Wexford underpass', location: spot });
      const similar = async (viewer: TestUser | undefined) =>
        (
          await t.gql.ok<{ similarProblems: { id: string }[] }>(SIMILAR, { title: 'Broken glass at Wexford underpass', location: spot }, viewer?.token)
        ).similarProblems.map((p) => p.id);
      expect(await similar(undefined)).toEqual([problemId]);
      await hide({ problemId });
      for (const viewer of [undefined, neighbour, officer]) expect(await similar(viewer)).toEqual([]);
      for (const viewer of [resident, moderator, admin]) expect(await similar(viewer)).toEqual([problemId]);
    });

    it('masks a hidden problem’s address, and a hidden solution’s capacity needs’ kind and unit, to all but moderators and the author', async () => {
      const problemId = await report(resident, { address: '12 Library Lane, Millbrook' });
      const proposer = await t.user({ displayName: 'Pia Proposer' });
      const solutionId = await propose(proposer, problemId, {
        capacityNeeds: [
          { kind: 'Night-watch volunteers from Flat 3', quantity: 4, unit: 'evenings with Mr Smith' },
          { kind: 'Floodlights', quantity: 2 },
        ],
      });
      expect((await problemOf(undefined, problemId)).address).toBe('12 Library Lane, Millbrook');
      await hide({ problemId });
      await hide({ solutionId });
      for (const viewer of [undefined, neighbour, officer]) {
        expect(await problemOf(viewer, problemId)).toMatchObject({ hidden: true, title: null, description: null, address: null });
        expect(await solutionOf(viewer, solutionId)).toMatchObject({
          hidden: true,
          title: null,
          description: null,
          capacityNeeds: [
            { kind: null, quantity: 4, unit: null },
            { kind: null, quantity: 2, unit: null },
          ],
        });
      }
      for (const viewer of [resident, moderator, admin]) {
        expect((await problemOf(viewer, problemId)).address).toBe('12 Library Lane, Millbrook');
      }
      for (const viewer of [proposer, moderator, admin]) {
        expect((await solutionOf(viewer, solutionId)).capacityNeeds).toEqual([
          { kind: 'Night-watch volunteers from Flat 3', quantity: 4, unit: 'evenings with Mr Smith' },
          { kind: 'Floodlights', quantity: 2, unit: null },
        ]);
      }
    });

    it('refuses votes on a hidden or closed solution with CONFLICT and a reason, and counts nothing', async () => {
      const problemId = await report(resident);
      const solutionId = await propose(neighbour, problemId);
      const voter = await t.user();
      expect((await t.gql.ok<{ castVote: { upVotes: number } }>(CAST_VOTE, { input: { solutionId, value: 'UP' } }, voter.token)).castVote.upVotes).toBe(1);
      await hide({ solutionId });
      const late = await t.user();
      const refused = await t.gql.error(CAST_VOTE, { input: { solutionId, value: 'UP' } }, late.token);
      expect(refused.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SOLUTION_HIDDEN' });
      const switched = await t.gql.error(CAST_VOTE, { input: { solutionId, value: 'DOWN' } }, voter.token);
      expect(switched.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SOLUTION_HIDDEN' });
      const retracted = await t.gql.error(RETRACT_VOTE, { solutionId }, voter.token);
      expect(retracted.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SOLUTION_HIDDEN' });
      const [row] = await t.dataSource.query(
        'SELECT up_votes, down_votes, (SELECT count(*)::int FROM solution_votes WHERE solution_id = $1) AS rows FROM solutions WHERE id = $1',
        [solutionId],
      );
      expect(row).toEqual({ up_votes: 1, down_votes: 0, rows: 1 });

      await moderate(moderator, { solutionId, action: 'RESTORE', reason: 'Fine' });
      expect((await t.gql.ok<{ castVote: { upVotes: number } }>(CAST_VOTE, { input: { solutionId, value: 'UP' } }, late.token)).castVote.upVotes).toBe(2);

      await t.make.solutions.decide({ id: solutionId }, 'REJECTED', { note: 'Not workable here' });
      const closed = await t.gql.error(CAST_VOTE, { input: { solutionId, value: 'DOWN' } }, (await t.user()).token);
      expect(closed.extensions).toMatchObject({ code: 'CONFLICT', reason: 'VOTING_CLOSED', currentStatus: 'REJECTED' });
    });
  });

  describe('flags cannot be abused', () => {
    it('refuses an author’s flag on their own item (FORBIDDEN, OWN_CONTENT), so it never counts toward hiding', async () => {
      const problemId = await report(resident);
      const author = await t.user({ ...ESTABLISHED(), displayName: 'Old Author' });
      const { id: commentId } = await comment(author, problemId, 'My own words');
      const solutionId = await propose(author, problemId);
      for (const input of [{ commentId }, { solutionId }]) {
        const error = await t.gql.error(FLAG, { input: { ...input, reason: 'Hide me' } }, author.token);
        expect(error.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_CONTENT' });
      }
      const ownProblem = await t.gql.error(FLAG, { input: { problemId, reason: 'Hide me' } }, resident.token);
      expect(ownProblem.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OWN_CONTENT' });
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM content_flags WHERE user_id = ANY($1::uuid[])', [[author.id, resident.id]]);
      expect(n).toBe(0);

      const [other] = await t.users(1, ESTABLISHED());
      await flagAll([other], { commentId });
      expect(await commentOf(undefined, problemId, commentId)).toMatchObject({ hidden: false, body: 'My own words' });
      const [another] = await t.users(1, ESTABLISHED());
      await flagAll([another], { commentId });
      expect(await commentOf(undefined, problemId, commentId)).toMatchObject({ hidden: true, body: null });
    });

    it('keeps an officer’s official answer visible however many fresh (or established) accounts flag it, and queues it', async () => {
      const problemId = await report(resident);
      const answer = await comment(officer, problemId, 'We have increased patrols on Thursday evenings.');
      expect(answer.official).toBe(true);
      const brigade = await t.users(8, FRESH());
      await Promise.all(brigade.map((user) => flag(user, { commentId: answer.id }, 'Lies')));
      expect(await commentOf(undefined, problemId, answer.id)).toMatchObject({
        hidden: false,
        official: true,
        body: 'We have increased patrols on Thursday evenings.',
      });
      const established = await t.users(3, ESTABLISHED());
      await flagAll(established, { commentId: answer.id });
      expect(await commentOf(undefined, problemId, answer.id)).toMatchObject({ hidden: false, body: 'We have increased patrols on Thursday evenings.' });
      const [row] = await t.dataSource.query(`SELECT hidden FROM comments WHERE id = $1`, [answer.id]);
      expect(row.hidden).toBe(false);

      const item = await queued(answer.id);
      expect(item).toMatchObject({
        kind: 'COMMENT',
        targetId: answer.id,
        pendingFlags: 11,
        countedFlags: 3,
        flagCount: 11,
        hidden: false,
        problem: null,
        solution: null,
        comment: { id: answer.id, official: true, body: 'We have increased patrols on Thursday evenings.' },
      });
      expect(item?.flags.totalCount).toBe(11);
      const flaggers = item?.flags.edges.map((e) => [e.node.user.id, e.node.newAccount, e.node.reason]);
      expect(new Set(flaggers?.map(([id]) => id))).toEqual(new Set([...brigade, ...established].map((u) => u.id)));
      expect(
        flaggers
          ?.filter(([, fresh]) => fresh)
          .map(([id]) => id)
          .sort(),
      ).toEqual(brigade.map((u) => u.id).sort());
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM moderation_actions WHERE target_id = $1', [answer.id]);
      expect(n).toBe(0);
    });

    it('never hides an officer’s problem or solution on flags, only queues them', async () => {
      const problemId = await report(officer, { title: 'Officer-reported fly-tipping' });
      const solutionId = await propose(officer, problemId, { title: 'Cameras at the lay-by' });
      const flaggers = await t.users(3, ESTABLISHED());
      await flagAll(flaggers, { problemId });
      await flagAll(flaggers, { solutionId });
      expect(await problemOf(undefined, problemId)).toMatchObject({ hidden: false, title: 'Officer-reported fly-tipping' });
      expect(await solutionOf(undefined, solutionId)).toMatchObject({ hidden: false, title: 'Cameras at the lay-by' });
      expect(await queued(problemId)).toMatchObject({ kind: 'PROBLEM', pendingFlags: 3, hidden: false, problem: { id: problemId } });
      expect(await queued(solutionId)).toMatchObject({ kind: 'SOLUTION', pendingFlags: 3, hidden: false, solution: { id: solutionId } });
    });

    it('treats an anonymous report by an officer like any anonymous report, so hiding does not tell who reported it', async () => {
      const byOfficer = await report(officer, { title: 'Anonymous fly-tipping, reported by an officer', anonymous: true });
      const byResident = await report(resident, { title: 'Anonymous fly-tipping, reported by a resident', anonymous: true });
      const flaggers = await t.users(3, ESTABLISHED());
      await flagAll(flaggers, { problemId: byOfficer });
      await flagAll(flaggers, { problemId: byResident });
      expect(await problemOf(undefined, byOfficer)).toMatchObject({ hidden: true, title: null });
      expect(await problemOf(undefined, byResident)).toMatchObject({ hidden: true, title: null });
    });

    it('hides only on flags from accounts older than the minimum age; fresh accounts only queue the item', async () => {
      const problemId = await report(resident);
      const { id: commentId } = await comment(neighbour, problemId, 'Rude words');
      await flagAll(await t.users(5, FRESH()), { commentId });
      expect(await commentOf(undefined, problemId, commentId)).toMatchObject({ hidden: false, body: 'Rude words' });
      expect(await queued(commentId)).toMatchObject({ pendingFlags: 5, countedFlags: 0, hidden: false });
      const [first, second] = await t.users(2, ESTABLISHED());
      await flagAll([first], { commentId });
      expect(await commentOf(undefined, problemId, commentId)).toMatchObject({ hidden: false, body: 'Rude words' });
      await flagAll([second], { commentId });
      expect(await commentOf(undefined, problemId, commentId)).toMatchObject({ hidden: true, body: null });
      expect(await queued(commentId)).toMatchObject({ pendingFlags: 7, countedFlags: 2, hidden: true });
      const [trail] = await t.dataSource.query('SELECT action, moderator_id, reason FROM moderation_actions WHERE target_id = $1', [commentId]);
      expect(trail).toEqual({ action: 'HIDE', moderator_id: null, reason: 'Flagged by 2 users; hidden pending review' });
    });
    it('takes flags and moderator decisions on one item at the same time, counting every flag exactly once', async () => {
      const problemId = await report(resident);
      const { id: commentId } = await comment(neighbour, problemId, 'Contested words');
      const flaggers = await t.users(12, ESTABLISHED());
      const results = await Promise.all([
        ...flaggers.map((user) => flag(user, { commentId })),
        ...['RESTORE', 'HIDE', 'RESTORE'].map((action) =>
          t.gql.request<{ moderateContent: boolean }>(MODERATE, { input: { commentId, action, reason: 'Reviewed' } }, { token: moderator.token }),
        ),
      ]);
      expect(results.map((r) => r.errors ?? null)).toEqual(Array(15).fill(null));
      expect(results.map((r) => Object.values(r.data ?? {})[0])).toEqual(Array(15).fill(true));
      const [state] = await t.dataSource.query(
        `SELECT m.total_flags, m.pending_flags <= m.total_flags AS pending_ok,
                (SELECT count(*)::int FROM content_flags f WHERE f.target_id = m.target_id) AS rows,
                (SELECT count(*)::int FROM moderation_actions a WHERE a.target_id = m.target_id AND a.moderator_id IS NOT NULL) AS decisions
           FROM moderation_states m WHERE m.target_type = 'COMMENT' AND m.target_id = $1`,
        [commentId],
      );
      expect(state).toEqual({ total_flags: 12, pending_ok: true, rows: 12, decisions: 3 });
    });
  });

  describe('moderationQueue', () => {
    it.each([
      ['a RESIDENT', () => resident, 'FORBIDDEN'],
      ['an OFFICER', () => officer, 'FORBIDDEN'],
      ['an anonymous caller', () => undefined, 'UNAUTHENTICATED'],
    ])('is refused to %s', async (_name, caller, code) => {
      const response = await t.gql.request(QUEUE, { first: 10 }, { token: caller()?.token });
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
      expect(response.data).toBeNull();
    });

    it('lists flagged items most flagged first, keyset-paged without skips or repeats, and drops an item once a moderator decides', async () => {
      const problemId = await report(resident);
      const ids: Record<number, string> = {};
      for (const count of [1, 4, 2]) {
        const { id } = await comment(neighbour, problemId, `Flagged ${count} times`);
        await flagAll(await t.users(count, FRESH()), { commentId: id });
        ids[count] = id;
      }
      const all = await queue(admin, 100);
      const counts = all.edges.map((e) => e.node.pendingFlags);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      const order = all.edges.map((e) => e.node.targetId);
      expect(order.filter((id) => Object.values(ids).includes(id))).toEqual([ids[4], ids[2], ids[1]]);
      expect(all.totalCount).toBe(order.length);

      const paged: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await queue(moderator, 2, after);
        expect(page.edges.length).toBeLessThanOrEqual(2);
        paged.push(...page.edges.map((e) => e.node.targetId));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor ?? undefined;
      }
      expect(paged).toEqual(order);

      const tooMany = await t.gql.error(QUEUE, { first: 101 }, moderator.token);
      expect(codeOf(tooMany)).toBe('BAD_USER_INPUT');
      const badCursor = await t.gql.error(QUEUE, { first: 5, after: 'not-a-cursor' }, moderator.token);
      expect(codeOf(badCursor)).toBe('BAD_USER_INPUT');

      await moderate(moderator, { commentId: ids[4], action: 'RESTORE', reason: 'Not abusive' });
      expect(await queued(ids[4])).toBeUndefined();
      await hide({ commentId: ids[2] });
      expect(await queued(ids[2])).toBeUndefined();
      expect(await queued(ids[1])).toMatchObject({ pendingFlags: 1 });
    });

    it('pages an item’s flags newest first', async () => {
      const problemId = await report(resident);
      const { id: commentId } = await comment(neighbour, problemId, 'Much flagged');
      const flaggers = await t.users(5, FRESH());
      for (const [i, user] of flaggers.entries()) expect((await flag(user, { commentId }, `Reason ${i}`)).data).toEqual({ flagContent: true });
      const first = await t.gql.ok<{ moderationQueue: QueuePage }>(QUEUE_FLAGS, { first: 100, flags: 2 }, moderator.token);
      const item = first.moderationQueue.edges.find((e) => e.node.targetId === commentId)?.node;
      expect(item?.flags.edges.map((e) => e.node.reason)).toEqual(['Reason 4', 'Reason 3']);
      expect(item?.flags.pageInfo.hasNextPage).toBe(true);
      const rest = await t.gql.ok<{ moderationQueue: QueuePage }>(
        QUEUE_FLAGS,
        { first: 100, flags: 10, flagsAfter: item?.flags.pageInfo.endCursor },
        moderator.token,
      );
      const restItem = rest.moderationQueue.edges.find((e) => e.node.targetId === commentId)?.node;
      expect(restItem?.flags.edges.map((e) => e.node.reason)).toEqual(['Reason 2', 'Reason 1', 'Reason 0']);
      expect(restItem?.flags.pageInfo.hasNextPage).toBe(false);
    });
  });

  describe('the audit trail', () => {
    it('shows moderators who hid or restored an item, when and why; its author only that and why it is hidden; others nothing', async () => {
      const problemId = await report(resident);
      const author = await t.user({ displayName: 'Ann Author' });
      const { id: commentId } = await comment(author, problemId, 'Heated words');
      await flagAll(await t.users(2, ESTABLISHED()), { commentId });
      const read = async (viewer?: TestUser) => commentOf(viewer, problemId, commentId, PROBLEM_COMMENTS_MODERATION);

      for (const viewer of [undefined, neighbour, officer]) {
        expect(await read(viewer)).toMatchObject({ hidden: true, body: null, moderation: null, moderationHistory: null });
      }
      const seen = await read(author);
      expect(seen).toMatchObject({
        hidden: true,
        body: 'Heated words',
        moderation: { hidden: true, reason: 'Flagged by 2 users; hidden pending review', pendingReview: true },
        moderationHistory: null,
      });
      expect(Date.parse(seen?.moderation?.hiddenAt ?? '')).not.toBeNaN();

      await moderate(moderator, { commentId, action: 'RESTORE', reason: 'Heated but fair' });
      expect((await read(author))?.moderation).toEqual({ hidden: false, reason: null, hiddenAt: null, pendingReview: false });
      await moderate(admin, { commentId, action: 'HIDE', reason: 'Names a neighbour' });
      expect((await read(author))?.moderation).toMatchObject({ hidden: true, reason: 'Names a neighbour', pendingReview: false });

      for (const viewer of [moderator, admin]) {
        const trail = (await read(viewer))?.moderationHistory;
        expect(trail?.totalCount).toBe(3);
        expect(
          trail?.edges.map((e) => ({ action: e.node.action, automatic: e.node.automatic, moderator: e.node.moderator?.id ?? null, reason: e.node.reason })),
        ).toEqual([
          { action: 'HIDE', automatic: true, moderator: null, reason: 'Flagged by 2 users; hidden pending review' },
          { action: 'RESTORE', automatic: false, moderator: moderator.id, reason: 'Heated but fair' },
          { action: 'HIDE', automatic: false, moderator: admin.id, reason: 'Names a neighbour' },
        ]);
        const times = trail?.edges.map((e) => Date.parse(e.node.at)) ?? [];
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }
    });

    it('shows the same on problems and solutions, to their reporter and proposer', async () => {
      const problemId = await report(resident);
      const proposer = await t.user();
      const solutionId = await propose(proposer, problemId);
      await hide({ problemId }, 'Personal data in the description');
      await hide({ solutionId }, 'Advertising');
      const problem = async (viewer?: TestUser) => (await t.gql.ok<{ problem: ModerationRead }>(PROBLEM_MODERATION, { id: problemId }, viewer?.token)).problem;
      const solution = async (viewer?: TestUser) =>
        (await t.gql.ok<{ solution: ModerationRead }>(SOLUTION_MODERATION, { id: solutionId }, viewer?.token)).solution;
      expect(await problem(neighbour)).toEqual({ moderation: null, moderationHistory: null });
      expect(await solution(undefined)).toEqual({ moderation: null, moderationHistory: null });
      expect((await problem(resident)).moderation).toMatchObject({ hidden: true, reason: 'Personal data in the description', pendingReview: false });
      expect((await problem(resident)).moderationHistory).toBeNull();
      expect((await solution(proposer)).moderation).toMatchObject({ hidden: true, reason: 'Advertising' });
      expect((await solution(moderator)).moderationHistory?.edges.map((e) => [e.node.action, e.node.moderator?.id, e.node.reason])).toEqual([
        ['HIDE', moderator.id, 'Advertising'],
      ]);
    });
  });
});

interface ModerationStatus {
  hidden: boolean;
  reason: string | null;
  hiddenAt: string | null;
  pendingReview: boolean;
}
interface History {
  totalCount: number;
  edges: { node: { action: string; automatic: boolean; reason: string; at: string; moderator: { id: string } | null } }[];
}
interface ModerationRead {
  moderation: ModerationStatus | null;
  moderationHistory: History | null;
}
interface CommentRead extends ModerationRead {
  id: string;
  body: string | null;
  official: boolean;
  hidden: boolean;
}
interface SolutionRead {
  hidden: boolean;
  title: string | null;
  description: string | null;
  capacityNeeds: { kind: string | null; quantity: number; unit: string | null }[];
}
interface ProblemRead {
  hidden: boolean;
  title: string | null;
  description: string | null;
  address: string | null;
}
interface QueueItem {
  kind: string;
  targetId: string;
  pendingFlags: number;
  countedFlags: number;
  flagCount: number;
  hidden: boolean;
  problem: { id: string } | null;
  solution: { id: string } | null;
  comment: { id: string; official: boolean; body: string | null } | null;
  flags: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { user: { id: string }; reason: string; newAccount: boolean; at: string } }[];
  };
}
interface QueuePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: QueueItem }[];
}

const MODERATION_FIELDS = `moderation { hidden reason hiddenAt pendingReview }
  moderationHistory(first: 5) { totalCount edges { node { action automatic reason at moderator { id } } } }`;
const REPORT = `mutation ($input: ReportProblemInput!) { reportProblem(input: $input) { id } }`;
const PROPOSE = `mutation ($input: ProposeSolutionInput!) { proposeSolution(input: $input) { id } }`;
const ADD_COMMENT = `mutation ($input: AddCommentInput!) { addComment(input: $input) { id official } }`;
const FLAG = `mutation ($input: FlagContentInput!) { flagContent(input: $input) }`;
const MODERATE = `mutation ($input: ModerateContentInput!) { moderateContent(input: $input) }`;
const CAST_VOTE = `mutation ($input: CastVoteInput!) { castVote(input: $input) { id upVotes downVotes } }`;
const RETRACT_VOTE = `mutation ($solutionId: ID!) { retractVote(solutionId: $solutionId) { id upVotes downVotes } }`;
const SEARCH = `query ($filter: ProblemFilter) { problems(filter: $filter, first: 20) { totalCount edges { node { id } } } }`;
const SIMILAR = `query ($title: String!, $location: LatLngInput!) { similarProblems(title: $title, location: $location) { id } }`;
const PROBLEM = `query ($id: ID!) { problem(id: $id) { hidden title description address } }`;
const SOLUTION = `query ($id: ID!) { solution(id: $id) { hidden title description capacityNeeds { kind quantity unit } } }`;
const PROBLEM_COMMENTS = `query ($id: ID!) { problem(id: $id) { comments(first: 100) { edges { node { id body official hidden } } } } }`;
const PROBLEM_COMMENTS_MODERATION = `query ($id: ID!) { problem(id: $id) { comments(first: 10) { edges { node {
  id body official hidden ${MODERATION_FIELDS} } } } } }`;
const PROBLEM_MODERATION = `query ($id: ID!) { problem(id: $id) { ${MODERATION_FIELDS} } }`;
const SOLUTION_MODERATION = `query ($id: ID!) { solution(id: $id) { ${MODERATION_FIELDS} } }`;
const QUEUE_ITEM = `kind targetId pendingFlags countedFlags flagCount hidden lastFlaggedAt
  problem { id } solution { id } comment { id official body }`;
const QUEUE = `query ($first: Int, $after: String) { moderationQueue(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${QUEUE_ITEM}
    flags(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { node { user { id } reason newAccount at } } } } } } }`;
const QUEUE_FLAGS = `query ($first: Int, $flags: Int, $flagsAfter: String) { moderationQueue(first: $first) {
  edges { node { targetId flags(first: $flags, after: $flagsAfter) { totalCount pageInfo { hasNextPage endCursor }
    edges { node { user { id } reason newAccount at } } } } } } }`;
