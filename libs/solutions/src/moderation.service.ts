import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser, hasAnyRole, Role } from '@common-ground/shared/auth';
import { newId } from '@common-ground/shared/database';
import { BadUserInputError, NotFoundError } from '@common-ground/shared/graphql';
import { ModerationAction, ModerationTarget } from './moderation.entity';
import { returning } from './sql';

/** Who hides and restores content, and sees what is hidden. */
export const MODERATOR_ROLES: readonly Role[] = [Role.MODERATOR, Role.ADMIN];

/** Flags from this many distinct users hide an item until a moderator reviews it. */
export const FLAG_HIDE_THRESHOLD = 3;

/** Whether the viewer may read hidden content by this author: moderators and the author. */
export function seesHiddenContent(authorId: string, viewer?: AuthenticatedUser): boolean {
  return hasAnyRole(viewer, MODERATOR_ROLES) || viewer?.id === authorId;
}

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
 * Flags and moderation. The state of every item (problems and solutions included) lives in this
 * lib's moderation_states, keyed by (target type, id); every hide and restore is in the audit
 * trail (moderation_actions).
 */
@Injectable()
export class ModerationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A user's flag, once per item (repeating it changes nothing). When flags from
   * FLAG_HIDE_THRESHOLD distinct users have come in since the last moderator decision, the item
   * is hidden pending review.
   */
  async flag(userId: string, target: Target, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertExists(manager, target);
      const inserted = await returning<{ user_id: string }>(
        manager,
        `INSERT INTO content_flags (target_type, target_id, user_id, reason) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [target.type, target.id, userId, reason],
      );
      if (!inserted.length) return;
      const [state] = await returning<{ pending_flags: number; hidden: boolean }>(
        manager,
        `INSERT INTO moderation_states (target_type, target_id, pending_flags, total_flags) VALUES ($1, $2, 1, 1)
         ON CONFLICT (target_type, target_id) DO UPDATE
           SET pending_flags = moderation_states.pending_flags + 1,
               total_flags = moderation_states.total_flags + 1,
               updated_at = now()
         RETURNING pending_flags, hidden`,
        [target.type, target.id],
      );
      if (state.hidden || state.pending_flags < FLAG_HIDE_THRESHOLD) return;
      await manager.query(
        'UPDATE moderation_states SET hidden = true, updated_at = now() WHERE target_type = $1 AND target_id = $2',
        [target.type, target.id],
      );
      await this.audit(manager, target, ModerationAction.HIDE, null, `Flagged by ${state.pending_flags} users; hidden pending review`);
    });
  }

  /** A moderator's decision: hide or restore, with a reason for the audit trail. Clears pending flags. */
  async moderate(moderatorId: string, target: Target, action: ModerationAction, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertExists(manager, target);
      await manager.query(
        `INSERT INTO moderation_states (target_type, target_id, hidden, pending_flags) VALUES ($1, $2, $3, 0)
         ON CONFLICT (target_type, target_id) DO UPDATE
           SET hidden = EXCLUDED.hidden, pending_flags = 0, updated_at = now()`,
        [target.type, target.id, action === ModerationAction.HIDE],
      );
      await this.audit(manager, target, action, moderatorId, reason);
    });
  }

  /** Which of these items are hidden. */
  async hidden(type: ModerationTarget, ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { target_id: string }[] = await this.dataSource.query(
      'SELECT target_id FROM moderation_states WHERE target_type = $1 AND target_id = ANY($2::uuid[]) AND hidden',
      [type, [...ids]],
    );
    return new Set(rows.map((row) => row.target_id));
  }

  private async assertExists(manager: EntityManager, target: Target): Promise<void> {
    const { table, what } = TABLE[target.type];
    const found: unknown[] = await manager.query(`SELECT 1 FROM ${table} WHERE id = $1`, [target.id]);
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
