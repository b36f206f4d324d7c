import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OnDomainEvent } from '@common-ground/shared/database';
import { SolutionRejected } from '@common-ground/solutions';
import { PledgeLifecycleService } from './pledge-lifecycle.service';

/**
 * The pledges lib's reaction to the solutions lib's rejection: every open pledge toward the
 * solution is RELEASED in the rejection's own transaction (the solutions lib never calls this
 * lib), so a failure here rolls the rejection back.
 */
@Injectable()
export class SolutionRejectedListener {
  constructor(private readonly lifecycle: PledgeLifecycleService) {}

  @OnDomainEvent(SolutionRejected)
  async releasePledges({ payload }: SolutionRejected, manager: EntityManager): Promise<void> {
    await this.lifecycle.releaseAll(manager, payload.solutionId, payload.actorId);
  }
}
