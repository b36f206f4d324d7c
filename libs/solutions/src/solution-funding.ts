import { money, Money } from '@common-ground/shared/money';

/** What the funding rules read of a solution. */
export interface FundingFacts {
  fundingCurrency: string | null;
  fundingPledgedMinor: number;
  fundingFulfilledMinor: number;
}

/**
 * The currency money is pledged in toward a solution: its funding goal's, or the platform's
 * default currency when it has no goal. Its totals are kept in that currency.
 */
export function pledgeCurrencyOf(solution: Pick<FundingFacts, 'fundingCurrency'>, defaultCurrency: string): string {
  return solution.fundingCurrency ?? defaultCurrency;
}

/** The money pledged toward a solution (open and fulfilled pledges) and the part fulfilled. */
export function fundingTotalsOf(solution: FundingFacts, defaultCurrency: string): { pledged: Money; fulfilled: Money } {
  const currency = pledgeCurrencyOf(solution, defaultCurrency);
  return { pledged: money(solution.fundingPledgedMinor, currency), fulfilled: money(solution.fundingFulfilledMinor, currency) };
}
