import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { hasAnyRole, OFFICER_ROLES } from '@common-ground/shared/auth';
import { APP_CONFIG, AppConfig } from '@common-ground/shared/config';
import { inTransaction, newId, returning, setHiddenColumn } from '@common-ground/shared/database';
import {
  BadUserInputError,
  ConnectionShape,
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  keysetPage,
  NotFoundError,
  Page,
  SortKey,
  sortKeysScope,
} from '@common-ground/shared/graphql';
import { UserService } from '@common-ground/identity';
import { ProblemService } from '@common-ground/problems';
import { ContentFlagEntity, ModerationAction, ModerationActionEntity, ModerationStateEntity, ModerationTarget } from './moderation.entity';
import { PageQuery } from './solution.commands';
import { OwnContentFlagError } from './solutions.exception';

/**
 * Whose content flags never hide, only queue for a moderator: officers, supervisors and admins
 * (and every comment written as an official answer, whatever its author's roles are now).
 */
export const FLAG_PROOF_ROLES = OFFICER_ROLES;

export interface TargetIds {
  commentId?: string | null;
  problemId?: string | null;
  solutionId?: string | null;
}

export interface Target {
  type: ModerationTarget;
  id: string;
}

/** The tables of this lib's moderated items (problems are the problems lib's: through ProblemService). */
interface TargetTable {
  table: string;
  /** The column of the item's author (proposer). */
  author: string;
  /** SQL: whether the item is an official answer. */
  official: string;
}

const OWN_TABLE: Readonly<Record<Exclude<ModerationTarget, ModerationTarget.PROBLEM>, TargetTable>> = {
  [ModerationTarget.COMMENT]: { table: 'comments', author: 'author_id', official: 'official' },
  [ModerationTarget.SOLUTION]: { table: 'solutions', author: 'proposer_id', official: 'false' },
};

const WHAT: Readonly<Record<ModerationTarget, string>> = {
  [ModerationTarget.COMMENT]: 'Comment',
  [ModerationTarget.PROBLEM]: 'Problem',
  [ModerationTarget.SOLUTION]: 'Solution',
};

/** A moderated item as flag() sees it under its lock. */
interface LockedItem {
  authorId: string;
  official: boolean;
  /** An anonymous report: who wrote it must not change how flags treat it. */
  anonymous: boolean;
}

/** The moderation queue: most pending flags first, then the most recently flagged. One index (moderation_states_queue_idx), read backwards. */
const QUEUE_KEYS: SortKey[] = [
  { expression: 'm.pending_flags', direction: 'DESC', type: 'int' },
  { expression: 'm.last_flagged_at', direction: 'DESC', type: 'timestamptz' },
  { expression: 'm.target_type', direction: 'DESC', type: 'moderation_target' },
  { expression: 'm.target_id', direction: 'DESC', type: 'uuid' },
];

/** An item's flags: newest first. */
const FLAG_KEYS: SortKey[] = [
  { expression: 'f.created_at', direction: 'DESC', type: 'timestamptz' },
  { expression: 'f.user_id', direction: 'DESC', type: 'uuid' },
];

/** An item's audit trail: oldest first. */
const HISTORY_KEYS: SortKey[] = [
  { expression: 'a.created_at', direction: 'ASC', type: 'timestamptz' },
  { expression: 'a.id', direction: 'ASC', type: 'uuid' },
];

/** Why an item is hidden, as its author sees it: the latest HIDE. */
export interface HideRecord {
  reason: string;
  at: Date;
  /** Hidden automatically on flags, pending a moderator's review. */
  automatic: boolean;
}

export const targetKey = (target: Target): string => `${target.type}:${target.id}`;

/** Exactly one of the ids, as a target; otherwise BAD_USER_INPUT naming the three fields of the command. */
export function targetOf(input: TargetIds): Target {
  const given: Target[] = [];
  if (input.commentId) given.push({ type: ModerationTarget.COMMENT, id: input.commentId });
  if (input.problemId) given.push({ type: ModerationTarget.PROBLEM, id: input.problemId });
  if (input.solutionId) given.push({ type: ModerationTarget.SOLUTION, id: input.solutionId });
  if (given.length !== 1) {
    const message = 'give exactly one of commentId, problemId and solutionId';
    throw new BadUserInputError(['commentId', 'problemId', 'solutionId'].map((field) => ({ field, message })));
  }
  return given[0];
}

/**
 * Whether counted flags hide an item: at least `flagsToHide` of them (0 turns automatic hiding
 * off), and never an officer's item or an official answer, which are only queued.
 */
