import { GraphQLExecutor } from '../graphql-client';
import { ActionFactory } from './actions';
import { AreaFactory } from './areas';
import { AnswerFactory, CommentFactory } from './comments';
import { FlagFactory } from './flags';
import { OrganisationFactory } from './organisations';
import { PledgeFactory } from './pledges';
import { ProblemFactory } from './problems';
import { SolutionFactory, VoteFactory } from './solutions';
import { Staff, UserFactory, UserSource } from './users';

export * from './actions';
export * from './areas';
export * from './comments';
export * from './flags';
export * from './geo';
export * from './organisations';
export * from './pledges';
export * from './problems';
export * from './solutions';
export * from './users';

/**
 * Fluent factories that build every state through the API, one GraphQL call per step, with the
 * same guard, validation, rules and SARA gates a user meets. Accounts come from `source`.
 */
export class Factories {
  readonly users: UserFactory;
  readonly staff: Staff;
  readonly areas: AreaFactory;
  readonly organisations: OrganisationFactory;
  readonly problems: ProblemFactory;
  readonly solutions: SolutionFactory;
  readonly votes: VoteFactory;
  readonly pledges: PledgeFactory;
  readonly comments: CommentFactory;
  readonly answers: AnswerFactory;
  readonly flags: FlagFactory;
  readonly actions: ActionFactory;

  constructor(
    readonly gql: GraphQLExecutor,
    source: UserSource,
  ) {
    this.users = new UserFactory(source);
    this.staff = new Staff(this.users);
    this.areas = new AreaFactory(gql, this.staff);
    this.organisations = new OrganisationFactory(gql, this.staff);
    this.solutions = new SolutionFactory(gql, this.staff);
    this.actions = new ActionFactory(gql, this.staff);
    this.problems = new ProblemFactory(gql, this.staff, this.solutions, this.actions);
    this.votes = new VoteFactory(gql);
    this.pledges = new PledgeFactory(gql, this.staff);
    this.comments = new CommentFactory(gql, this.staff);
    this.answers = new AnswerFactory(gql, this.staff);
    this.flags = new FlagFactory(gql, this.staff);
  }
}
