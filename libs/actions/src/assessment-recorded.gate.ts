import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProblemStatus, ProvidesSaraGate, SaraGate, SaraGateBlocker } from '@common-ground/problems';
import { ActionsGateReason } from './actions.exception';
import { AssessmentService } from './assessment.service';

/**
 * A SARA gate this lib owns: a problem reaches RESOLVED only with a current assessment (one made
 * since it last went back to ANALYSIS or RESPONSE). Found by the problems lib through
 * `@ProvidesSaraGate`.
 */
@Injectable()
@ProvidesSaraGate()
export class AssessmentRecordedGate implements SaraGate {
  constructor(private readonly assessments: AssessmentService) {}

  applies(_from: ProblemStatus, to: ProblemStatus): boolean {
    return to === ProblemStatus.RESOLVED;
  }

  async check(manager: EntityManager, problemId: string): Promise<SaraGateBlocker | null> {
    return (await this.assessments.hasCurrent(manager, problemId))
      ? null
      : { reason: ActionsGateReason.SARA_GATE_ASSESSMENT_MISSING, message: 'no assessment has been recorded' };
  }
}
