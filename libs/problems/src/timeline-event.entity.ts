import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '@common-ground/identity';
import { ProblemEntity } from './problem.entity';
import { ProblemStatus } from './problem-status';

/**
 * A kind of timeline event, one row per kind: the lib that declares a kind (`declareTimelineKinds`)
 * adds its row in its migration, so the database refuses a kind no lib declared.
 */
@Entity('timeline_event_kinds')
export class TimelineEventKindEntity {
  @PrimaryColumn('text')
  kind: string;

  /** The lib that writes it. */
  @Column('text')
  lib: string;
}

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

  /** A TimelineEventKind: one of `timeline_event_kinds`. */
  @Column('text')
  kind: string;

  @ManyToOne(() => TimelineEventKindEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'kind', referencedColumnName: 'kind' })
  kindRow?: TimelineEventKindEntity;

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
