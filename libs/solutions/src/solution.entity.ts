import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OrganisationEntity, UserEntity } from '@common-ground/identity';
import { ProblemEntity } from '@common-ground/problems';
import { BIGINT_AS_NUMBER } from '@common-ground/shared/money';
import { SolutionStatus } from './solution-status';

/** A proposal for a problem. Vote counters and the score move in the same transaction as the votes. */
@Entity('solutions')
@Index('solutions_problem_score_idx', ['problemId', 'score', 'id'])
@Index('solutions_problem_created_idx', ['problemId', 'createdAt', 'id'])
@Index('solutions_proposer_idx', ['proposerId'])
@Index('solutions_organisation_idx', ['organisationId'])
@Check('solutions_funding_goal_check', '(funding_goal_minor IS NULL) = (funding_currency IS NULL) AND (funding_goal_minor IS NULL OR funding_goal_minor > 0)')
@Check('solutions_votes_check', 'up_votes >= 0 AND down_votes >= 0')
@Check('solutions_funding_totals_check', 'funding_pledged_minor >= 0 AND funding_fulfilled_minor >= 0')
export class SolutionEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  problemId: string;

  @ManyToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: ProblemEntity;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  @Column('uuid')
  proposerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposer_id' })
  proposer?: UserEntity;

  /** Proposed on behalf of this organisation (the proposer is a member). */
  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column({ type: 'enum', enum: SolutionStatus, enumName: 'solution_status', default: SolutionStatus.PROPOSED })
  status: SolutionStatus;

  /** The note of the latest status change (why it was rejected). */
  @Column('text', { nullable: true })
  statusNote: string | null;

  @Column('int', { default: 0 })
  upVotes: number;

  @Column('int', { default: 0 })
  downVotes: number;

  /** Wilson lower bound of the share of UP votes (see ranking.ts); recomputed with the counters. */
  @Column('float8', { default: 0 })
  score: number;

  @Column('bigint', { nullable: true, transformer: BIGINT_AS_NUMBER })
  fundingGoalMinor: number | null;

  @Column('text', { nullable: true })
  fundingCurrency: string | null;

  /**
   * The money pledged toward it (open and fulfilled pledges) and the part fulfilled, in minor
   * units of its pledge currency (see solution-funding.ts); kept by SolutionPledgeTotals in the
   * pledge's transaction.
   */
  @Column('bigint', { default: 0, transformer: BIGINT_AS_NUMBER })
  fundingPledgedMinor: number;

  @Column('bigint', { default: 0, transformer: BIGINT_AS_NUMBER })
  fundingFulfilledMinor: number;

  /** Hidden by moderation, pending review: set by the moderation in the same transaction as its audit trail. */
  @Column('boolean', { default: false })
  hidden: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** What a solution needs besides money: volunteer hours, equipment, a venue… (ids keep the given order). */
@Entity('solution_capacity_needs')
@Index('solution_capacity_needs_solution_idx', ['solutionId', 'id'])
@Check('solution_capacity_needs_quantity_check', 'quantity > 0')
@Check('solution_capacity_needs_pledged_check', 'pledged >= 0 AND fulfilled >= 0')
export class SolutionCapacityNeedEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  solutionId: string;

  @ManyToOne(() => SolutionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'solution_id' })
  solution?: SolutionEntity;

  @Column('text')
  kind: string;

  @Column('int')
  quantity: number;

  @Column('text', { nullable: true })
  unit: string | null;

  /** The quantity pledged toward it (open and fulfilled pledges) and the part fulfilled; kept by SolutionPledgeTotals. */
  @Column('bigint', { default: 0, transformer: BIGINT_AS_NUMBER })
  pledged: number;

  @Column('bigint', { default: 0, transformer: BIGINT_AS_NUMBER })
  fulfilled: number;
}

/** One vote per user and solution: +1 (UP) or -1 (DOWN). */
@Entity('solution_votes')
@Index('solution_votes_user_idx', ['userId'])
@Check('solution_votes_value_check', 'value IN (-1, 1)')
export class SolutionVoteEntity {
  @PrimaryColumn('uuid')
  solutionId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => SolutionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'solution_id' })
  solution?: SolutionEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('smallint')
  value: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
