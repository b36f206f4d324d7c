import { Mutation, Resolver } from '@nestjs/graphql';
import { Auth, AuthenticatedUser, CurrentUser, MODERATOR_ROLES } from '@common-ground/shared/auth';
import { Args } from '@common-ground/shared/graphql';
import { FlagContentInput, ModerateContentInput } from './moderation.input';
import { FLAG_HIDE_THRESHOLD, ModerationService, targetOf } from './moderation.service';

@Resolver()
export class ModerationResolver {
  constructor(private readonly moderation: ModerationService) {}

  @Mutation(() => Boolean, {
    description: `Asks moderators to review an item; once per user and item (repeating changes nothing). Flags from ${FLAG_HIDE_THRESHOLD} users hide it pending review.`,
  })
  async flagContent(@Args('input') input: FlagContentInput, @CurrentUser() viewer: AuthenticatedUser): Promise<boolean> {
    await this.moderation.flag(viewer.id, targetOf(input), input.reason);
    return true;
  }

  @Auth({ roles: MODERATOR_ROLES })
  @Mutation(() => Boolean, { description: 'MODERATOR (or ADMIN). Hides or restores an item; the reason goes to the audit trail.' })
  async moderateContent(@Args('input') input: ModerateContentInput, @CurrentUser() viewer: AuthenticatedUser): Promise<boolean> {
    await this.moderation.moderate(viewer.id, targetOf(input), input.action, input.reason);
    return true;
  }
}
