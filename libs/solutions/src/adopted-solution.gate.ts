import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProblemStatus, SaraGate } from '@common-ground/problems';
import { ADOPTED_STATUSES } from './solution-status';

/**
 * The SARA gate this lib owns: a problem leaves ANALYSIS for RESPONSE only with at least one
 * adopted solution (one already implemented counts: it was adopted). Registered on start by the
 * solutions module; runs inside the problem's status change, after the problem row is locked.
 */
@Injectable()
export class AdoptedSolutionGate implements SaraGate {
  applies(from: ProblemStatus, to: ProblemStatus): boolean {
    return from === ProblemStatus.ANALYSIS && to === ProblemStatus.RESPONSE;
  }

  async check(manager: EntityManager, problemId: string): Promise<string | null> {
    const rows: unknown[] = await manager.query(
      'SELECT 1 FROM solutions WHERE problem_id = $1 AND status = ANY($2::solution_status[]) LIMIT 1',
      [problemId, ADOPTED_STATUSES],
    );
    return rows.length ? null : 'no solution has been adopted';
  }
}
