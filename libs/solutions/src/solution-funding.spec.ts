import { fundingTotalsOf, pledgeCurrencyOf } from './solution-funding';

describe('the pledge currency of a solution', () => {
  it('is the funding goal’s currency, else the platform default', () => {
    expect(pledgeCurrencyOf({ fundingCurrency: 'EUR' }, 'GBP')).toBe('EUR');
    expect(pledgeCurrencyOf({ fundingCurrency: null }, 'GBP')).toBe('GBP');
  });

  it('gives the totals as money in that currency', () => {
    expect(fundingTotalsOf({ fundingCurrency: null, fundingPledgedMinor: 1250, fundingFulfilledMinor: 0 }, 'GBP')).toEqual({
      pledged: { amountMinor: 1250, currency: 'GBP' },
      fulfilled: { amountMinor: 0, currency: 'GBP' },
    });
  });
});
