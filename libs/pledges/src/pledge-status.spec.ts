import { SolutionStatus } from '@common-ground/solutions';
import { canMovePledge, CLOSED_FOR_PLEDGES, isCounted, PledgeStatus } from './pledge-status';

describe('the pledge state machine', () => {
  it('moves an open pledge to FULFILLED, WITHDRAWN or RELEASED', () => {
    for (const to of [PledgeStatus.FULFILLED, PledgeStatus.WITHDRAWN, PledgeStatus.RELEASED]) expect(canMovePledge(PledgeStatus.PLEDGED, to)).toBe(true);
    expect(canMovePledge(PledgeStatus.PLEDGED, PledgeStatus.PLEDGED)).toBe(false);
  });

  it('never moves a pledge that is no longer open', () => {
    for (const from of [PledgeStatus.FULFILLED, PledgeStatus.WITHDRAWN, PledgeStatus.RELEASED]) {
      for (const to of Object.values(PledgeStatus)) expect(canMovePledge(from, to)).toBe(false);
    }
  });

  it('counts open and fulfilled pledges in the totals, never withdrawn or released ones', () => {
    expect(Object.values(PledgeStatus).filter(isCounted)).toEqual([PledgeStatus.PLEDGED, PledgeStatus.FULFILLED]);
  });

  it('closes rejected and implemented solutions to pledges', () => {
    expect([...CLOSED_FOR_PLEDGES].sort()).toEqual([SolutionStatus.IMPLEMENTED, SolutionStatus.REJECTED]);
  });
});
