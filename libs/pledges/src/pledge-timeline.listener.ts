import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnDomainEvent } from '@common-ground/shared/database';
import { TimelineService } from '@common-ground/problems';
import { PledgeStatus } from './pledge-status';
import { MatchFundingOffered, PledgeChanged, PledgeTimelineKind } from './pledges.events';

const KIND_OF_MOVE: Readonly<Record<PledgeStatus, PledgeTimelineKind>> = {
  [PledgeStatus.PLEDGED]: PledgeTimelineKind.PLEDGE_MADE,
  [PledgeStatus.FULFILLED]: PledgeTimelineKind.PLEDGE_FULFILLED,
  [PledgeStatus.WITHDRAWN]: PledgeTimelineKind.PLEDGE_WITHDRAWN,
  [PledgeStatus.RELEASED]: PledgeTimelineKind.PLEDGE_RELEASED,
};

/**
 * Writes the pledges lib's events on their problems' public timelines, in the publishing
 * transaction. The actor is who changed the pledge (a match is made by who made its offer), shown
 * as any actor is; the note says what was promised, the subject is the pledge.
 */
@Injectable()
export class PledgeTimelineListener {
  constructor(private readonly timeline: TimelineService) {}

  @OnDomainEvent(PledgeChanged)
  async pledgeChanged({ payload }: PledgeChanged, manager: EntityManager): Promise<void> {
    const matchMade = payload.to === PledgeStatus.PLEDGED && payload.matchesPledgeId !== null;
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: matchMade ? PledgeTimelineKind.PLEDGE_MATCHED : KIND_OF_MOVE[payload.to],
      actorId: payload.actorId,
      note: payload.summary,
      subjectId: payload.pledgeId,
    });
  }

  @OnDomainEvent(MatchFundingOffered)
  async matchFundingOffered({ payload }: MatchFundingOffered, manager: EntityManager): Promise<void> {
    await this.timeline.record(manager, {
      problemId: payload.problemId,
      kind: PledgeTimelineKind.MATCH_FUNDING_OFFERED,
      actorId: payload.actorId,
      note: payload.summary,
      subjectId: payload.offerId,
    });
  }
}
