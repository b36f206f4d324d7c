import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { newId } from '@common-ground/shared/database';
import { ConnectionShape, keysetPage } from '@common-ground/shared/graphql';
import { ProblemStatus } from './problem-status';
import { TimelineEventEntity } from './timeline-event.entity';

export interface NewTimelineEvent {
  problemId: string;
  /** A kind its lib declared (`declareTimelineKinds`). */
  kind: string;
  actorId: string | null;
  note?: string | null;
  fromStatus?: ProblemStatus | null;
  toStatus?: ProblemStatus | null;
  subjectId?: string | null;
}

/**
 * The problem's timeline. Each lib's timeline listener writes its events here from its domain
 * events, with the publishing transaction's manager.
 */
@Injectable()
export class TimelineService {
  constructor(@InjectRepository(TimelineEventEntity) private readonly events: Repository<TimelineEventEntity>) {}

  async record(manager: EntityManager, event: NewTimelineEvent): Promise<TimelineEventEntity> {
    const entity = manager.create(TimelineEventEntity, {
      id: newId(),
      problemId: event.problemId,
      kind: event.kind,
      actorId: event.actorId,
      note: event.note ?? null,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      subjectId: event.subjectId ?? null,
      at: new Date(),
    });
    await manager.insert(TimelineEventEntity, entity);
    return entity;
  }

  /** Oldest first. */
  page(problemId: string, args: { first?: number; after?: string }): Promise<ConnectionShape<TimelineEventEntity>> {
    const query = this.events.createQueryBuilder('e').where('e.problem_id = :problemId', { problemId });
    return keysetPage(
      query,
      [
        { expression: 'e.at', direction: 'ASC', type: 'timestamptz' },
        { expression: 'e.id', direction: 'ASC', type: 'uuid' },
      ],
      args,
    );
  }
}
