import { GraphQLExecutor } from '../graphql-client';
import { CHANGE_PROBLEM_STATUS, MARK_DUPLICATE, RECORD_ANALYSIS, REPORT_PROBLEM, SUPPORT_PROBLEM, WITHDRAW_SUPPORT } from '../documents';
import { ActionFactory, AssessmentDraft, DEFAULT_ASSESSMENT } from './actions';
import { FactoryArea } from './areas';
import { Point } from './geo';
import { SolutionFactory } from './solutions';
import { FactoryUser, Staff } from './users';

/** The problem statuses (the API's `ProblemStatus`). */
export type ProblemStatusName = 'REPORTED' | 'SCANNING' | 'ANALYSIS' | 'RESPONSE' | 'ASSESSMENT' | 'RESOLVED' | 'DUPLICATE' | 'REJECTED';

/** The SARA cycle's forward path; every other status is reached from one of these. */
const CYCLE: readonly ProblemStatusName[] = ['REPORTED', 'SCANNING', 'ANALYSIS', 'RESPONSE', 'ASSESSMENT', 'RESOLVED'];

export type AnalysisFields = Partial<Record<'offender' | 'victim' | 'place' | 'handler' | 'guardian' | 'manager' | 'hypothesis', string>>;

export const DEFAULT_ANALYSIS: AnalysisFields = { place: 'The spot named in the report', hypothesis: 'Nobody watches the spot at the times it happens' };

export interface FactoryProblem {
  id: string;
  reporter: FactoryUser;
  status: ProblemStatusName;
  /** The solution adopted on the way to RESPONSE (when the walk needed one). */
  adoptedSolutionId?: string;
}

export interface SolutionOptions {
  title: string;
  description: string;
  by?: FactoryUser;
  organisation?: { id: string };
}

export interface WalkOptions {
  /** Who makes the moves (default: the factories' officer). */
  officer?: FactoryUser;
  /** The analysis recorded before leaving ANALYSIS (default: DEFAULT_ANALYSIS), unless one is. */
  analysis?: AnalysisFields;
  /** The solution adopted before leaving ANALYSIS, unless one is: proposed by the reporter (on behalf of `organisation`, which `by` belongs to). */
  solution?: SolutionOptions;
  /** The note of the last move (required by the API for REJECTED; a default is given). */
  note?: string;
  /** For DUPLICATE: the problem that stays. */
  duplicateOf?: { id: string };
  /** The assessment recorded before RESOLVED (default: DEFAULT_ASSESSMENT). */
  assessment?: AssessmentDraft;
}

interface ProblemDraft extends WalkOptions {
  by?: FactoryUser;
  at?: Point;
  title: string;
  description: string;
  category: string;
  address?: string | null;
  anonymous: boolean;
  supporters: FactoryUser[];
}

/**
 * `problems.by(user).in(area).at(point).category('DRUGS').anonymous().report()`: one
 * `reportProblem`; `.inStatus('ANALYSIS')` then walks the SARA moves through the API, recording
 * an analysis and adopting a solution where the gates need them. Each step returns a new builder,
 * so a half-built one can be reused.
 */
export class ProblemBuilder {
  constructor(
    private readonly factory: ProblemFactory,
    private readonly draft: ProblemDraft,
  ) {}

  by(reporter: FactoryUser): ProblemBuilder {
    return this.with({ by: reporter });
  }

  /** In the area: at its centre unless `at` says where. */
  in(area: FactoryArea): ProblemBuilder {
    return this.with({ at: this.draft.at ?? area.centre });
  }

  at(point: Point): ProblemBuilder {
    return this.with({ at: point });
  }

  category(code: string): ProblemBuilder {
    return this.with({ category: code });
  }

  titled(title: string, description = this.draft.description): ProblemBuilder {
    return this.with({ title, description });
  }

  address(address: string | null): ProblemBuilder {
    return this.with({ address });
  }

  anonymous(anonymous = true): ProblemBuilder {
    return this.with({ anonymous });
  }

  /** Supported by these users right after the report (one `supportProblem` each). */
  supportedBy(...users: FactoryUser[]): ProblemBuilder {
    return this.with({ supporters: [...this.draft.supporters, ...users] });
  }

  /** Moves made by this officer (or supervisor). */
  handledBy(officer: FactoryUser): ProblemBuilder {
    return this.with({ officer });
  }

  withAnalysis(analysis: AnalysisFields): ProblemBuilder {
    return this.with({ analysis });
  }

  /** The assessment recorded on the way to RESOLVED. */
  assessedAs(assessment: AssessmentDraft): ProblemBuilder {
    return this.with({ assessment });
  }

  withSolution(solution: SolutionOptions): ProblemBuilder {
    return this.with({ solution });
  }

  note(note: string): ProblemBuilder {
    return this.with({ note });
  }

  duplicateOf(problem: { id: string }): ProblemBuilder {
    return this.with({ duplicateOf: problem });
  }

  async report(): Promise<FactoryProblem> {
    const reporter = this.draft.by ?? (await this.factory.staff.resident());
    const { reportProblem } = await this.factory.gql.ok<{ reportProblem: { id: string } }>(
      REPORT_PROBLEM,
      {
        input: {
          title: this.draft.title,
          description: this.draft.description,
          categoryCode: this.draft.category,
          location: this.draft.at ?? { lat: 53.4808, lng: -2.2426 },
          address: this.draft.address ?? null,
          anonymous: this.draft.anonymous,
        },
      },
      reporter.token,
    );
    const problem: FactoryProblem = { id: reportProblem.id, reporter, status: 'REPORTED' };
    for (const user of this.draft.supporters) await this.factory.support(problem, user);
    return problem;
  }