export function hidesOnFlags(countedFlags: number, flagsToHide: number, flagProof: boolean): boolean {
  return flagsToHide > 0 && !flagProof && countedFlags >= flagsToHide;
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly problems: ProblemService,
    private readonly users: UserService,
  ) {}

  /**
   * A user's flag, once per item (repeating it changes nothing); an author cannot flag their own
   * item (FORBIDDEN, reason OWN_CONTENT). Every flag puts the item in the moderation queue. It
   * counts toward hiding unless the flagger's account is younger than the configured minimum
   * age; when the configured number of counted flags has come in since the last moderator
   * decision, the item is hidden pending review, unless it is an officer's or an official
   * answer (those stay visible, queued).
   */
  async flag(userId: string, target: Target, reason: string): Promise<void> {
    const { flagsToHide, flaggerMinAccountAgeHours } = this.config.moderation;
    await inTransaction(this.dataSource, async (manager) => {
      // The item is locked before its moderation state (the lock order in shared/database), as a
      // moderator's decision locks it: a flag and a decision on one item queue, never deadlock.
      const item = await this.lockItem(manager, target);
      if (!item) throw new NotFoundError(WHAT[target.type], target.id);
      if (item.authorId === userId) throw new OwnContentFlagError();
      // The author's roles and the flagger's account age, from the identity lib.
      const facts = await this.users.factsOf(manager, [item.authorId, userId]);
      const author = facts.get(item.authorId);
      if (!author) throw new NotFoundError(WHAT[target.type], target.id);
      // An anonymous report is flagged like anyone's: if an officer's were not hidden, whether it
      // hides would tell the public that an officer reported it.
      const flagProof = item.official || (!item.anonymous && hasAnyRole({ roles: author.roles }, FLAG_PROOF_ROLES));
      const flagger = facts.get(userId);
      const newAccount = !flagger || flagger.createdAt.getTime() > Date.now() - flaggerMinAccountAgeHours * 3_600_000;
      const inserted = await returning<{ user_id: string }>(
        manager,
        `INSERT INTO content_flags (target_type, target_id, user_id, reason, new_account) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [target.type, target.id, userId, reason, newAccount],
      );
      if (!inserted.length) return;
      const counted = newAccount ? 0 : 1;
      const [state] = await returning<{ counted_flags: number }>(
        manager,
        `INSERT INTO moderation_states (target_type, target_id, pending_flags, counted_flags, total_flags, last_flagged_at)
         VALUES ($1, $2, 1, $3, 1, now())
         ON CONFLICT (target_type, target_id) DO UPDATE
           SET pending_flags = moderation_states.pending_flags + 1,
               counted_flags = moderation_states.counted_flags + $3,
               total_flags = moderation_states.total_flags + 1,
               last_flagged_at = now(),
               updated_at = now()
         RETURNING counted_flags`,
        [target.type, target.id, counted],
      );
      if (!counted || !hidesOnFlags(state.counted_flags, flagsToHide, flagProof)) return;
      const wasHidden = await this.setHidden(manager, target, true);
      if (wasHidden === false) {
        await this.audit(manager, target, ModerationAction.HIDE, null, `Flagged by ${state.counted_flags} users; hidden pending review`);
      }
    });
  }

  /**
   * A moderator's decision: hide or restore (on a visible item: keep it visible), with a reason
   * for the audit trail. Clears the pending flags, so the item leaves the queue.
   */
  async moderate(moderatorId: string, target: Target, action: ModerationAction, reason: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      // The item first, then its state row: the order flag() locks them in.
      const wasHidden = await this.setHidden(manager, target, action === ModerationAction.HIDE);
      if (wasHidden === null) throw new NotFoundError(WHAT[target.type], target.id);
      await manager.query(
        `INSERT INTO moderation_states (target_type, target_id, pending_flags, counted_flags) VALUES ($1, $2, 0, 0)
         ON CONFLICT (target_type, target_id) DO UPDATE SET pending_flags = 0, counted_flags = 0, updated_at = now()`,
        [target.type, target.id],
      );
      await this.audit(manager, target, action, moderatorId, reason);
    });
  }

  /** Items with flags since the last moderator decision, most flagged first. */
  queue(args: PageQuery): Promise<ConnectionShape<ModerationStateEntity>> {
    const query = this.dataSource.getRepository(ModerationStateEntity).createQueryBuilder('m').where('m.pending_flags > 0');
    return keysetPage(query, QUEUE_KEYS, args);
  }

  /** One item's flags, newest first (pages after the first). */
  flags(target: Target, args: PageQuery): Promise<ConnectionShape<ContentFlagEntity>> {
    const query = this.dataSource
      .getRepository(ContentFlagEntity)
      .createQueryBuilder('f')
      .where('f.target_type = :type AND f.target_id = :id', { type: target.type, id: target.id });
    return keysetPage(query, FLAG_KEYS, args);
  }

  /** The first page of flags of each item, in one statement (a LATERAL read of each item's index range). */
  async firstFlagPages(targets: readonly Target[], first: number): Promise<Page<ContentFlagEntity>[]> {
    const rows: {
      target_type: ModerationTarget;
      target_id: string;
      user_id: string;
      reason: string;
      new_account: boolean;
      created_at: Date;
      k0: string;
    }[] = await this.dataSource.query(
      `SELECT f.target_type, f.target_id, f.user_id, f.reason, f.new_account, f.created_at, f.created_at::text AS k0
         FROM unnest($1::moderation_target[], $2::uuid[]) AS t(type, id)
         CROSS JOIN LATERAL (
           SELECT * FROM content_flags i WHERE i.target_type = t.type AND i.target_id = t.id
            ORDER BY i.created_at DESC, i.user_id DESC LIMIT $3) f
        ORDER BY f.target_type, f.target_id, f.created_at DESC, f.user_id DESC`,
      [targets.map((t) => t.type), targets.map((t) => t.id), first + 1],
    );
    // The cursors keysetPage makes for the later pages of flags().
    const scope = sortKeysScope('content_flags', FLAG_KEYS);
    const byTarget = new Map<string, { cursor: string; node: ContentFlagEntity }[]>();
    for (const row of rows) {
      const key = targetKey({ type: row.target_type, id: row.target_id });
      const node: ContentFlagEntity = {
        targetType: row.target_type,
        targetId: row.target_id,
        userId: row.user_id,
        reason: row.reason,
        newAccount: row.new_account,
        createdAt: row.created_at,
      };
      byTarget.set(key, [...(byTarget.get(key) ?? []), { cursor: encodeCursor(scope, [row.k0, row.user_id]), node }]);
    }
    return targets.map((target) => {
      const list = byTarget.get(targetKey(target)) ?? [];
      const edges = list.slice(0, first);
      return { edges, pageInfo: { hasNextPage: list.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
    });
  }

  /** One item's audit trail, oldest first. */
  history(target: Target, args: PageQuery): Promise<ConnectionShape<ModerationActionEntity>> {
    const query = this.dataSource
      .getRepository(ModerationActionEntity)
      .createQueryBuilder('a')
      .where('a.target_type = :type AND a.target_id = :id', { type: target.type, id: target.id });
    return keysetPage(query, HISTORY_KEYS, { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after });
  }

  /** The latest HIDE of each item (why it is hidden), by targetKey; one statement. */
  async latestHides(targets: readonly Target[]): Promise<Map<string, HideRecord>> {
    if (!targets.length) return new Map();
    const rows: { target_type: ModerationTarget; target_id: string; reason: string; created_at: Date; automatic: boolean }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (a.target_type, a.target_id) a.target_type, a.target_id, a.reason, a.created_at, a.moderator_id IS NULL AS automatic
           FROM moderation_actions a
           JOIN unnest($1::moderation_target[], $2::uuid[]) AS t(type, id) ON a.target_type = t.type AND a.target_id = t.id
          WHERE a.action = 'HIDE'
          ORDER BY a.target_type, a.target_id, a.created_at DESC, a.id DESC`,
      [targets.map((t) => t.type), targets.map((t) => t.id)],
    );
    return new Map(
      rows.map((row) => [targetKey({ type: row.target_type, id: row.target_id }), { reason: row.reason, at: row.created_at, automatic: row.automatic }]),
    );
  }

  /** Sets the item's hidden column; whether it was hidden before, null when it does not exist. */
  private setHidden(manager: EntityManager, target: Target, hidden: boolean): Promise<boolean | null> {
    return target.type === ModerationTarget.PROBLEM
      ? this.problems.setHidden(manager, target.id, hidden)
      : setHiddenColumn(manager, OWN_TABLE[target.type].table, target.id, hidden);
  }

  /** Locks the item as setHidden does and says who wrote it; null when it does not exist. */
  private async lockItem(manager: EntityManager, target: Target): Promise<LockedItem | null> {
    if (target.type === ModerationTarget.PROBLEM) {
      const problem = await this.problems.lockForModeration(manager, target.id);
      return problem ? { authorId: problem.reporterId, official: false, anonymous: problem.anonymous } : null;
    }
    const { table, author, official } = OWN_TABLE[target.type];
    const [row]: { author_id: string; official: boolean }[] = await manager.query(
      `SELECT ${author} AS author_id, ${official} AS official FROM ${table} WHERE id = $1 FOR NO KEY UPDATE`,
      [target.id],
    );
    return row ? { authorId: row.author_id, official: row.official, anonymous: false } : null;
  }

  private async audit(manager: EntityManager, target: Target, action: ModerationAction, moderatorId: string | null, reason: string): Promise<void> {
    await manager.query(`INSERT INTO moderation_actions (id, target_type, target_id, action, moderator_id, reason) VALUES ($1, $2, $3, $4, $5, $6)`, [
      newId(),
      target.type,
      target.id,
      action,
      moderatorId,
      reason,
    ]);
  }
}
