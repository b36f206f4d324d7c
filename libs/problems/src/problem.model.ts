import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsLatitude, IsLongitude, IsNumber } from 'class-validator';
import { hiddenUnlessAuthor } from '@common-ground/shared/auth';
import { Connection } from '@common-ground/shared/graphql';
import { ProblemAnalysisEntity, ProblemEntity } from './problem.entity';
import { ProblemStatus } from './problem-status';
import { TimelineEventKind } from './timeline-event-kind';
import { TimelineEventEntity } from './timeline-event.entity';

@ObjectType('LatLng')
export class LatLngModel {
  @Field(() => Float)
  lat: number;

  @Field(() => Float)
  lng: number;
}

@InputType()
export class LatLngInput {
  @Field(() => Float, { description: 'Latitude, -90 to 90.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  @IsLatitude({ message: 'must be a latitude between -90 and 90' })
  lat: number;

  @Field(() => Float, { description: 'Longitude, -180 to 180.' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'must be a finite number' })
  @IsLongitude({ message: 'must be a longitude between -180 and 180' })
  lng: number;
}

@ObjectType('Category')
export class CategoryModel {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field({ description: 'Problems in sensitive categories show the public a location coarsened to about 200 m.' })
  sensitive: boolean;

  @Field(() => Float)
  priorityWeight: number;
}

@ObjectType('ProblemAnalysis', { description: 'The problem analysis triangle, and a hypothesis of why the problem recurs.' })
export class ProblemAnalysisModel {
  @Field(() => String, { nullable: true })
  offender: string | null;

  @Field(() => String, { nullable: true })
  victim: string | null;

  @Field(() => String, { nullable: true })
  place: string | null;

  @Field(() => String, { nullable: true, description: 'Who can influence the offender.' })
  handler: string | null;

  @Field(() => String, { nullable: true, description: 'Who can protect the victim or target.' })
  guardian: string | null;

  @Field(() => String, { nullable: true, description: 'Who controls the place.' })
  manager: string | null;

  @Field(() => String, { nullable: true })
  hypothesis: string | null;

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  recordedById: string;
}

const HIDDEN_TEXT = 'Null when hidden by moderation, except to moderators and the reporter.';
const unlessHidden = hiddenUnlessAuthor<ProblemModel>((problem) => problem.reporterId);

/**
 * A problem as the API shows it. The plain fields are public (title and description unless it is
 * hidden); location, address, reporter and the rest depend on who asks and are resolved by field
 * resolvers from the internal fields.
 */
@ObjectType('Problem')
export class ProblemModel {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: HIDDEN_TEXT, middleware: [unlessHidden] })
  title: string;

  @Field(() => String, { nullable: true, description: HIDDEN_TEXT, middleware: [unlessHidden] })
  description: string;

  @Field(() => ProblemStatus)
  status: ProblemStatus;

  @Field(() => String, { nullable: true, description: 'The note of the latest status change, e.g. why it was rejected.' })
  statusNote: string | null;

  @Field({ description: 'The reporter chose not to be named. Their identity is never shown to anyone else.' })
  anonymous: boolean;

  @Field(() => Int)
  supportCount: number;

  @Field(() => GraphQLISODateTime)
  reportedAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  @Field(() => GraphQLISODateTime)
  statusChangedAt: Date;

  @Field({ description: 'Hidden by moderation (after flags or by a moderator), pending review.' })
  hidden: boolean;

  // Internal: never fields.
  /** For the solutions lib's count, kept on the row. */
  solutionCount: number;
  categoryCode: string;
  lat: number;
  lng: number;
  publicLat: number;
  publicLng: number;
  addressText: string | null;
  areaId: string | null;
  publicAreaId: string | null;
  reporterId: string;
  duplicateOfId: string | null;
}

export function toProblemModel(entity: ProblemEntity): ProblemModel {
  return {
    id: entity.id,
    title: entity.title,
    description: entity.description,
    status: entity.status,
    statusNote: entity.statusNote,
    anonymous: entity.anonymous,
    supportCount: entity.supportCount,
    reportedAt: entity.reportedAt,
    updatedAt: entity.updatedAt,
    statusChangedAt: entity.statusChangedAt,
    hidden: entity.hidden,
    solutionCount: entity.solutionCount,
    categoryCode: entity.categoryCode,
    lat: entity.lat,
    lng: entity.lng,
    publicLat: entity.publicLat,
    publicLng: entity.publicLng,
    addressText: entity.address,
    areaId: entity.areaId,
    publicAreaId: entity.publicAreaId,
    reporterId: entity.reporterId,
    duplicateOfId: entity.duplicateOfId,
  };
}

export function toAnalysisModel(entity: ProblemAnalysisEntity): ProblemAnalysisModel {
  return {
    offender: entity.offender,
    victim: entity.victim,
    place: entity.place,
    handler: entity.handler,
    guardian: entity.guardian,
    manager: entity.manager,
    hypothesis: entity.hypothesis,
    recordedAt: entity.recordedAt,
    updatedAt: entity.updatedAt,
    recordedById: entity.recordedById,
  };
}

@ObjectType('ProblemConnection')
export class ProblemConnection extends Connection(ProblemModel, 'Problem') {}

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

export function toTimelineEventModel(entity: TimelineEventEntity): TimelineEventModel {
  return {
    id: entity.id,
    at: entity.at,
    kind: entity.kind,
    note: entity.note,
    fromStatus: entity.fromStatus,
    toStatus: entity.toStatus,
    subjectId: entity.subjectId,
    actorId: entity.actorId,
    problemId: entity.problemId,
  };
}

@ObjectType('TimelineEventConnection')
export class TimelineEventConnection extends Connection(TimelineEventModel, 'TimelineEvent') {}
