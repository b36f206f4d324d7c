import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@common-ground/identity';
import { ProblemEntity } from './problem.entity';
import { ProblemStatus } from './problem-status';

/** One thing that happened to a problem; written in the same transaction as the change. */
@Entity('problem_events')
@Index('problem_events_problem_idx', ['problemId', 'at', 'id'])
export class TimelineEventEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  problemId: string;

  @ManyToOne(() => ProblemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: ProblemEntity;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  /** A TimelineEventKind; text so that higher libs add kinds without a schema change. */
  @Column('text')
  kind: string;

  @Column('uuid', { nullable: true })
  actorId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: UserEntity;

  @Column('text', { nullable: true })
  note: string | null;

  @Column({ type: 'enum', enum: ProblemStatus, enumName: 'problem_status', nullable: true })
  fromStatus: ProblemStatus | null;

  @Column({ type: 'enum', enum: ProblemStatus, enumName: 'problem_status', nullable: true })
  toStatus: ProblemStatus | null;

  /** What the event points at (e.g. a solution or a comment), by id. */
  @Column('uuid', { nullable: true })
  subjectId: string | null;
}
