import { LatLng } from './geo';
import { ProblemStatus } from './problem-status';

/** The plain commands and queries the problems lib's services take (resolvers map inputs onto them). */

export interface ReportProblem {
  title: string;
  description: string;
  categoryCode: string;
  location: LatLng;
  address?: string | null;
  anonymous: boolean;
}

export interface ChangeProblemStatus {
  problemId: string;
  status: ProblemStatus;
  note?: string | null;
}

export interface MarkDuplicate {
  problemId: string;
  duplicateOfId: string;
}

export interface RecordAnalysis {
  problemId: string;
  offender?: string | null;
  victim?: string | null;
  place?: string | null;
  handler?: string | null;
  guardian?: string | null;
  manager?: string | null;
  hypothesis?: string | null;
}

export enum ProblemOrder {
  NEWEST = 'NEWEST',
  MOST_SUPPORTED = 'MOST_SUPPORTED',
  NEAREST = 'NEAREST',
  PRIORITY = 'PRIORITY',
}

export interface ListProblems {
  filter?: {
    near?: LatLng & { radiusMeters: number };
    areaId?: string;
    statuses?: ProblemStatus[];
    categoryCodes?: string[];
    search?: string;
  };
  orderBy?: ProblemOrder;
  first?: number;
  after?: string;
}

/** What the actions lib reads of a problem it changes the response of (ProblemService.lockForResponse). */
export interface ResponseFacts {
  status: ProblemStatus;
  /** The area of the exact point (officers route by it). */
  areaId: string | null;
  /** The area the public sees it in. */
  publicAreaId: string | null;
  reporterId: string;
  leadOfficerId: string | null;
}
