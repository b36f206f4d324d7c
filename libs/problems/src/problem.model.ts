import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { hiddenUnlessAuthor } from '@common-ground/shared/auth';
import { Connection } from '@common-ground/shared/graphql';
import { ProblemOrder } from './problem.commands';
import { ProblemStatus } from './problem-status';

registerEnumType(ProblemStatus, {
  name: 'ProblemStatus',
  description: 'Where a problem is in the SARA cycle (Scanning, Analysis, Response, Assessment).',
});

registerEnumType(ProblemOrder, {
  name: 'ProblemOrder',
  valuesMap: {
    NEAREST: { description: 'Needs filter.near.' },
    PRIORITY: { description: 'Support, recency and category combined.' },
  },
});

@ObjectType('LatLng')
export class LatLngModel {
  @Field(() => Float)
  lat: number;

  @Field(() => Float)
  lng: number;
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
  /** The exact address as reported; the `address` field shows it as the viewer may see it. */
  address: string | null;
  areaId: string | null;
  publicAreaId: string | null;
  reporterId: string;
  duplicateOfId: string | null;
  leadOfficerId: string | null;
  /** Null while the response has no actions (see progressPercent). */
  responseProgress: number | null;
}

@ObjectType('ProblemConnection')
export class ProblemConnection extends Connection(ProblemModel, 'Problem') {}
