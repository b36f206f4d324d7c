import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@common-ground/identity';

@Entity('areas')
@Index('areas_boundary_gist', { synchronize: false })
export class AreaEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  /** PostgreSQL polygon, x = longitude, y = latitude; GiST-indexed for point-in-polygon. */
  @Column('polygon')
  boundary: string;

  @Column('uuid')
  createdById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

@Entity('area_officers')
@Index('area_officers_user_idx', ['userId'])
export class AreaOfficerEntity {
  @PrimaryColumn('uuid')
  areaId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => AreaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'area_id' })
  area?: AreaEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column('uuid')
  assignedById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigned_by_id' })
  assignedBy?: UserEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  assignedAt: Date;
}
