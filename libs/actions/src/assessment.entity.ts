import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@common-ground/identity';
import { ProblemEntity } from '@common-ground/problems';
import { AssessmentOutcome, OutcomeWorked } from './assessment-outcome';

/** A before/after figure of an assessment (stored as JSON on the assessment). */
export interface AssessmentMetric {
  name: string;
  before: number;
  after: number;
  unit: string | null;
  /** What the figures cover, e.g. "4 weeks before / 4 weeks after". */
  period: string | null;
}

/**
 * The assessment of a problem's response. A problem may be assessed again after going back to
 * ANALYSIS or RESPONSE: the earlier assessment then stops being current, and RESOLVED needs a
 * current one.
 */
@Entity('problem_assessments')
@Index('problem_assessments_problem_idx', ['problemId', 'assessedAt', 'id'])
@Index('problem_assessments_current_key', ['problemId'], { unique: true, where: 'current' })
@Index('problem_assessments_public_area_idx', ['publicAreaId', 'assessedAt'])
export class AssessmentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  problemId: string;

  @ManyToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: ProblemEntity;

  /** The area the public saw the problem in when assessed: the local team's recent outcomes. */
  @Column('uuid', { nullable: true })
  publicAreaId: string | null;

  @Column({ type: 'enum', enum: AssessmentOutcome, enumName: 'assessment_outcome' })
  outcome: AssessmentOutcome;

  @Column('text')
  summary: string;

  @Column('jsonb')
  metrics: AssessmentMetric[];

  /** The latest assessment of the problem's current round (false once it went back to ANALYSIS or RESPONSE). */
  @Column('boolean', { default: true })
  current: boolean;

  @Column('uuid')
  assessedById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessed_by_id' })
  assessedBy?: UserEntity;

  @Column('timestamptz')
  assessedAt: Date;
}

/** Whether it worked, by the problem's reporter or a supporter: one each, changeable. */
@Entity('outcome_ratings')
@Index('outcome_ratings_rated_idx', ['ratedAt'])
export class OutcomeRatingEntity {
  @PrimaryColumn('uuid')
  problemId: string;

  @ManyToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: ProblemEntity;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'enum', enum: OutcomeWorked, enumName: 'outcome_worked' })
  worked: OutcomeWorked;

  @Column('text', { nullable: true })
  comment: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** When the rating was given or last changed. */
  @Column('timestamptz')
  ratedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
