import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OrganisationEntity, UserEntity } from '@common-ground/identity';
import { SolutionCapacityNeedEntity, SolutionEntity } from '@common-ground/solutions';
import { BIGINT_AS_NUMBER } from '@common-ground/shared/money';
import { MatchOfferEntity } from './match-offer.entity';
import { CapacityKind, PledgeKind, PledgeStatus } from './pledge-status';

/**
 * A promise toward a solution: FUNDING (an exact amount in the solution's pledge currency) or
 * CAPACITY (a kind, a quantity, a unit). By a user for themselves, or on behalf of an
 * organisation they belong to; a match pledge is the organisation's, made by a match offer for
 * the resident pledge it matches.
 */
@Entity('pledges')
@Index('pledges_solution_created_idx', ['solutionId', 'createdAt', 'id'])
@Index('pledges_organisation_created_idx', ['organisationId', 'createdAt', 'id'])
@Index('pledges_pledged_by_idx', ['pledgedById'])
@Index('pledges_matches_pledge_idx', ['matchesPledgeId'])
@Index('pledges_match_offer_idx', ['matchOfferId'])
@Index('pledges_capacity_need_idx', ['capacityNeedId'])
@Check(
  'pledges_kind_check',
  `(kind = 'FUNDING' AND amount_minor > 0 AND currency IS NOT NULL AND capacity_kind IS NULL AND quantity IS NULL)
   OR (kind = 'CAPACITY' AND amount_minor IS NULL AND currency IS NULL AND capacity_kind IS NOT NULL AND quantity > 0)`,
)
@Check('pledges_match_check', '(match_offer_id IS NULL) = (matches_pledge_id IS NULL)')
export class PledgeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  solutionId: string;

  @ManyToOne(() => SolutionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'solution_id' })
  solution?: SolutionEntity;

  @Column({ type: 'enum', enum: PledgeKind, enumName: 'pledge_kind' })
  kind: PledgeKind;

  @Column('bigint', { nullable: true, transformer: BIGINT_AS_NUMBER })
  amountMinor: number | null;

  @Column('text', { nullable: true })
  currency: string | null;

  @Column({ type: 'enum', enum: CapacityKind, enumName: 'pledge_capacity_kind', nullable: true })
  capacityKind: CapacityKind | null;

  @Column('bigint', { nullable: true, transformer: BIGINT_AS_NUMBER })
  quantity: number | null;

  @Column('text', { nullable: true })
  unit: string | null;

  @Column('text', { nullable: true })
  description: string | null;

  /** The need of the solution it counts toward, if any. */
  @Column('uuid', { nullable: true })
  capacityNeedId: string | null;

  @ManyToOne(() => SolutionCapacityNeedEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'capacity_need_id' })
  capacityNeed?: SolutionCapacityNeedEntity;

  /** Who made it (for a match pledge: who made the offer). */
  @Column('uuid')
  pledgedById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pledged_by_id' })
  pledgedBy?: UserEntity;

  /** On behalf of this organisation. */
  @Column('uuid', { nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  /** The pledger's public note. */
  @Column('text', { nullable: true })
  note: string | null;

  @Column({ type: 'enum', enum: PledgeStatus, enumName: 'pledge_status', default: PledgeStatus.PLEDGED })
  status: PledgeStatus;

  /** For a match pledge: the offer that made it, and the resident pledge it matches. */
  @Column('uuid', { nullable: true })
  matchOfferId: string | null;

  @ManyToOne(() => MatchOfferEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'match_offer_id' })
  matchOffer?: MatchOfferEntity;

  @Column('uuid', { nullable: true })
  matchesPledgeId: string | null;

  @ManyToOne(() => PledgeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'matches_pledge_id' })
  matchesPledge?: PledgeEntity;

  /** What the officer who confirmed the delivery wrote. */
  @Column('text', { nullable: true })
  evidence: string | null;

  @Column('timestamptz', { nullable: true })
  fulfilledAt: Date | null;

  @Column('uuid', { nullable: true })
  fulfilledById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'fulfilled_by_id' })
  fulfilledBy?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Every change of a pledge's status: who, when, from, to. */
@Entity('pledge_changes')
@Index('pledge_changes_pledge_idx', ['pledgeId', 'at', 'id'])
export class PledgeChangeEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  pledgeId: string;

  @ManyToOne(() => PledgeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pledge_id' })
  pledge?: PledgeEntity;

  @Column('uuid', { nullable: true })
  actorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserEntity;

  /** Null for the pledge's creation. */
  @Column({ type: 'enum', enum: PledgeStatus, enumName: 'pledge_status', nullable: true })
  fromStatus: PledgeStatus | null;

  @Column({ type: 'enum', enum: PledgeStatus, enumName: 'pledge_status' })
  toStatus: PledgeStatus;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}
