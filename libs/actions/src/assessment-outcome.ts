/** What the assessment found. Registered with GraphQL in assessment.model.ts. */
export enum AssessmentOutcome {
  RESOLVED = 'RESOLVED',
  IMPROVED = 'IMPROVED',
  NO_CHANGE = 'NO_CHANGE',
  WORSENED = 'WORSENED',
  /** The problem moved elsewhere. */
  DISPLACED = 'DISPLACED',
}

/** A resident's answer to "did it work?". Registered with GraphQL in assessment.model.ts. */
export enum OutcomeWorked {
  YES = 'YES',
  PARTLY = 'PARTLY',
  NO = 'NO',
}

/** Statuses in which the reporter and supporters may say whether it worked. */
export const RATEABLE_STATUSES = ['ASSESSMENT', 'RESOLVED'] as const;

/**
 * Whether the residents of a problem said it worked: more than half of its ratings are YES.
 * The statistics' `workedShare` is the share of rated problems for which this holds (the same
 * rule, in SQL: 2 × YES > all ratings).
 */
export function residentsSaidItWorked(ratings: { yes: number; partly: number; no: number }): boolean {
  return 2 * ratings.yes > ratings.yes + ratings.partly + ratings.no;
}
