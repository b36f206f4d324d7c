import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { MoneyModel } from '@common-ground/shared/graphql';
import { OutcomeCountModel, RatingCountModel } from './assessment.model';

const BY_AREA = 'Problems count in the area the public sees them in.';

@ObjectType('EngagementStats', {
  description: `Engagement and outcomes for an area and a period (from inclusive, to exclusive), or everywhere and always. ${BY_AREA} Counts are zero and medians null when nothing happened.`,
})
export class EngagementStatsModel {
  @Field(() => Int, { description: 'Problems reported in the period.' })
  reported: number;

  @Field(() => Int, { description: 'Problems that reached RESOLVED in the period (and are still resolved).' })
  resolved: number;

  @Field(() => Int, { description: 'Problems reported in the period that are still open.' })
  open: number;

  @Field(() => Float, { nullable: true, description: 'Median days from report to resolution of the problems resolved in the period.' })
  medianDaysToResolve: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Of the problems reported in the period that got an official response (an officer’s comment on the problem or its solutions), the median hours from the report to the first one.',
  })
  medianHoursToFirstOfficialResponse: number | null;

  @Field(() => Int, { description: 'People who reported, supported, proposed, voted, commented, pledged or rated in the period, each once.' })
  participants: number;

  @Field(() => Int, { description: 'Votes first cast in the period.' })
  votes: number;

  @Field(() => Int, { description: 'Comments on problems and solutions in the period.' })
  comments: number;

  @Field(() => Int, { description: 'Of those, official ones (by officers).' })
  officialResponses: number;

  @Field(() => [MoneyModel], { description: 'Funding pledged in the period, one total per currency (empty: none).' })
  fundingPledged: MoneyModel[];

  @Field(() => [MoneyModel], { description: 'Funding pledges fulfilled in the period, one total per currency.' })
  fundingFulfilled: MoneyModel[];

  @Field(() => Float, { description: 'Volunteer hours pledged in the period.' })
  hoursPledged: number;

  @Field(() => Float, { description: 'Volunteer hours pledged and delivered (fulfilled) in the period.' })
  hoursFulfilled: number;

  @Field(() => [OutcomeCountModel], { description: 'Current assessments made in the period, by outcome (every outcome, zeros included).' })
  outcomes: OutcomeCountModel[];

  @Field(() => [RatingCountModel], { description: 'Residents’ ratings given or changed in the period, by answer (every answer, zeros included).' })
  ratings: RatingCountModel[];

  @Field(() => Int, { description: 'Problems with at least one rating given or changed in the period.' })
  ratedProblems: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Of ratedProblems, the share (0 to 1) whose residents said it worked: more than half of its ratings are YES. Null when none was rated.',
  })
  workedShare: number | null;
}
