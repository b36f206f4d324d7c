import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProblemStatus } from './problem-status';

/**
 * A port: a rule on a status change that needs facts a higher lib owns (an adopted solution,
 * open actions, a recorded assessment). The higher lib implements it and registers it on start;
 * the problems lib never imports the higher lib.
 */
export interface SaraGate {
  /** Which moves the gate watches. */
  applies(from: ProblemStatus, to: ProblemStatus): boolean;
  /** Why the move is not allowed yet, or null. Runs inside the status change's transaction. */
  check(manager: EntityManager, problemId: string, from: ProblemStatus, to: ProblemStatus): Promise<string | null>;
}

@Injectable()
export class SaraGates {
  private readonly gates: SaraGate[] = [];

  register(gate: SaraGate): void {
    this.gates.push(gate);
  }

  /** Every reason that blocks the move (empty when it may go ahead). */
  async blockers(manager: EntityManager, problemId: string, from: ProblemStatus, to: ProblemStatus): Promise<string[]> {
    const reasons: string[] = [];
    for (const gate of this.gates) {
      if (!gate.applies(from, to)) continue;
      const reason = await gate.check(manager, problemId, from, to);
      if (reason) reasons.push(reason);
    }
    return reasons;
  }
}
