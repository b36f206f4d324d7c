import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrganisationEntity, UserEntity } from '@common-ground/identity';
import { SolutionEntity } from '@common-ground/solutions';
import { BIGINT_AS_NUMBER } from '@common-ground/shared/money';

/**
 * An organisation's offer on a solution: "we add `ratio` for each 1 pledged by residents, up to
 * `cap`". `matched` is what its open and fulfilled match pledges add up to, kept in their
 * transactions (under the solution's lock), never past the cap.
 */
@Entity('match_offers')
@Index('match_offers_solution_created_idx', ['solutionId', 'createdAt', 'id'])
@Index('match_offers_organisation_idx', ['organisationId'])
@Check('match_offers_cap_check', 'cap_minor > 0 AND matched_minor >= 0 AND matched_minor <= cap_minor')
@Check('match_offers_ratio_check', 'ratio >= 1')
export class MatchOfferEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  solutionId: string;

  @ManyToOne(() => SolutionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'solution_id' })
  solution?: SolutionEntity;

  @Column('uuid')
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @Column('uuid')
  offeredById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'offered_by_id' })
  offeredBy?: UserEntity;

  @Column('bigint', { transformer: BIGINT_AS_NUMBER })
  capMinor: number;

  @Column('text')
  currency: string;

  @Column('int')
  ratio: number;

  @Column('bigint', { default: 0, transformer: BIGINT_AS_NUMBER })
  matchedMinor: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
