import { TimelineEventEntity } from './timeline-event.entity';
import { TimelineEventModel } from './timeline-event.model';

export function toTimelineEventModel(entity: TimelineEventEntity): TimelineEventModel {
  return {
    id: entity.id,
    at: entity.at,
    kind: entity.kind,
    note: entity.note,
    fromStatus: entity.fromStatus,
    toStatus: entity.toStatus,
    subjectId: entity.subjectId,
    actorId: entity.actorId,
    problemId: entity.problemId,
  };
}
