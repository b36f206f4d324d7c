import { money } from '@common-ground/shared/money';
import { planMatches, roomOf } from './match-funding';

const gbp = (minor: number) => money(minor, 'GBP');
const offer = (id: string, cap: number, matched = 0, r = 1) => ({ id, ratio: r, cap: gbp(cap), matched: gbp(matched) });

describe('match funding', () => {
  it('matches a pledge at the offer’s ratio while the cap has room', () => {
    expect(planMatches(gbp(1000), [offer('a', 50_000)])).toEqual([{ offerId: 'a', amount: gbp(1000) }]);
    expect(planMatches(gbp(1000), [offer('a', 50_000, 0, 3)])).toEqual([{ offerId: 'a', amount: gbp(3000) }]);
  });

  it('makes the last match partial and then matches nothing more', () => {
    expect(planMatches(gbp(1000), [offer('a', 50_000, 49_700)])).toEqual([{ offerId: 'a', amount: gbp(300) }]);
    expect(planMatches(gbp(1000), [offer('a', 50_000, 50_000)])).toEqual([]);
    expect(roomOf(offer('a', 500, 700))).toEqual(gbp(0));
  });

  it('takes the offers in the order they were made, the next one matching what the first could not', () => {
    expect(planMatches(gbp(1000), [offer('a', 5000, 4700), offer('b', 5000)])).toEqual([
      { offerId: 'a', amount: gbp(300) },
      { offerId: 'b', amount: gbp(700) },
    ]);
    // a (ratio 2) has 301 left: it stands for 150 of the pledge (rounded down), b matches the other 850.
    expect(planMatches(gbp(1000), [offer('a', 5000, 4699, 2), offer('b', 5000)])).toEqual([
      { offerId: 'a', amount: gbp(301) },
      { offerId: 'b', amount: gbp(850) },
    ]);
    expect(planMatches(gbp(1000), [offer('a', 5000), offer('b', 5000)])).toEqual([{ offerId: 'a', amount: gbp(1000) }]);
  });

  it('never matches more than the caps, whatever the pledges', () => {
    let matched = 0;
    for (let i = 0; i < 100; i++) {
      const [match] = planMatches(gbp(1000), [offer('a', 50_000, matched)]);
      matched += match?.amount.amountMinor ?? 0;
    }
    expect(matched).toBe(50_000);
  });
});
