import { DomainEvent } from '@common-ground/shared/database';
import { ProblemStatus } from './problem-status';
import { declareTimelineKinds } from './timeline-event-kind';

/** The timeline kinds the problems lib writes (see `ProblemTimelineListener`). */
export enum ProblemTimelineKind {
  REPORTED = 'REPORTED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  ANALYSIS_RECORDED = 'ANALYSIS_RECORDED',
  MARKED_DUPLICATE = 'MARKED_DUPLICATE',
  DUPLICATE_MERGED = 'DUPLICATE_MERGED',
}
declareTimelineKinds('problems', ProblemTimelineKind);

/** A resident reported a problem (its first support is theirs). */
export class ProblemReported extends DomainEvent<{ problemId: string; reporterId: string; anonymous: boolean; categoryCode: string }> {
  readonly type = 'problems.problem-reported';
}

/** A problem moved through the SARA cycle by a status change (not by `markDuplicate`). */
export class ProblemStatusChanged extends DomainEvent<{
  problemId: string;
  actorId: string;
  from: ProblemStatus;
  to: ProblemStatus;
  note: string | null;
}> {
  readonly type = 'problems.problem-status-changed';
}

/**
 * A problem was marked as a duplicate of another: `problemId` became DUPLICATE (from
 * `fromStatus`), its supports moved to `survivorId`, and problems merged into it before now
 * point at the survivor too. One event for both sides.
 */
export class ProblemMarkedDuplicate extends DomainEvent<{
  problemId: string;
  survivorId: string;
  actorId: string;
  fromStatus: ProblemStatus;
}> {
  readonly type = 'problems.problem-marked-duplicate';
}

/** The analysis of a problem was recorded or revised; `fields` are the ones given. */
export class AnalysisRecorded extends DomainEvent<{ problemId: string; actorId: string; fields: readonly string[] }> {
  readonly type = 'problems.analysis-recorded';
}
