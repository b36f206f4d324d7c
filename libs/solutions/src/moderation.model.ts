import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@common-ground/shared/graphql';
import { ModerationAction, ModerationTarget } from './moderation.entity';

registerEnumType(ModerationTarget, { name: 'ModerationTarget', description: 'What kind of item is flagged or moderated.' });
registerEnumType(ModerationAction, { name: 'ModerationAction' });

@ObjectType('ModerationStatus', {
  description: 'An item’s moderation as its author and moderators see it: whether it is hidden, and why.',
})
export class ModerationStatusModel {
  @Field()
  hidden: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is hidden: the reason recorded when it was hidden. Null while visible.' })
  reason: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was hidden. Null while visible.' })
  hiddenAt: Date | null;

  @Field({ description: 'Hidden automatically on flags, pending a moderator’s review (false: by a moderator, or visible).' })
  pendingReview: boolean;
}

@ObjectType('ModerationEntry', { description: 'One entry of an item’s audit trail: who hid or restored it, when and why.' })
export class ModerationEntryModel {
  @Field(() => ID)
  id: string;

  @Field(() => ModerationAction)
  action: ModerationAction;

  @Field({ description: 'Hidden automatically on flags (no moderator).' })
  automatic: boolean;

  @Field()
  reason: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  moderatorId: string | null;
}

@ObjectType('ModerationEntryConnection')
export class ModerationEntryConnection extends Connection(ModerationEntryModel, 'ModerationEntry') {}

@ObjectType('ContentFlag', { description: 'One user’s flag on an item.' })
export class ContentFlagModel {
  @Field()
  reason: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field({
    description:
      'The flagger’s account was younger than MODERATION_FLAGGER_MIN_ACCOUNT_AGE_HOURS when flagging: the flag queued the item but did not count toward hiding it.',
  })
  newAccount: boolean;

  userId: string;
}

@ObjectType('ContentFlagConnection')
export class ContentFlagConnection extends Connection(ContentFlagModel, 'ContentFlag') {}

@ObjectType('FlaggedItem', { description: 'An item in the moderation queue: flagged since the last moderator decision.' })
export class FlaggedItemModel {
  @Field(() => ModerationTarget)
  kind: ModerationTarget;

  @Field(() => ID, { description: 'The id of the problem, solution or comment.' })
  targetId: string;

  @Field(() => Int, { description: 'Flags since the last moderator decision (hiding or restoring clears them).' })
  pendingFlags: number;

  @Field(() => Int, { description: 'Of the pending flags, those that count toward hiding it automatically (not from new accounts).' })
  countedFlags: number;

  @Field(() => Int, { description: 'Every flag it ever had.' })
  flagCount: number;

  @Field(() => GraphQLISODateTime)
  lastFlaggedAt: Date;
}

@ObjectType('FlaggedItemConnection')
export class FlaggedItemConnection extends Connection(FlaggedItemModel, 'FlaggedItem') {}
