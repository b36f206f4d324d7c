import { EntityManager } from 'typeorm';
import { ProblemStatus, SaraGates } from '@common-ground/problems';
import { AdoptedSolutionGate } from './adopted-solution.gate';

describe('AdoptedSolutionGate', () => {
  const gate = new AdoptedSolutionGate();
  const managerFinding = (rows: unknown[]) => {
    const query = jest.fn().mockResolvedValue(rows);
    return { manager: { query } as unknown as EntityManager, query };
  };

  it('watches only ANALYSIS -> RESPONSE', () => {
    const S = ProblemStatus;
    expect(gate.applies(S.ANALYSIS, S.RESPONSE)).toBe(true);
    for (const [from, to] of [
      [S.SCANNING, S.ANALYSIS],
      [S.ASSESSMENT, S.RESPONSE],
      [S.RESPONSE, S.ASSESSMENT],
      [S.ANALYSIS, S.REJECTED],
    ]) {
      expect(gate.applies(from, to)).toBe(false);
    }
  });

  it('blocks without an adopted (or implemented) solution and lets through with one', async () => {
    const none = managerFinding([]);
    expect(await gate.check(none.manager, 'p1')).toEqual({ reason: 'SARA_GATE_NO_ADOPTED_SOLUTION', message: 'no solution has been adopted' });
    expect(none.query).toHaveBeenCalledWith(expect.stringContaining('FROM solutions'), ['p1', ['ADOPTED', 'IMPLEMENTED']]);
    expect(await gate.check(managerFinding([{ '?column?': 1 }]).manager, 'p1')).toBeNull();
  });

  it('is consulted by the problems lib through the SaraGates port', async () => {
    const gates = SaraGates.of(gate);
    const none = managerFinding([]);
    expect(await gates.blockers(none.manager, 'p1', ProblemStatus.ANALYSIS, ProblemStatus.RESPONSE)).toEqual([
      { reason: 'SARA_GATE_NO_ADOPTED_SOLUTION', message: 'no solution has been adopted' },
    ]);
    expect(await gates.blockers(none.manager, 'p1', ProblemStatus.SCANNING, ProblemStatus.ANALYSIS)).toEqual([]);
  });
});
