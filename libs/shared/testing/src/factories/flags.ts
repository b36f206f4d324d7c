import { GraphQLExecutor } from '../graphql-client';
import { FLAG_CONTENT, MODERATE_CONTENT } from '../documents';
import { FactoryUser, Staff } from './users';

/** What is flagged or moderated: exactly one id, as the API takes it. */
export type ContentTarget = { problemId: string } | { solutionId: string } | { commentId: string };

export const problemTarget = (problem: { id: string }): ContentTarget => ({ problemId: problem.id });
export const solutionTarget = (solution: { id: string }): ContentTarget => ({ solutionId: solution.id });
export const commentTarget = (comment: { id: string }): ContentTarget => ({ commentId: comment.id });

/** Flags (one `flagContent` each) and moderators' decisions (one `moderateContent` each). */
export class FlagFactory {
  constructor(
    private readonly gql: GraphQLExecutor,
    private readonly staff: Staff,
  ) {}

  async flag(user: FactoryUser, target: ContentTarget, reason = 'Abusive'): Promise<void> {
    await this.gql.ok(FLAG_CONTENT, { input: { ...target, reason } }, user.token);
  }

  /** Each user flags the item in turn. */
  async flagBy(users: FactoryUser[], target: ContentTarget, reason = 'Abusive'): Promise<void> {
    for (const user of users) await this.flag(user, target, reason);
  }

  async hide(target: ContentTarget, reason = 'Breaks the house rules', by?: FactoryUser): Promise<void> {
    await this.moderate(target, 'HIDE', reason, by);
  }

  async restore(target: ContentTarget, reason = 'Fine on review', by?: FactoryUser): Promise<void> {
    await this.moderate(target, 'RESTORE', reason, by);
  }

  private async moderate(target: ContentTarget, action: 'HIDE' | 'RESTORE', reason: string, by?: FactoryUser): Promise<void> {
    const moderator = by ?? (await this.staff.moderator());
    await this.gql.ok(MODERATE_CONTENT, { input: { ...target, action, reason } }, moderator.token);
  }
}
