import { equals, isZero, Money, multiply, ratio, subtract, zero } from '@common-ground/shared/money';

/** What the matching rule reads of an offer: "we add `ratio` for each 1 pledged by residents, up to `cap`". */
export interface OfferRoom {
  id: string;
  ratio: number;
  cap: Money;
  matched: Money;
}

/** One match a pledge earns: `amount` from the offer `offerId`. */
export interface PlannedMatch {
  offerId: string;
  amount: Money;
}

/** What is left of an offer's cap (zero once it is reached). */
export function roomOf(offer: Pick<OfferRoom, 'cap' | 'matched'>): Money {
  return subtract(offer.cap, offer.matched, { belowZero: 'zero' });
}

/**
 * The matches a resident's FUNDING pledge of `amount` earns from the offers of its solution,
 * taken in the order they were made: the first offer with room left matches the pledge at its
 * ratio, up to what is left of its cap (the last match of an offer is partial, rounded down by
 * the shared rule: never more than was offered); the part of the pledge it could not match
 * (its share of the pledge, rounded down) goes on to the next offer, and so on. An offer whose
 * cap is reached matches nothing more.
 */
export function planMatches(amount: Money, offers: readonly OfferRoom[]): PlannedMatch[] {
  const planned: PlannedMatch[] = [];
  let unmatched = amount;
  for (const offer of offers) {
    if (isZero(unmatched)) break;
    const room = roomOf(offer);
    if (isZero(room)) continue;
    const full = multiply(unmatched, ratio(offer.ratio));
    const match = multiply(unmatched, ratio(offer.ratio), { upTo: room });
    if (isZero(match)) continue;
    planned.push({ offerId: offer.id, amount: match });
    // The part of the pledge this match stands for: all of it, or match / ratio rounded down.
    unmatched = equals(match, full) ? zero(amount.currency) : subtract(unmatched, multiply(match, ratio(1, offer.ratio)));
  }
  return planned;
}
