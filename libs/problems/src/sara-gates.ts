import { Injectable, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { EntityManager } from 'typeorm';
import { ProblemStatus } from './problem-status';

/** Why a gate blocks a move: a stable UPPER_SNAKE reason and a sentence for people. */
export interface SaraGateBlocker {
  reason: string;
  message: string;
}

/**
 * A port: a rule on a status change that needs facts a higher lib owns (an adopted solution,
 * open actions, a recorded assessment). The higher lib implements it, marks the class with
 * `@ProvidesSaraGate()` and lists it in its module's providers; the problems lib finds it there
 * (as domain event handlers are found) and never imports the higher lib.
 */
export interface SaraGate {
  /** Which moves the gate watches. */
  applies(from: ProblemStatus, to: ProblemStatus): boolean;
  /** Why the move is not allowed yet, or null. Runs inside the status change's transaction. */
  check(manager: EntityManager, problemId: string, from: ProblemStatus, to: ProblemStatus): Promise<SaraGateBlocker | null>;
}

const SARA_GATE = Symbol('sara-gate');

/** Marks a provider as a `SaraGate` the problems lib consults on every status change. */
export const ProvidesSaraGate = (): ClassDecorator => SetMetadata(SARA_GATE, true);

function isSaraGate(instance: unknown): instance is SaraGate {
  return !!instance && typeof instance === 'object' && Reflect.getMetadata(SARA_GATE, instance.constructor) === true;
}

@Injectable()
export class SaraGates implements OnModuleInit {
  private gates?: SaraGate[];

  constructor(private readonly discovery?: DiscoveryService) {}

  /** The gates given (unit specs), instead of the ones the application's modules provide. */
  static of(...gates: SaraGate[]): SaraGates {
    const port = new SaraGates();
    port.gates = gates;
    return port;
  }

  onModuleInit(): void {
    this.wired();
  }

  /** Every blocker of the move (empty when it may go ahead), in the order the modules list the gates. */
  async blockers(manager: EntityManager, problemId: string, from: ProblemStatus, to: ProblemStatus): Promise<SaraGateBlocker[]> {
    const found: SaraGateBlocker[] = [];
    for (const gate of this.wired()) {
      if (!gate.applies(from, to)) continue;
      const blocker = await gate.check(manager, problemId, from, to);
      if (blocker) found.push(blocker);
    }
    return found;
  }

  private wired(): SaraGate[] {
    this.gates ??= (this.discovery?.getProviders() ?? [])
      .filter((wrapper) => !wrapper.isAlias && isSaraGate(wrapper.instance))
      .map((wrapper) => wrapper.instance as SaraGate);
    return this.gates;
  }
}
