import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@common-ground/shared/graphql';
import { ActionStatus, ActionVisibility } from './action-status';

registerEnumType(ActionStatus, {
  name: 'ActionStatus',
  description: 'PLANNED → IN_PROGRESS ⇄ BLOCKED → DONE, or CANCELLED (with a note). DONE and CANCELLED are final.',
});
registerEnumType(ActionVisibility, {
  name: 'ActionVisibility',
  valuesMap: {
    PUBLIC: { description: 'Seen by everyone, with its updates.' },
    INTERNAL: { description: 'Seen only by officers, partner agencies, the assigned officer and the assigned organisation’s members.' },
  },
});

@ObjectType('ActionUpdate', { description: 'One entry of an action’s log: the status and progress after it.' })
export class ActionUpdateModel {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ActionStatus)
  status: ActionStatus;

  @Field(() => Int)
  progressPercent: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The due date after this update.' })
  dueAt: Date | null;

  authorId: string;
}

/**
 * A task in a problem's response. The assignee is an officer (`assignee`) or an organisation
 * (`organisation`), never both; either may be null while it is unassigned.
 */
@ObjectType('Action')
export class ActionModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field()
  description: string;

  @Field(() => ActionStatus)
  status: ActionStatus;

  @Field(() => Int, { description: '0 to 100; DONE means 100.' })
  progressPercent: number;

  @Field(() => ActionVisibility)
  visibility: ActionVisibility;

  @Field(() => GraphQLISODateTime, { nullable: true })
  dueAt: Date | null;

  @Field({ description: 'The due date has passed and the action is neither DONE nor CANCELLED.' })
  overdue: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it became DONE or CANCELLED.' })
  finishedAt: Date | null;

  // Internal: resolved by field resolvers.
  problemId: string;
  solutionId: string | null;
  assigneeId: string | null;
  organisationId: string | null;
  createdById: string;
}

@ObjectType('ActionConnection')
export class ActionConnection extends Connection(ActionModel, 'Action') {}
