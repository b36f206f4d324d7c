import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@common-ground/identity';
import { AreaEntity } from './area.entity';
import { CategoryEntity } from './category.entity';
import { ProblemStatus } from './problem-status';

/**
 * Priority: log2(1 + supports) + the category's weight + recency (one point per 3 days), so a
 * problem three days newer ranks like one with twice the support. Time-independent, hence stored
 * and indexed. Kept in one place: the generated column below.
 */
export const PRIORITY_EXPRESSION =
  "ln((1 + support_count)::float8) / ln(2::float8) + category_weight + date_part('epoch', reported_at AT TIME ZONE 'UTC') / 259200.0";

@Entity('problems')
@Index('problems_location_gist', { synchronize: false })
@Index('problems_public_location_gist', { synchronize: false })
@Index('problems_search_gin', { synchronize: false })
@Index('problems_title_trgm', { synchronize: false })
@Index('problems_newest_idx', ['reportedAt', 'id'])
@Index('problems_supported_idx', ['supportCount', 'id'])
@Index('problems_priority_idx', ['priority', 'id'])
@Index('problems_area_status_idx', ['areaId', 'status'])
@Index('problems_public_area_status_idx', ['publicAreaId', 'status'])
@Index('problems_status_idx', ['status'])
@Index('problems_reporter_idx', ['reporterId'])
@Index('problems_duplicate_of_idx', ['duplicateOfId'], { where: 'duplicate_of_id IS NOT NULL' })
@Index('problems_lead_idx', ['leadOfficerId'], { where: 'lead_officer_id IS NOT NULL' })
export class ProblemEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column('text')
  description: string;

  @Column('text')
  categoryCode: string;

  @ManyToOne(() => CategoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_code' })
  category?: CategoryEntity;

  @Column({ type: 'enum', enum: ProblemStatus, enumName: 'problem_status', default: ProblemStatus.REPORTED })
  status: ProblemStatus;

  /** The exact point; only officers see it for sensitive categories. */
  @Column('float8')
  lat: number;

  @Column('float8')
  lng: number;

  /** What the public sees: the exact point, or its ~200 m cell for sensitive categories. */
  @Column('float8')
  publicLat: number;

  @Column('float8')
  publicLng: number;

  /** ll_to_earth(lat, lng): GiST-indexed for radius and nearest-first (KNN) search. */
  @Column('cube', { select: false })
  locationEarth: string;

  @Column('cube', { select: false })
  publicEarth: string;

  @Column('text', { nullable: true })
  address: string | null;

  /** The area of the exact point: officers route by it. */
  @Column('uuid', { nullable: true })
  areaId: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'area_id' })
  area?: AreaEntity;

  /**
   * The area of the public point, which the public sees: equal to areaId unless the category is
   * sensitive (an area border may cross the point's ~200 m cell). Kept wherever areaId is set
   * and wherever the public point moves.
   */
  @Column('uuid', { nullable: true })
  publicAreaId: string | null;

  @ManyToOne(() => AreaEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'public_area_id' })
  publicArea?: AreaEntity;

  @Column('uuid')
  reporterId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporter_id' })
  reporter?: UserEntity;

  @Column('boolean', { default: false })
  anonymous: boolean;

  /** Kept in the same transaction as problem_supports rows. */
  @Column('int', { default: 0 })
  supportCount: number;

  /**
   * How many solutions were proposed for it: kept by the solutions lib in the transaction that
   * inserts a solution (see ProblemService.countSolution), so a count costs no statement.
   */
  @Column('int', { default: 0 })
  solutionCount: number;

  /** Hidden by moderation, pending review: set by the moderation in the same transaction as its audit trail. */
  @Column('boolean', { default: false })
  hidden: boolean;

  /** The category's priority weight when reported. */
  @Column('float8', { default: 0 })
  categoryWeight: number;

  @Column({ type: 'float8', generatedType: 'STORED', asExpression: PRIORITY_EXPRESSION, insert: false, update: false })
  priority: number;

  @Column('uuid', { nullable: true })
  duplicateOfId: string | null;

  @ManyToOne(() => ProblemEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'duplicate_of_id' })
  duplicateOf?: ProblemEntity;

  /**
   * The officer who leads the work on it: set by the actions lib (assignProblemLead) through
   * ProblemService.setLead, in the transaction that locked the problem.
   */
  @Column('uuid', { nullable: true })
  leadOfficerId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_officer_id' })
  leadOfficer?: UserEntity;

  /**
   * The average progress (0–100) of the response's actions that are not cancelled, null while
   * there are none: kept by the actions lib (ProblemService.setResponseProgress) in the
   * transaction that changes an action, so progressPercent costs no statement.
   */
  @Column('int', { nullable: true })
  responseProgress: number | null;

  /** The note of the latest status change (e.g. why it was rejected). */
  @Column('text', { nullable: true })
  statusNote: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  statusChangedAt: Date;

  @Column('timestamptz', { default: () => 'now()' })
  reportedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({
    type: 'tsvector',
    select: false,
    insert: false,
    update: false,
    generatedType: 'STORED',
    asExpression: "setweight(to_tsvector('english'::regconfig, title), 'A') || setweight(to_tsvector('english'::regconfig, description), 'B')",
  })
  searchVector: string;
}

@Entity('problem_supports')
@Index('problem_supports_user_idx', ['userId'])
export class ProblemSupportEntity {
  @PrimaryColumn('uuid')
  problemId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: ProblemEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** The problem analysis triangle: offender, victim/target, place, and who controls each. */
@Entity('problem_analyses')
export class ProblemAnalysisEntity {
  @PrimaryColumn('uuid')
  problemId: string;

  @OneToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: ProblemEntity;

  @Column('text', { nullable: true })
  offender: string | null;

  @Column('text', { nullable: true })
  victim: string | null;

  @Column('text', { nullable: true })
  place: string | null;

  @Column('text', { nullable: true })
  handler: string | null;

  @Column('text', { nullable: true })
  guardian: string | null;

  @Column('text', { nullable: true })
  manager: string | null;

  @Column('text', { nullable: true })
  hypothesis: string | null;

  @Column('uuid')
  recordedById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by_id' })
  recordedBy?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
