/** Registered with GraphQL in action.model.ts. */
export enum ActionStatus {
  PLANNED = 'PLANNED',
  IN_PROGRESS = 'IN_PROGRESS',
  BLOCKED = 'BLOCKED',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}

/** Who sees an action: everyone, or only officers, partner agencies and its assignee's organisation. */
export enum ActionVisibility {
  PUBLIC = 'PUBLIC',
  INTERNAL = 'INTERNAL',
}

/** Finished: nothing about the action changes any more. */
export const FINISHED_ACTION_STATUSES: readonly ActionStatus[] = [ActionStatus.DONE, ActionStatus.CANCELLED];

/** Still to be done: what the ASSESSMENT gate waits for and what can be overdue. */
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = [ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.BLOCKED];

export interface ActionMove {
  to: ActionStatus;
  /** A note (why) is required. */
  needsNote?: boolean;
}

/**
 * The legal moves of updateAction: PLANNED → IN_PROGRESS ⇄ BLOCKED → DONE (from IN_PROGRESS or
 * BLOCKED), or CANCELLED (with a note) from any unfinished status. DONE and CANCELLED are final.
 */
export const ACTION_MOVES: Readonly<Record<ActionStatus, readonly ActionMove[]>> = {
  [ActionStatus.PLANNED]: [{ to: ActionStatus.IN_PROGRESS }, { to: ActionStatus.CANCELLED, needsNote: true }],
  [ActionStatus.IN_PROGRESS]: [{ to: ActionStatus.BLOCKED }, { to: ActionStatus.DONE }, { to: ActionStatus.CANCELLED, needsNote: true }],
  [ActionStatus.BLOCKED]: [{ to: ActionStatus.IN_PROGRESS }, { to: ActionStatus.DONE }, { to: ActionStatus.CANCELLED, needsNote: true }],
  [ActionStatus.DONE]: [],
  [ActionStatus.CANCELLED]: [],
};

export function findActionMove(from: ActionStatus, to: ActionStatus): ActionMove | undefined {
  return ACTION_MOVES[from].find((move) => move.to === to);
}

/** DONE means complete. */
export const DONE_PROGRESS = 100;

/**
 * The progress after an update: DONE is 100 (a different figure with DONE is refused by the
 * service), otherwise the given figure or the current one.
 */
export function progressAfter(current: number, status: ActionStatus, given?: number | null): number {
  if (status === ActionStatus.DONE) return DONE_PROGRESS;
  return given ?? current;
}

/**
 * The response's progress: the average progress of its actions that are not cancelled, rounded
 * to a whole percent; null when there are none (the problem then shows its SARA status's share).
 */
export function responseProgress(actions: readonly { status: ActionStatus; progressPercent: number }[]): number | null {
  const counted = actions.filter((action) => action.status !== ActionStatus.CANCELLED);
  if (counted.length === 0) return null;
  return Math.round(counted.reduce((sum, action) => sum + action.progressPercent, 0) / counted.length);
}

/** Whether an action is overdue at `now`: its due date has passed and it is not finished. */
export function isOverdue(action: { status: ActionStatus; dueAt: Date | null }, now: Date = new Date()): boolean {
  return !!action.dueAt && action.dueAt.getTime() < now.getTime() && OPEN_ACTION_STATUSES.includes(action.status);
}