  /** Reported, then walked to `status` through the API. */
  async inStatus(status: ProblemStatusName): Promise<FactoryProblem> {
    return this.factory.walk(await this.report(), status, this.draft);
  }

  private with(change: Partial<ProblemDraft>): ProblemBuilder {
    return new ProblemBuilder(this.factory, { ...this.draft, ...change });
  }
}

export class ProblemFactory {
  constructor(
    readonly gql: GraphQLExecutor,
    readonly staff: Staff,
    private readonly solutions: SolutionFactory,
    private readonly actions: ActionFactory,
  ) {}

  private draft(): ProblemBuilder {
    return new ProblemBuilder(this, {
      title: 'Broken street lamp on Elm Road',
      description: 'Dark every night.',
      category: 'ENVIRONMENT',
      anonymous: false,
      supporters: [],
    });
  }

  by(reporter: FactoryUser): ProblemBuilder {
    return this.draft().by(reporter);
  }

  in(area: FactoryArea): ProblemBuilder {
    return this.draft().in(area);
  }

  at(point: Point): ProblemBuilder {
    return this.draft().at(point);
  }

  category(code: string): ProblemBuilder {
    return this.draft().category(code);
  }

  report(): Promise<FactoryProblem> {
    return this.draft().report();
  }

  inStatus(status: ProblemStatusName): Promise<FactoryProblem> {
    return this.draft().inStatus(status);
  }

  async support(problem: { id: string }, user: FactoryUser): Promise<void> {
    await this.gql.ok(SUPPORT_PROBLEM, { problemId: problem.id }, user.token);
  }

  async withdrawSupport(problem: { id: string }, user: FactoryUser): Promise<void> {
    await this.gql.ok(WITHDRAW_SUPPORT, { problemId: problem.id }, user.token);
  }

  async recordAnalysis(problem: { id: string }, analysis: AnalysisFields, by?: FactoryUser): Promise<void> {
    const officer = by ?? (await this.staff.officer());
    await this.gql.ok(RECORD_ANALYSIS, { input: { problemId: problem.id, ...analysis } }, officer.token);
  }

  /** One `changeProblemStatus`. */
  async move(problem: { id: string }, status: ProblemStatusName, options: { by?: FactoryUser; note?: string | null } = {}): Promise<void> {
    const officer = options.by ?? (await this.staff.officer());
    await this.gql.ok(CHANGE_PROBLEM_STATUS, { input: { problemId: problem.id, status, note: options.note ?? null } }, officer.token);
  }

  /** One `markDuplicate`: `problem` merges into `into`. */
  async markDuplicate(problem: { id: string }, into: { id: string }, by?: FactoryUser): Promise<void> {
    const officer = by ?? (await this.staff.officer());
    await this.gql.ok(MARK_DUPLICATE, { input: { problemId: problem.id, duplicateOfId: into.id } }, officer.token);
  }

  /**
   * Walks a problem forward from its status to `to`, one API call per move, meeting the gates the
   * way an officer would: an analysis and an adopted solution before RESPONSE, an assessment
   * before RESOLVED (the walk creates no actions, so ASSESSMENT is open). REJECTED is
   * reached from where the problem is (REPORTED, SCANNING or ANALYSIS), DUPLICATE by
   * `markDuplicate` (give `duplicateOf`). Nothing the API refuses is forced.
   */
  async walk(problem: FactoryProblem, to: ProblemStatusName, options: WalkOptions = {}): Promise<FactoryProblem> {
    const officer = options.officer ?? (await this.staff.officer());
    const walked: FactoryProblem = { ...problem };
    if (to === 'DUPLICATE') {
      if (!options.duplicateOf) throw new Error('walk to DUPLICATE: give duplicateOf');
      await this.markDuplicate(problem, options.duplicateOf, officer);
      return { ...walked, status: 'DUPLICATE' };
    }
    if (to === 'REJECTED') {
      await this.move(problem, 'REJECTED', { by: officer, note: options.note ?? 'Not a matter for the local team' });
      return { ...walked, status: 'REJECTED' };
    }
    const from = CYCLE.indexOf(problem.status);
    const target = CYCLE.indexOf(to);
    if (from < 0 || target < from) throw new Error(`walk: cannot walk forward from ${problem.status} to ${to}`);
    for (let i = from + 1; i <= target; i++) {
      const next = CYCLE[i];
      if (next === 'RESPONSE') {
        await this.recordAnalysis(problem, options.analysis ?? DEFAULT_ANALYSIS, officer);
        if (!walked.adoptedSolutionId) {
          let proposal = this.solutions
            .by(options.solution?.by ?? problem.reporter)
            .on(problem)
            .titled(options.solution?.title ?? 'Light the spot and trim the hedges', options.solution?.description ?? 'LED lamps on both paths.');
          if (options.solution?.organisation) proposal = proposal.forOrganisation(options.solution.organisation);
          const solution = await proposal.propose();
          await this.solutions.decide(solution, 'ADOPTED', { by: officer });
          walked.adoptedSolutionId = solution.id;
        }
      }
      if (next === 'RESOLVED') await this.actions.assess(problem, options.assessment ?? DEFAULT_ASSESSMENT, officer);
      await this.move(problem, next, { by: officer, note: i === target ? options.note : null });
      walked.status = next;
    }
    return walked;
  }
}
