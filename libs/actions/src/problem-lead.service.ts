import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedUser, hasAnyRole, POLICE_ROLES, SUPERVISOR_ROLES } from '@common-ground/shared/auth';
import { DomainEvents, inTransaction } from '@common-ground/shared/database';
import { NotFoundError } from '@common-ground/shared/graphql';
import { UserService } from '@common-ground/identity';
import { OPEN_STATUSES, ProblemService } from '@common-ground/problems';
import { ProblemLeadAssigned } from './actions.events';
import { ActionsReason, leadSelfOnly, ProblemAlreadyLedError, refusedField, wrongProblemStatus } from './actions.exception';

/** Who leads the work on a problem. */
@Injectable()
export class ProblemLeadService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly problems: ProblemService,
    private readonly users: UserService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * A supervisor (or admin) makes any officer the lead; an officer takes the lead themselves
   * (FORBIDDEN LEAD_SELF_ONLY otherwise) of a problem nobody else leads (CONFLICT
   * PROBLEM_ALREADY_LED). Only open problems take a lead (CONFLICT PROBLEM_CLOSED).
   */
  async assign(actor: AuthenticatedUser, problemId: string, officerId: string): Promise<void> {
    const supervisor = hasAnyRole(actor, SUPERVISOR_ROLES);
    if (!supervisor && officerId !== actor.id) throw leadSelfOnly();
    await inTransaction(this.dataSource, async (manager) => {
      const problem = await this.problems.lockForResponse(manager, problemId);
      if (!problem) throw new NotFoundError('Problem', problemId);
      const officer = (await this.users.factsOf(manager, [officerId])).get(officerId);
      if (!officer || !hasAnyRole(officer, POLICE_ROLES)) throw refusedField('officerId', 'is not an officer', ActionsReason.LEAD_NOT_AN_OFFICER);
      if (!OPEN_STATUSES.includes(problem.status)) {
        throw wrongProblemStatus(ActionsReason.PROBLEM_CLOSED, problem.status, `A ${problem.status} problem takes no lead`);
      }
      if (problem.leadOfficerId === officerId) return;
      if (!supervisor && problem.leadOfficerId) throw new ProblemAlreadyLedError();
      await this.problems.setLead(manager, problemId, officerId);
      await this.events.publish(manager, new ProblemLeadAssigned({ problemId, officerId, actorId: actor.id, previousLeadId: problem.leadOfficerId }));
    });
  }
}
