import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnDomainEvent } from '@common-ground/shared/database';
import { TimelineService } from '@common-ground/problems';
import { OfficialResponseGiven, SolutionAdopted, SolutionProposed, SolutionStatusChanged, SolutionTimelineKind } from './solutions.events';

/** Writes the solutions lib's events on their problems' timelines, in the publishing transaction. */
@Injectable()
export class SolutionTimelineListener {
  constructor(private readonly timeline: TimelineService) {}

  @OnDomainEvent(SolutionProposed)
  async proposed({ payload }: SolutionProposed, manager: EntityManager): Promise<void> {
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: SolutionTimelineKind.SOLUTION_PROPOSED,
      actorId: payload.proposerId,
      subjectId: payload.solutionId,
    });
  }

  /** Every move; an adoption has its own kind and keeps only the officer's note. */
  @OnDomainEvent(SolutionStatusChanged)
  async statusChanged(event: SolutionStatusChanged, manager: EntityManager): Promise<void> {
    const { payload } = event;
    const adopted = event instanceof SolutionAdopted;
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: adopted ? SolutionTimelineKind.SOLUTION_ADOPTED : SolutionTimelineKind.SOLUTION_STATUS_CHANGED,
      actorId: payload.actorId,
      note: adopted ? payload.note : `${payload.from} → ${payload.to}${payload.note ? `: ${payload.note}` : ''}`,
      subjectId: payload.solutionId,
    });
  }

  /** No body on the timeline: the comment may be hidden later, the timeline stays public. */
  @OnDomainEvent(OfficialResponseGiven)
  async officialResponse({ payload }: OfficialResponseGiven, manager: EntityManager): Promise<void> {
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: SolutionTimelineKind.OFFICIAL_RESPONSE,
      actorId: payload.authorId,
      subjectId: payload.commentId,
    });
  }
}
