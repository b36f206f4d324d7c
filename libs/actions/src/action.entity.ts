import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OrganisationEntity, UserEntity } from '@common-ground/identity';
import { AreaEntity, ProblemEntity } from '@common-ground/problems';
import { SolutionEntity } from '@common-ground/solutions';
import { ActionStatus, ActionVisibility } from './action-status';

/**
 * "No due date" sorts after every date: the workload lists are soonest due first, and a keyset
 * needs a key that is never null.
 */
export const NO_DUE_DATE = '9999-12-31 00:00:00+00';

/** A task in a problem's response, assigned to an officer or to an organisation (never both). */
@Entity('actions')
@Index('actions_problem_idx', ['problemId', 'createdAt', 'id'])
@Index('actions_assignee_due_idx', ['assigneeId', 'dueOrder', 'id'])
@Index('actions_organisation_due_idx', ['organisationId', 'dueOrder', 'id'])
@Index('actions_area_due_idx', ['areaId', 'dueOrder', 'id'])
@Index('actions_public_area_status_idx', ['publicAreaId', 'status'])
@Index('actions_due_idx', ['dueOrder', 'id'])
@Check('actions_one_assignee_check', 'num_nonnulls(assignee_id, organisation_id) <= 1')
@Check('actions_progress_check', 'progress_percent BETWEEN 0 AND 100')
export class ActionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  problemId: string;

  @ManyToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: ProblemEntity;

  /** One of the problem's adopted solutions that the action carries out, if any. */
  @Column('uuid', { nullable: true })
  solutionId: string | null;

  @ManyToOne(() => SolutionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'solution_id' })
  solution?: SolutionEntity;

  /** The area of the problem's exact point when the action was created: workloads by area. */
  @Column('uuid', { nullable: true })
  areaId: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'area_id' })
  area?: AreaEntity;

  /** The area the public sees the problem in: the local team's public list. */
  @Column('uuid', { nullable: true })
  publicAreaId: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'public_area_id' })
  publicArea?: AreaEntity;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  description: string;

  @Column({ type: 'enum', enum: ActionStatus, enumName: 'action_status', default: ActionStatus.PLANNED })
  status: ActionStatus;

  @Column('int', { default: 0 })
  progressPercent: number;

  @Column({ type: 'enum', enum: ActionVisibility, enumName: 'action_visibility', default: ActionVisibility.PUBLIC })
  visibility: ActionVisibility;

  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;

  /** dueAt, or NO_DUE_DATE: the workload order's first key. */
  @Column({
    type: 'timestamptz',
    generatedType: 'STORED',
    asExpression: `COALESCE(due_at, '${NO_DUE_DATE}'::timestamp with time zone)`,
    insert: false,
    update: false,
    select: false,
  })
  dueOrder: Date;

  /** An officer (or supervisor). */
  @Column('uuid', { nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: UserEntity;

  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column('uuid')
  createdById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** When it reached DONE or CANCELLED. */
  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}

/** One entry of an action's log: who changed what, when, with the status and progress after it. */
@Entity('action_updates')
@Index('action_updates_action_idx', ['actionId', 'at', 'id'])
export class ActionUpdateEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  actionId: string;

  @ManyToOne(() => ActionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_id' })
  action?: ActionEntity;

  @Column('uuid')
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column('timestamptz')
  at: Date;

  @Column('text', { nullable: true })
  note: string | null;

  @Column({ type: 'enum', enum: ActionStatus, enumName: 'action_status' })
  status: ActionStatus;

  @Column('int')
  progressPercent: number;

  @Column('timestamptz', { nullable: true })
  dueAt: Date | null;
}
