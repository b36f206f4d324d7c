import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { inTransaction, newId, returning, setHiddenColumn } from '@common-ground/shared/database';
import { BadUserInputError, NotFoundError } from '@common-ground/shared/graphql';
import { ProblemService } from '@common-ground/problems';
import { ModerationAction, ModerationTarget } from './moderation.entity';

/** Flags from this many distinct users hide an item until a moderator reviews it. */
export const FLAG_HIDE_THRESHOLD = 3;

export interface TargetIds {
  commentId?: string | null;
  problemId?: string | null;
  solutionId?: string | null;
}

export interface Target {
  type: ModerationTarget;
  id: string;
}

const TABLE: Readonly<Record<ModerationTarget, { table: string; what: string }>> = {
  [ModerationTarget.COMMENT]: { table: 'comments', what: 'Comment' },
  [ModerationTarget.PROBLEM]: { table: 'problems', what: 'Problem' },
  [ModerationTarget.SOLUTION]: { table: 'solutions', what: 'Solution' },
};

/** Exactly one of the ids, as a target; otherwise BAD_USER_INPUT naming the three fields. */
export function targetOf(input: TargetIds): Target {
  const given: Target[] = [];
  if (input.commentId) given.push({ type: ModerationTarget.COMMENT, id: input.commentId });
  if (input.problemId) given.push({ type: ModerationTarget.PROBLEM, id: input.problemId });
  if (input.solutionId) given.push({ type: ModerationTarget.SOLUTION, id: input.solutionId });
  if (given.length !== 1) {
    const message = 'give exactly one of commentId, problemId and solutionId';
    throw new BadUserInputError(['commentId', 'problemId', 'solutionId'].map((field) => ({ field: `input.${field}`, message })));
  }
  return given[0];
}

/**
 * Flags and moderation. Whether an item is hidden is its own `hidden` column (problems through
 * the problems service, which owns them); the flag counts are in moderation_states, and every
 * hide and restore is in the audit trail (moderation_actions), written in the same transaction.
 */
@Injectable()
export class ModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly problems: ProblemService,
  ) {}

  /**
   * A user's flag, once per item (repeating it changes nothing). When flags from
   * FLAG_HIDE_THRESHOLD distinct users have come in since the last moderator decision, the item
   * is hidden pending review.
   */
  async flag(userId: string, target: Target, reason: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await this.lockTarget(manager, target);
      const inserted = await returning<{ user_id: string }>(
        manager,
        `INSERT INTO content_flags (target_type, target_id, user_id, reason) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [target.type, target.id, userId, reason],
      );
      if (!inserted.length) return;
      const [state] = await returning<{ pending_flags: number }>(
        manager,
        `INSERT INTO moderation_states (target_type, target_id, pending_flags, total_flags) VALUES ($1, $2, 1, 1)
         ON CONFLICT (target_type, target_id) DO UPDATE
           SET pending_flags = moderation_states.pending_flags + 1,
               total_flags = moderation_states.total_flags + 1,
               updated_at = now()
         RETURNING pending_flags`,
        [target.type, target.id],
      );
      if (state.pending_flags < FLAG_HIDE_THRESHOLD) return;
      const wasHidden = await this.setHidden(manager, target, true);
      if (wasHidden === false) {
        await this.audit(manager, target, ModerationAction.HIDE, null, `Flagged by ${state.pending_flags} users; hidden pending review`);
      }
    });
  }

  /** A moderator's decision: hide or restore, with a reason for the audit trail. Clears pending flags. */
  async moderate(moderatorId: string, target: Target, action: ModerationAction, reason: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const wasHidden = await this.setHidden(manager, target, action === ModerationAction.HIDE);
      if (wasHidden === null) throw new NotFoundError(TABLE[target.type].what, target.id);
      await manager.query(
        `INSERT INTO moderation_states (target_type, target_id, pending_flags) VALUES ($1, $2, 0)
         ON CONFLICT (target_type, target_id) DO UPDATE SET pending_flags = 0, updated_at = now()`,
        [target.type, target.id],
      );
      await this.audit(manager, target, action, moderatorId, reason);
    });
  }

  /** Sets the item's hidden column; whether it was hidden before, null when it does not exist. */
  private setHidden(manager: EntityManager, target: Target, hidden: boolean): Promise<boolean | null> {
    return target.type === ModerationTarget.PROBLEM
      ? this.problems.setHidden(manager, target.id, hidden)
      : setHiddenColumn(manager, TABLE[target.type].table, target.id, hidden);
  }

  /**
   * The item, locked before its moderation state (the lock order in shared/database), as a
   * moderator's decision locks it when it hides or restores it: a flag and a decision on one
   * item queue instead of deadlocking.
   */
  private async lockTarget(manager: EntityManager, target: Target): Promise<void> {
    const { table, what } = TABLE[target.type];
    const found: unknown[] = await manager.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR NO KEY UPDATE`, [target.id]);
    if (!found.length) throw new NotFoundError(what, target.id);
  }

  private async audit(
    manager: EntityManager,
    target: Target,
    action: ModerationAction,
    moderatorId: string | null,
    reason: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO moderation_actions (id, target_type, target_id, action, moderator_id, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
      [newId(), target.type, target.id, action, moderatorId, reason],
    );
  }
}
