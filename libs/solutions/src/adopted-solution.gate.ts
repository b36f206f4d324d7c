import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProblemStatus, ProvidesSaraGate, SaraGate, SaraGateBlocker } from '@common-ground/problems';
import { ADOPTED_STATUSES } from './solution-status';

/** The blocker's reason (in the CONFLICT's `blockers`). */
export const SARA_GATE_NO_ADOPTED_SOLUTION = 'SARA_GATE_NO_ADOPTED_SOLUTION';

/**
 * The SARA gate this lib owns: a problem leaves ANALYSIS for RESPONSE only with at least one
 * adopted solution (one already implemented counts: it was adopted). Listed in the solutions
 * module's providers, where the problems lib finds it (`@ProvidesSaraGate`); runs inside the problem's status change, after the problem row is locked.
 */
@Injectable()
@ProvidesSaraGate()
export class AdoptedSolutionGate implements SaraGate {
  applies(from: ProblemStatus, to: ProblemStatus): boolean {
    return from === ProblemStatus.ANALYSIS && to === ProblemStatus.RESPONSE;
  }

  async check(manager: EntityManager, problemId: string): Promise<SaraGateBlocker | null> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM solutions WHERE problem_id = $1 AND status = ANY($2::solution_status[]) LIMIT 1', [
      problemId,
      ADOPTED_STATUSES,
    ]);
    return rows.length ? null : { reason: SARA_GATE_NO_ADOPTED_SOLUTION, message: 'no solution has been adopted' };
  }
}
