import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnDomainEvent } from '@common-ground/shared/database';
import { ProblemStatus, ProblemStatusChanged, TimelineService } from '@common-ground/problems';
import { ActionVisibility } from './action-status';
import { ActionAssigned, ActionCreated, ActionsTimelineKind, ActionUpdated, ProblemAssessed, ProblemLeadAssigned } from './actions.events';
import { AssessmentService } from './assessment.service';

/** A problem that goes back to these starts a new round: its assessment stops being current. */
const NEW_ROUND: readonly ProblemStatus[] = [ProblemStatus.ANALYSIS, ProblemStatus.RESPONSE];

/**
 * Writes the actions lib's events on the problems' timelines, in the publishing transaction.
 * The timeline is public, so INTERNAL actions are never written on it.
 */
@Injectable()
export class ActionsTimelineListener {
  constructor(
    private readonly timeline: TimelineService,
    private readonly assessments: AssessmentService,
  ) {}

  @OnDomainEvent(ProblemLeadAssigned)
  async leadAssigned({ payload }: ProblemLeadAssigned, manager: EntityManager): Promise<void> {
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: ActionsTimelineKind.LEAD_ASSIGNED,
      actorId: payload.actorId,
      subjectId: payload.officerId,
    });
  }

  @OnDomainEvent(ActionCreated)
  async created({ payload }: ActionCreated, manager: EntityManager): Promise<void> {
    if (payload.visibility !== ActionVisibility.PUBLIC) return;
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: ActionsTimelineKind.ACTION_CREATED,
      actorId: payload.actorId,
      note: payload.title,
      subjectId: payload.actionId,
    });
  }

  @OnDomainEvent(ActionAssigned)
  async assigned({ payload }: ActionAssigned, manager: EntityManager): Promise<void> {
    if (payload.visibility !== ActionVisibility.PUBLIC) return;
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: ActionsTimelineKind.ACTION_ASSIGNED,
      actorId: payload.actorId,
      note: payload.title,
      subjectId: payload.actionId,
    });
  }

  @OnDomainEvent(ActionUpdated)
  async updated({ payload }: ActionUpdated, manager: EntityManager): Promise<void> {
    if (payload.visibility !== ActionVisibility.PUBLIC) return;
    const moved = payload.from !== payload.to ? `${payload.from} → ${payload.to}, ` : '';
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: ActionsTimelineKind.ACTION_UPDATED,
      actorId: payload.actorId,
      note: `${payload.title}: ${moved}${payload.progressPercent}%${payload.note ? ` — ${payload.note}` : ''}`,
      subjectId: payload.actionId,
    });
  }

  @OnDomainEvent(ProblemAssessed)
  async assessed({ payload }: ProblemAssessed, manager: EntityManager): Promise<void> {
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: ActionsTimelineKind.ASSESSED,
      actorId: payload.actorId,
      note: payload.outcome,
      subjectId: payload.assessmentId,
    });
  }

  /** Back to ANALYSIS or RESPONSE (from ASSESSMENT, or a reopened RESOLVED): a new round needs a new assessment. */
  @OnDomainEvent(ProblemStatusChanged)
  async statusChanged({ payload }: ProblemStatusChanged, manager: EntityManager): Promise<void> {
    if (NEW_ROUND.includes(payload.to)) await this.assessments.endRound(manager, payload.problemId);
  }
}
