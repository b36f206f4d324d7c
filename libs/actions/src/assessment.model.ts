import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AssessmentOutcome, OutcomeWorked } from './assessment-outcome';

registerEnumType(AssessmentOutcome, { name: 'AssessmentOutcome', valuesMap: { DISPLACED: { description: 'The problem moved elsewhere.' } } });
registerEnumType(OutcomeWorked, { name: 'OutcomeWorked', description: 'A resident’s answer to “did it work?”.' });

@ObjectType('AssessmentMetric', { description: 'A before/after figure, e.g. incidents per week.' })
export class AssessmentMetricModel {
  @Field()
  name: string;

  @Field(() => Float)
  before: number;

  @Field(() => Float)
  after: number;

  @Field(() => String, { nullable: true })
  unit: string | null;

  @Field(() => String, { nullable: true, description: 'What the figures cover, e.g. "4 weeks before and after".' })
  period: string | null;
}

@ObjectType('Assessment', { description: 'The outcome of a problem’s response, with the data it rests on.' })
export class AssessmentModel {
  @Field(() => ID)
  id: string;

  @Field(() => AssessmentOutcome)
  outcome: AssessmentOutcome;

  @Field()
  summary: string;

  @Field(() => [AssessmentMetricModel])
  metrics: AssessmentMetricModel[];

  @Field({ description: 'False once the problem went back to ANALYSIS or RESPONSE after it.' })
  current: boolean;

  @Field(() => GraphQLISODateTime)
  assessedAt: Date;

  problemId: string;
  assessedById: string;
}

@ObjectType('OutcomeRating', { description: 'The signed-in user’s own answer to “did it work?”.' })
export class OutcomeRatingModel {
  @Field(() => OutcomeWorked)
  worked: OutcomeWorked;

  @Field(() => String, { nullable: true })
  comment: string | null;

  @Field(() => GraphQLISODateTime)
  ratedAt: Date;
}

@ObjectType('RatingComment', {
  description: 'A resident’s comment on whether it worked. Never names who wrote it (a rating may be an anonymous reporter’s); dated by the day.',
})
export class RatingCommentModel {
  @Field(() => OutcomeWorked)
  worked: OutcomeWorked;

  @Field()
  comment: string;

  @Field({ description: 'The day (UTC) it was given or last changed, YYYY-MM-DD.' })
  day: string;
}

@ObjectType('RatingCount')
export class RatingCountModel {
  @Field(() => OutcomeWorked)
  worked: OutcomeWorked;

  @Field(() => Int)
  count: number;
}

@ObjectType('OutcomeCount')
export class OutcomeCountModel {
  @Field(() => AssessmentOutcome)
  outcome: AssessmentOutcome;

  @Field(() => Int)
  count: number;
}
