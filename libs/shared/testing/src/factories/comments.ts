import { GraphQLExecutor } from '../graphql-client';
import { ADD_COMMENT } from '../documents';
import { FactoryUser, Staff } from './users';

export interface FactoryComment {
  id: string;
  author: FactoryUser;
  official: boolean;
  target: CommentTarget;
}

export type CommentTarget = { problemId: string } | { solutionId: string };

interface CommentDraft {
  by?: FactoryUser;
  target?: CommentTarget;
  parentId?: string;
}

/**
 * `comments.by(user).onProblem(problem).replyTo(comment).say('…')`: one `addComment`. A reply
 * goes on the same problem or solution as its parent.
 */
export class CommentBuilder {
  constructor(
    private readonly gql: GraphQLExecutor,
    private readonly author: () => Promise<FactoryUser>,
    private readonly official: boolean,
    private readonly draft: CommentDraft,
  ) {}

  by(author: FactoryUser): CommentBuilder {
    return this.with({ by: author });
  }

  onProblem(problem: { id: string }): CommentBuilder {
    return this.with({ target: { problemId: problem.id } });
  }

  onSolution(solution: { id: string }): CommentBuilder {
    return this.with({ target: { solutionId: solution.id } });
  }

  /** A reply: on the parent's problem or solution. */
  replyTo(parent: FactoryComment): CommentBuilder {
    return this.with({ target: parent.target, parentId: parent.id });
  }

  async say(body: string): Promise<FactoryComment> {
    if (!this.draft.target) throw new Error('comments: say on what (.onProblem, .onSolution or .replyTo)');
    const author = this.draft.by ?? (await this.author());
    const { addComment } = await this.gql.ok<{ addComment: { id: string; official: boolean } }>(
      ADD_COMMENT,
      { input: { ...this.draft.target, parentId: this.draft.parentId ?? null, body } },
      author.token,
    );
    if (this.official && !addComment.official) {
      throw new Error(`An official answer needs an officer or supervisor; ${author.displayName} has ${author.roles.join(', ')}`);
    }
    return { id: addComment.id, author, official: addComment.official, target: this.draft.target };
  }

  private with(change: Partial<CommentDraft>): CommentBuilder {
    return new CommentBuilder(this.gql, this.author, this.official, { ...this.draft, ...change });
  }
}

/** Where a comment starts: its author, or what it is on. */
abstract class CommentStarts {
  protected abstract draft(): CommentBuilder;

  by(author: FactoryUser): CommentBuilder {
    return this.draft().by(author);
  }

  onProblem(problem: { id: string }): CommentBuilder {
    return this.draft().onProblem(problem);
  }

  onSolution(solution: { id: string }): CommentBuilder {
    return this.draft().onSolution(solution);
  }

  replyTo(parent: FactoryComment): CommentBuilder {
    return this.draft().replyTo(parent);
  }
}

/** Comments by anyone (default author: the factories' resident). */
export class CommentFactory extends CommentStarts {
  constructor(
    private readonly gql: GraphQLExecutor,
    private readonly staff: Staff,
  ) {
    super();
  }

  protected draft(): CommentBuilder {
    return new CommentBuilder(this.gql, () => this.staff.resident(), false, {});
  }
}

/**
 * Official answers: comments by an officer or supervisor, which the API marks `official`
 * (default author: the factories' officer). Refuses to pass off anyone else's comment as one.
 */
export class AnswerFactory extends CommentStarts {
  constructor(
    private readonly gql: GraphQLExecutor,
    private readonly staff: Staff,
  ) {
    super();
  }

  protected draft(): CommentBuilder {
    return new CommentBuilder(this.gql, () => this.staff.officer(), true, {});
  }
}
