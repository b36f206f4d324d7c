import { ACTION_MOVES, ActionStatus, findActionMove, isOverdue, progressAfter, responseProgress } from './action-status';

describe('the action state machine', () => {
  const S = ActionStatus;

  it.each([
    [S.PLANNED, S.IN_PROGRESS],
    [S.PLANNED, S.CANCELLED],
    [S.IN_PROGRESS, S.BLOCKED],
    [S.IN_PROGRESS, S.DONE],
    [S.IN_PROGRESS, S.CANCELLED],
    [S.BLOCKED, S.IN_PROGRESS],
    [S.BLOCKED, S.DONE],
    [S.BLOCKED, S.CANCELLED],
  ])('allows %s → %s', (from, to) => {
    expect(findActionMove(from, to)).toBeDefined();
  });

  it.each([
    [S.PLANNED, S.DONE],
    [S.PLANNED, S.BLOCKED],
    [S.DONE, S.IN_PROGRESS],
    [S.DONE, S.CANCELLED],
    [S.CANCELLED, S.PLANNED],
    [S.CANCELLED, S.IN_PROGRESS],
    [S.IN_PROGRESS, S.PLANNED],
  ])('refuses %s → %s', (from, to) => {
    expect(findActionMove(from, to)).toBeUndefined();
  });

  it('needs a note to cancel, from every unfinished status, and from nowhere else', () => {
    for (const [from, moves] of Object.entries(ACTION_MOVES)) {
      for (const move of moves) expect([from, move.to, !!move.needsNote]).toEqual([from, move.to, move.to === S.CANCELLED]);
    }
    expect(ACTION_MOVES[S.DONE]).toEqual([]);
    expect(ACTION_MOVES[S.CANCELLED]).toEqual([]);
  });

  it('makes DONE 100 and otherwise keeps or takes the given progress', () => {
    expect(progressAfter(40, S.DONE)).toBe(100);
    expect(progressAfter(40, S.DONE, 100)).toBe(100);
    expect(progressAfter(40, S.IN_PROGRESS)).toBe(40);
    expect(progressAfter(40, S.IN_PROGRESS, 0)).toBe(0);
    expect(progressAfter(40, S.BLOCKED, 65)).toBe(65);
  });

  it('averages the progress of the actions that are not cancelled, null when there are none', () => {
    expect(responseProgress([])).toBeNull();
    expect(responseProgress([{ status: S.CANCELLED, progressPercent: 30 }])).toBeNull();
    expect(
      responseProgress([
        { status: S.DONE, progressPercent: 100 },
        { status: S.IN_PROGRESS, progressPercent: 25 },
        { status: S.CANCELLED, progressPercent: 0 },
        { status: S.PLANNED, progressPercent: 0 },
      ]),
    ).toBe(42);
  });

  it('is overdue only past its due date and while unfinished', () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const past = new Date('2026-06-01T11:59:59Z');
    const future = new Date('2026-06-01T12:00:01Z');
    expect(isOverdue({ status: S.IN_PROGRESS, dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: S.PLANNED, dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: S.BLOCKED, dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: S.DONE, dueAt: past }, now)).toBe(false);
    expect(isOverdue({ status: S.CANCELLED, dueAt: past }, now)).toBe(false);
    expect(isOverdue({ status: S.IN_PROGRESS, dueAt: future }, now)).toBe(false);
    expect(isOverdue({ status: S.IN_PROGRESS, dueAt: null }, now)).toBe(false);
  });
});
