import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@common-ground/identity';

/** What can be flagged and moderated. */
export enum ModerationTarget {
  COMMENT = 'COMMENT',
  PROBLEM = 'PROBLEM',
  SOLUTION = 'SOLUTION',
}

export enum ModerationAction {
  HIDE = 'HIDE',
  RESTORE = 'RESTORE',
}

/** One user's flag on one item; a user flags an item once. */
@Entity('content_flags')
@Index('content_flags_user_idx', ['userId'])
@Index('content_flags_target_idx', ['targetType', 'targetId', 'createdAt', 'userId'])
export class ContentFlagEntity {
  @PrimaryColumn({ type: 'enum', enum: ModerationTarget, enumName: 'moderation_target' })
  targetType: ModerationTarget;

  @PrimaryColumn('uuid')
  targetId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('text')
  reason: string;

  /**
   * The flagger's account was younger than the configured minimum age when flagging: the flag
   * puts the item in the moderation queue but does not count toward hiding it.
   */
  @Column('boolean', { default: false })
  newAccount: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The flag counts of an item of any lib (problems included). Whether an item is hidden is the
 * item's own `hidden` column, read with the item at no extra cost. No row: never flagged.
 */
@Entity('moderation_states')
@Index('moderation_states_queue_idx', ['pendingFlags', 'lastFlaggedAt', 'targetType', 'targetId'], { where: 'pending_flags > 0' })
export class ModerationStateEntity {
  @PrimaryColumn({ type: 'enum', enum: ModerationTarget, enumName: 'moderation_target' })
  targetType: ModerationTarget;

  @PrimaryColumn('uuid')
  targetId: string;

  /** Flags since the last moderator decision: the item is in the moderation queue while above 0. */
  @Column('int', { default: 0 })
  pendingFlags: number;

  /**
   * Of the pending flags, those that count toward hiding: not from accounts younger than the
   * configured minimum age. Reaching the configured number hides the item pending review,
   * unless it is an officer's (those are only queued).
   */
  @Column('int', { default: 0 })
  countedFlags: number;

  /** When the latest flag came in. */
  @Column('timestamptz', { default: () => 'now()' })
  lastFlaggedAt: Date;

  /** Every flag ever. */
  @Column('int', { default: 0 })
  totalFlags: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The audit trail: every hide and restore, by whom (null: automatically, on flags) and why. */
@Entity('moderation_actions')
@Index('moderation_actions_target_idx', ['targetType', 'targetId', 'createdAt'])
export class ModerationActionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: ModerationTarget, enumName: 'moderation_target' })
  targetType: ModerationTarget;

  @Column('uuid')
  targetId: string;

  @Column({ type: 'enum', enum: ModerationAction, enumName: 'moderation_action' })
  action: ModerationAction;

  @Column('uuid', { nullable: true })
  moderatorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'moderator_id' })
  moderator?: UserEntity;

  @Column('text')
  reason: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
