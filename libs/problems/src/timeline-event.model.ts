import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@common-ground/shared/graphql';
import { ProblemStatus } from './problem-status';
import { TimelineEventKind } from './timeline-event-kind';

registerEnumType(TimelineEventKind, { name: 'TimelineEventKind' });

@ObjectType('TimelineEvent')
export class TimelineEventModel {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  /** One of `TimelineEventKind`: the kinds every lib declares. */
  @Field(() => TimelineEventKind)
  kind: string;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ProblemStatus, { nullable: true })
  fromStatus: ProblemStatus | null;

  @Field(() => ProblemStatus, { nullable: true })
  toStatus: ProblemStatus | null;

  @Field(() => ID, { nullable: true, description: 'What the event is about (a solution, a comment, an action), when anything.' })
  subjectId: string | null;

  actorId: string | null;
  problemId: string;
}

@ObjectType('TimelineEventConnection')
export class TimelineEventConnection extends Connection(TimelineEventModel, 'TimelineEvent') {}
