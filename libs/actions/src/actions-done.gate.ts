import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProblemStatus, ProvidesSaraGate, SaraGate, SaraGateBlocker } from '@common-ground/problems';
import { OPEN_ACTION_STATUSES } from './action-status';
import { ActionsGateReason } from './actions.exception';

/**
 * A SARA gate this lib owns: a problem enters ASSESSMENT only when every action of its response
 * is DONE or CANCELLED. Found by the problems lib through `@ProvidesSaraGate`; runs inside the
 * status change, after the problem row is locked (which every action change locks first too).
 */
@Injectable()
@ProvidesSaraGate()
export class ActionsDoneGate implements SaraGate {
  applies(_from: ProblemStatus, to: ProblemStatus): boolean {
    return to === ProblemStatus.ASSESSMENT;
  }

  async check(manager: EntityManager, problemId: string): Promise<SaraGateBlocker | null> {
    const [row]: { open: number }[] = await manager.query(
      'SELECT count(*)::int AS open FROM actions WHERE problem_id = $1 AND status = ANY($2::action_status[])',
      [problemId, OPEN_ACTION_STATUSES],
    );
    return row.open === 0
      ? null
      : { reason: ActionsGateReason.SARA_GATE_ACTIONS_OPEN, message: `${row.open} action${row.open === 1 ? ' is' : 's are'} not done or cancelled` };
  }
}
