import { GraphQLExecutor } from '../graphql-client';
import { CAST_VOTE, CHANGE_SOLUTION_STATUS, PROPOSE_SOLUTION, RETRACT_VOTE } from '../documents';
import { FactoryUser, Staff } from './users';

/** The solution statuses (the API's `SolutionStatus`). */
export type SolutionStatusName = 'PROPOSED' | 'SHORTLISTED' | 'ADOPTED' | 'REJECTED' | 'IMPLEMENTED';

export interface FactorySolution {
  id: string;
  problemId: string;
  proposer: FactoryUser;
  status: SolutionStatusName;
}

export interface CapacityNeed {
  kind: string;
  quantity: number;
  unit?: string;
}

interface SolutionDraft {
  by?: FactoryUser;
  problemId?: string;
  title: string;
  description: string;
  organisationId?: string | null;
  fundingGoal?: { amountMinor: number; currency: string } | null;
  capacityNeeds?: CapacityNeed[] | null;
  decidedBy?: FactoryUser;
  note?: string;
}

/** `solutions.by(user).on(problem).titled(…).fundingGoal(85000).propose()`: one `proposeSolution`. */
export class SolutionBuilder {
  constructor(
    private readonly factory: SolutionFactory,
    private readonly draft: SolutionDraft,
  ) {}

  by(proposer: FactoryUser): SolutionBuilder {
    return this.with({ by: proposer });
  }

  on(problem: { id: string }): SolutionBuilder {
    return this.with({ problemId: problem.id });
  }

  titled(title: string, description = this.draft.description): SolutionBuilder {
    return this.with({ title, description });
  }

  /** On behalf of an organisation the proposer belongs to. */
  forOrganisation(organisation: { id: string }): SolutionBuilder {
    return this.with({ organisationId: organisation.id });
  }

  fundingGoal(amountMinor: number, currency = 'GBP'): SolutionBuilder {
    return this.with({ fundingGoal: { amountMinor, currency } });
  }

  capacity(needs: CapacityNeed[]): SolutionBuilder {
    return this.with({ capacityNeeds: needs });
  }

  /** Who decides in `inStatus` (default: the factories' officer), and the note of the last move. */
  decidedBy(officer: FactoryUser, note?: string): SolutionBuilder {
    return this.with({ decidedBy: officer, note });
  }

  async propose(): Promise<FactorySolution> {
    if (!this.draft.problemId) throw new Error('solutions: say on which problem (.on(problem))');
    const proposer = this.draft.by ?? (await this.factory.staff.resident());
    const { proposeSolution } = await this.factory.gql.ok<{ proposeSolution: { id: string } }>(
      PROPOSE_SOLUTION,
      {
        input: {
          problemId: this.draft.problemId,
          title: this.draft.title,
          description: this.draft.description,
          organisationId: this.draft.organisationId ?? null,
          fundingGoal: this.draft.fundingGoal ?? null,
          capacityNeeds: this.draft.capacityNeeds ?? null,
        },
      },
      proposer.token,
    );
    return { id: proposeSolution.id, problemId: this.draft.problemId, proposer, status: 'PROPOSED' };
  }

  /**
   * Proposed, then decided through `changeSolutionStatus` (IMPLEMENTED by way of ADOPTED). The
   * API's rules apply: a solution is adopted only while its problem is in ANALYSIS or RESPONSE.
   */
  async inStatus(status: SolutionStatusName): Promise<FactorySolution> {
    const solution = await this.propose();
    if (status === 'PROPOSED') return solution;
    const by = this.draft.decidedBy;
    if (status === 'IMPLEMENTED') await this.factory.decide(solution, 'ADOPTED', { by });
    await this.factory.decide(solution, status, { by, note: this.draft.note ?? (status === 'REJECTED' ? 'Not workable here' : undefined) });
    return { ...solution, status };
  }

  private with(change: Partial<SolutionDraft>): SolutionBuilder {
    return new SolutionBuilder(this.factory, { ...this.draft, ...change });
  }
}

export class SolutionFactory {
  constructor(
    readonly gql: GraphQLExecutor,
    readonly staff: Staff,
  ) {}

  private draft(): SolutionBuilder {
    return new SolutionBuilder(this, { title: 'Better lighting on the path', description: 'LED lamps and trimmed hedges.' });
  }

  by(proposer: FactoryUser): SolutionBuilder {
    return this.draft().by(proposer);
  }

  on(problem: { id: string }): SolutionBuilder {
    return this.draft().on(problem);
  }

  /** One `changeSolutionStatus`, by an officer (default: the factories' officer). */
  async decide(solution: { id: string }, status: SolutionStatusName, options: { by?: FactoryUser; note?: string | null } = {}): Promise<void> {
    const officer = options.by ?? (await this.staff.officer());
    await this.gql.ok(CHANGE_SOLUTION_STATUS, { input: { solutionId: solution.id, status, note: options.note ?? null } }, officer.token);
  }
}

/** Votes: one `castVote` or `retractVote` each. */
export class VoteFactory {
  constructor(private readonly gql: GraphQLExecutor) {}

  async up(user: FactoryUser, solution: { id: string }): Promise<void> {
    await this.gql.ok(CAST_VOTE, { input: { solutionId: solution.id, value: 'UP' } }, user.token);
  }

  async down(user: FactoryUser, solution: { id: string }): Promise<void> {
    await this.gql.ok(CAST_VOTE, { input: { solutionId: solution.id, value: 'DOWN' } }, user.token);
  }

  async retract(user: FactoryUser, solution: { id: string }): Promise<void> {
    await this.gql.ok(RETRACT_VOTE, { solutionId: solution.id }, user.token);
  }

  /** Each of `up` votes up and each of `down` down, in turn. */
  async cast(solution: { id: string }, votes: { up?: FactoryUser[]; down?: FactoryUser[] }): Promise<void> {
    for (const user of votes.up ?? []) await this.up(user, solution);
    for (const user of votes.down ?? []) await this.down(user, solution);
  }
}
