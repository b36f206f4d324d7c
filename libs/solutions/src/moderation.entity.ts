import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { registerEnumType } from '@nestjs/graphql';
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

registerEnumType(ModerationAction, { name: 'ModerationAction' });

/** One user's flag on one item; a user flags an item once. */
@Entity('content_flags')
@Index('content_flags_user_idx', ['userId'])
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * The flag counts of an item of any lib (problems included). Whether an item is hidden is the
 * item's own `hidden` column, read with the item at no extra cost. No row: never flagged.
 */
@Entity('moderation_states')
export class ModerationStateEntity {
  @PrimaryColumn({ type: 'enum', enum: ModerationTarget, enumName: 'moderation_target' })
  targetType: ModerationTarget;

  @PrimaryColumn('uuid')
  targetId: string;

  /** Flags since the last moderator decision; reaching the threshold hides the item for review. */
  @Column('int', { default: 0 })
  pendingFlags: number;

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
