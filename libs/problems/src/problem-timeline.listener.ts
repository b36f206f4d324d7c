import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnDomainEvent } from '@common-ground/shared/database';
import { ProblemStatus } from './problem-status';
import { AnalysisRecorded, ProblemMarkedDuplicate, ProblemReported, ProblemStatusChanged, ProblemTimelineKind } from './problems.events';
import { TimelineService } from './timeline.service';

/** Writes the problems lib's events on the problems' timelines, in the publishing transaction. */
@Injectable()
export class ProblemTimelineListener {
  constructor(private readonly timeline: TimelineService) {}

  @OnDomainEvent(ProblemReported)
  async reported({ payload }: ProblemReported, manager: EntityManager): Promise<void> {
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: ProblemTimelineKind.REPORTED,
      actorId: payload.reporterId,
      toStatus: ProblemStatus.REPORTED,
    });
  }

  @OnDomainEvent(ProblemStatusChanged)
  async statusChanged({ payload }: ProblemStatusChanged, manager: EntityManager): Promise<void> {
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: ProblemTimelineKind.STATUS_CHANGED,
      actorId: payload.actorId,
      note: payload.note,
      fromStatus: payload.from,
      toStatus: payload.to,
    });
  }

  /** Both timelines: the duplicate's and the survivor's. */
  @OnDomainEvent(ProblemMarkedDuplicate)
  async markedDuplicate({ payload }: ProblemMarkedDuplicate, manager: EntityManager): Promise<void> {
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: ProblemTimelineKind.MARKED_DUPLICATE,
      actorId: payload.actorId,
      fromStatus: payload.fromStatus,
      toStatus: ProblemStatus.DUPLICATE,
      subjectId: payload.survivorId,
    });
    await this.timeline.record(manager, {
      problemId: payload.survivorId,
      kind: ProblemTimelineKind.DUPLICATE_MERGED,
      actorId: payload.actorId,
      subjectId: payload.problemId,
    });
  }

  @OnDomainEvent(AnalysisRecorded)
  async analysisRecorded({ payload }: AnalysisRecorded, manager: EntityManager): Promise<void> {
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: ProblemTimelineKind.ANALYSIS_RECORDED,
      actorId: payload.actorId,
      note: payload.fields.join(', '),
    });
  }
}
