import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@common-ground/identity';
import { ProblemEntity } from '@common-ground/problems';
import { SolutionEntity } from './solution.entity';

/** A comment on exactly one problem or one solution; replies go one level deep. */
@Entity('comments')
@Index('comments_problem_idx', ['problemId', 'createdAt', 'id'])
@Index('comments_solution_idx', ['solutionId', 'createdAt', 'id'])
@Index('comments_parent_idx', ['parentId'])
@Index('comments_author_idx', ['authorId'])
@Check('comments_one_target_check', 'num_nonnulls(problem_id, solution_id) = 1')
export class CommentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { nullable: true })
  problemId: string | null;

  @ManyToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: ProblemEntity;

  @Column('uuid', { nullable: true })
  solutionId: string | null;

  @ManyToOne(() => SolutionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'solution_id' })
  solution?: SolutionEntity;

  @Column('uuid', { nullable: true })
  parentId: string | null;

  @ManyToOne(() => CommentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'parent_id' })
  parent?: CommentEntity;

  @Column('uuid')
  authorId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: UserEntity;

  @Column('text')
  body: string;

  /** Written by an officer or supervisor: the police side of the conversation. */
  @Column('boolean', { default: false })
  official: boolean;

  /** Hidden by moderation, pending review: set by the moderation in the same transaction as its audit trail. */
  @Column('boolean', { default: false })
  hidden: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
