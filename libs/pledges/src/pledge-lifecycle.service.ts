import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '@common-ground/shared/auth';
import { inTransaction } from '@common-ground/shared/database';
import { NotFoundError } from '@common-ground/shared/graphql';
import { MembershipRole, OrganisationService } from '@common-ground/identity';
import { PledgeableSolution, SolutionPledgeTotals } from '@common-ground/solutions';
import { PledgeEntity } from './pledge.entity';
import { MarkPledgeFulfilled } from './pledge.commands';
import { PledgeLedger } from './pledge-ledger.service';
import { PledgeService } from './pledge.service';
import { PledgeStatus } from './pledge-status';
import { MatchFollowsItsPledgeError, NotThePledgerError, PledgeNotOpenError } from './pledges.exception';

/** Pledges withdrawn, fulfilled and released; each in its solution's transaction, its solution locked first. */
@Injectable()
export class PledgeLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pledges: PledgeService,
    private readonly organisations: OrganisationService,
    private readonly totals: SolutionPledgeTotals,
    private readonly ledger: PledgeLedger,
  ) {}

  /**
   * By the pledger, or an OWNER of the organisation it was made for, while it is PLEDGED. Its
   * open match pledges are withdrawn with it, which frees their offers' caps.
   */
  async withdraw(actor: AuthenticatedUser, pledgeId: string): Promise<PledgeEntity> {
    const found = await this.pledges.getById(pledgeId);
    if (found.pledgedById !== actor.id) {
      const role = found.organisationId ? await this.organisations.membershipOf(found.organisationId, actor.id) : null;
      if (role !== MembershipRole.OWNER) throw new NotThePledgerError();
    }
    if (found.matchesPledgeId) throw new MatchFollowsItsPledgeError(found.matchesPledgeId);
    return inTransaction(this.dataSource, async (manager) => {
      const { solution, pledge } = await this.lockOpen(manager, found);
      const [withdrawn] = await this.ledger.move(manager, solution, [pledge], PledgeStatus.WITHDRAWN, actor.id, null);
      const matches = await this.ledger.lock(manager, solution.id, "matches_pledge_id = $2 AND status = 'PLEDGED'", [pledge.id]);
      await this.ledger.move(manager, solution, matches, PledgeStatus.WITHDRAWN, actor.id, 'Withdrawn with the pledge it matches');
      return withdrawn;
    });
  }

  /** OFFICER+ (the resolver checks): delivery confirmed, with the officer's evidence. */
  async markFulfilled(actor: AuthenticatedUser, command: MarkPledgeFulfilled): Promise<PledgeEntity> {
    const found = await this.pledges.getById(command.pledgeId);
    return inTransaction(this.dataSource, async (manager) => {
      const { solution, pledge } = await this.lockOpen(manager, found);
      const [fulfilled] = await this.ledger.move(manager, solution, [pledge], PledgeStatus.FULFILLED, actor.id, null, {
        evidence: command.evidence ?? null,
        fulfilledById: actor.id,
      });
      return fulfilled;
    });
  }

  /**
   * Every open pledge of a solution that was rejected becomes RELEASED, in the rejection's
   * transaction (the solution is locked by it already), by the officer who rejected it.
   */
  async releaseAll(manager: EntityManager, solutionId: string, actorId: string | null): Promise<PledgeEntity[]> {
    const solution = await this.totals.lock(manager, solutionId);
    if (!solution) throw new NotFoundError('Solution', solutionId);
    const open = await this.ledger.lock(manager, solutionId, "status = 'PLEDGED'", []);
    return this.ledger.move(manager, solution, open, PledgeStatus.RELEASED, actorId, 'The solution was rejected');
  }

  /** The solution, then the pledge (the lock order); CONFLICT unless it is still PLEDGED. */
  private async lockOpen(manager: EntityManager, found: PledgeEntity): Promise<{ solution: PledgeableSolution; pledge: PledgeEntity }> {
    const solution = await this.totals.lock(manager, found.solutionId);
    if (!solution) throw new NotFoundError('Pledge', found.id);
    const [pledge] = await this.ledger.lock(manager, found.solutionId, 'id = $2', [found.id]);
    if (!pledge) throw new NotFoundError('Pledge', found.id);
    if (pledge.status !== PledgeStatus.PLEDGED) throw new PledgeNotOpenError(pledge.status);
    return { solution, pledge };
  }
}
