import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('categories')
export class CategoryEntity {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  /** Sensitive categories show the public a coarsened location and no address. */
  @Column('boolean', { default: false })
  sensitive: boolean;

  /** Added to a problem's priority score (0 = neutral; 1 counts like doubling the support). */
  @Column('float8', { default: 0 })
  priorityWeight: number;

  @Column('int', { default: 0 })
  sortOrder: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
