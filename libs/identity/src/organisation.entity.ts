import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MembershipRole } from './membership-role';
import { OrganisationKind } from './organisation-kind';
import { UserEntity } from './user.entity';

@Entity('organisations')
@Index('organisations_name_key', { synchronize: false })
export class OrganisationEntity {
  @PrimaryColumn('uuid')
  id: string;

  /** Unique ignoring case (index `organisations_name_key` on lower(name), made by migration). */
  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  @Column('text', { nullable: true })
  website: string | null;

  /** PARTNER_AGENCY only by an ADMIN. */
  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind', default: OrganisationKind.COMMUNITY })
  kind: OrganisationKind;

  @Column('uuid')
  createdById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('organisation_members')
@Index('organisation_members_user_idx', ['userId'])
export class OrganisationMemberEntity {
  @PrimaryColumn('uuid')
  organisationId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'enum', enum: MembershipRole, enumName: 'membership_role' })
  role: MembershipRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
