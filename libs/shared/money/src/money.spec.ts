import fc from 'fast-check';
import { add, allocate, compare, equals, formatMoney, inCurrency, isZero, max, min, Money, money, multiply, ratio, share, subtract, sum, zero } from './money';
import { CurrencyMismatchError, InvalidMoneyError, MAX_MINOR_UNITS, MoneyError, MoneyOverflowError, MoneyReason, NegativeMoneyError } from './money.errors';

const MAX = BigInt(MAX_MINOR_UNITS);
const eur = (amount: number) => money(amount, 'EUR');

/** Amounts of zero or more, often near the top of the range so that totals overflow. */
const amount = fc.oneof(fc.maxSafeNat(), fc.integer({ min: MAX_MINOR_UNITS - 1_000_000, max: MAX_MINOR_UNITS }), fc.nat(1_000_000));
const euros = amount.map(eur);
const positive = fc.integer({ min: 1, max: MAX_MINOR_UNITS });
const currencies = fc.constantFrom('EUR', 'GBP', 'USD', 'JPY', 'BHD', 'CHF');

/** What `f` gives, or the reason it was refused: so that two ways of computing can be compared, refusals included. */
function outcome(f: () => Money): { amountMinor: number; currency: string } | MoneyReason {
  try {
    const { amountMinor, currency } = f();
    return { amountMinor, currency };
  } catch (error) {
    if (error instanceof MoneyError) return error.reason;
    throw error;
  }
}

/** The reference: floor(a × n / d) in bigint, or AMOUNT_TOO_LARGE past 2^53 − 1. */
function referenceProduct(a: number, n: number, d: number, cap?: number): bigint | MoneyReason {
  let product = (BigInt(a) * BigInt(n)) / BigInt(d);
  if (cap !== undefined && product > BigInt(cap)) product = BigInt(cap);
  return product > MAX ? MoneyReason.AMOUNT_TOO_LARGE : product;
}

function asReference(result: ReturnType<typeof outcome>): bigint | MoneyReason {
  return typeof result === 'string' ? result : BigInt(result.amountMinor);
}

describe('money()', () => {
  it('makes a frozen plain { amountMinor, currency }', () => {
    const m = money(1250, 'EUR');
    expect(m).toEqual({ amountMinor: 1250, currency: 'EUR' });
    expect(Object.isFrozen(m)).toBe(true);
    expect(JSON.parse(JSON.stringify(m))).toEqual({ amountMinor: 1250, currency: 'EUR' });
  });

  it.each([
    [12.5, 'EUR', MoneyReason.AMOUNT_NOT_WHOLE],
    [Number.NaN, 'EUR', MoneyReason.AMOUNT_NOT_WHOLE],
    [Number.POSITIVE_INFINITY, 'EUR', MoneyReason.AMOUNT_NOT_WHOLE],
    ['100' as unknown as number, 'EUR', MoneyReason.AMOUNT_NOT_WHOLE],
    [MAX_MINOR_UNITS + 1, 'EUR', MoneyReason.AMOUNT_TOO_LARGE],
    [2 ** 60, 'EUR', MoneyReason.AMOUNT_TOO_LARGE],
    [-1, 'EUR', MoneyReason.AMOUNT_NEGATIVE],
    [100, 'eur', MoneyReason.UNKNOWN_CURRENCY],
    [100, 'XYZ', MoneyReason.UNKNOWN_CURRENCY],
    [100, 'XXX', MoneyReason.UNKNOWN_CURRENCY],
    [100, 'XDR', MoneyReason.UNKNOWN_CURRENCY],
    [100, ' EUR', MoneyReason.UNKNOWN_CURRENCY],
  ])('refuses %p %p with %s', (amountMinor, currency, reason) => {
    expect(outcome(() => money(amountMinor, currency))).toBe(reason);
  });

  it('takes the whole safe range, and below zero only when signed', () => {
    expect(money(MAX_MINOR_UNITS, 'JPY').amountMinor).toBe(MAX_MINOR_UNITS);
    expect(money(0, 'GBP').amountMinor).toBe(0);
    expect(money(-MAX_MINOR_UNITS, 'EUR', { signed: true }).amountMinor).toBe(-MAX_MINOR_UNITS);
    expect(outcome(() => money(-MAX_MINOR_UNITS - 2, 'EUR', { signed: true }))).toBe(MoneyReason.AMOUNT_TOO_LARGE);
  });
});

describe('add and sum', () => {
  it('is commutative, refusals included', () => {
    fc.assert(fc.property(euros, euros, (a, b) => expect(outcome(() => add(a, b))).toEqual(outcome(() => add(b, a)))));
  });

  it('is associative, refusals included (amounts are zero or more, so a total overflows whichever way it is grouped)', () => {
    fc.assert(
      fc.property(euros, euros, euros, (a, b, c) => {
        expect(outcome(() => add(add(a, b), c))).toEqual(outcome(() => add(a, add(b, c))));
      }),
    );
  });

  it('never overflows silently: the exact bigint total, or AMOUNT_TOO_LARGE past 2^53 − 1', () => {
    fc.assert(
      fc.property(euros, euros, (a, b) => {
        const exact = BigInt(a.amountMinor) + BigInt(b.amountMinor);
        expect(asReference(outcome(() => add(a, b)))).toEqual(exact > MAX ? MoneyReason.AMOUNT_TOO_LARGE : exact);
      }),
    );
  });

  it('sums a list to the exact bigint total, or refuses it', () => {
    fc.assert(
      fc.property(fc.array(euros, { maxLength: 8 }), (list) => {
        const exact = list.reduce((total, m) => total + BigInt(m.amountMinor), 0n);
        expect(asReference(outcome(() => sum(list, 'EUR')))).toEqual(exact > MAX ? MoneyReason.AMOUNT_TOO_LARGE : exact);
      }),
    );
  });

  it('has zero as its identity, and an empty list sums to zero of the given currency', () => {
    fc.assert(fc.property(euros, (a) => expect(add(a, zero('EUR'))).toEqual(a)));
    expect(sum([], 'JPY')).toEqual({ amountMinor: 0, currency: 'JPY' });
    expect(isZero(sum([], 'JPY'))).toBe(true);
    expect(isZero(eur(1))).toBe(false);
  });

  it('refuses the first unit past the limit', () => {
    expect(add(eur(MAX_MINOR_UNITS - 1), eur(1)).amountMinor).toBe(MAX_MINOR_UNITS);
    expect(() => add(eur(MAX_MINOR_UNITS), eur(1))).toThrow(MoneyOverflowError);
    expect(() => sum([eur(MAX_MINOR_UNITS), eur(1)], 'EUR')).toThrow(MoneyOverflowError);
  });
});

describe('subtract', () => {
  it('is add undone', () => {
    fc.assert(
      fc.property(euros, euros, (a, b) => {
        fc.pre(BigInt(a.amountMinor) + BigInt(b.amountMinor) <= MAX);
        expect(subtract(add(a, b), b)).toEqual(a);
      }),
    );
  });

  it('refuses to go below zero unless asked: to zero, or to a negative amount', () => {
    expect(subtract(eur(500), eur(200))).toEqual({ amountMinor: 300, currency: 'EUR' });
    expect(subtract(eur(500), eur(500))).toEqual({ amountMinor: 0, currency: 'EUR' });
    expect(() => subtract(eur(200), eur(500))).toThrow(NegativeMoneyError);
    expect(outcome(() => subtract(eur(200), eur(500)))).toBe(MoneyReason.AMOUNT_NEGATIVE);
    expect(subtract(eur(200), eur(500), { belowZero: 'zero' })).toEqual({ amountMinor: 0, currency: 'EUR' });
    expect(subtract(eur(200), eur(500), { belowZero: 'allow' })).toEqual({ amountMinor: -300, currency: 'EUR' });
  });

  it('refuses a difference past the limit between signed amounts', () => {
    const low = money(-MAX_MINOR_UNITS, 'EUR', { signed: true });
    expect(outcome(() => subtract(low, eur(1), { belowZero: 'allow' }))).toBe(MoneyReason.AMOUNT_TOO_LARGE);
  });
});

describe('compare, min, max', () => {
  it('orders as the integers do', () => {
    fc.assert(
      fc.property(euros, euros, (a, b) => {
        expect(compare(a, b)).toBe(Math.sign(a.amountMinor - b.amountMinor) || 0);
        expect(compare(a, b)).toBe(-compare(b, a) || 0);
        expect(min(a, b).amountMinor).toBe(Math.min(a.amountMinor, b.amountMinor));
        expect(max(a, b).amountMinor).toBe(Math.max(a.amountMinor, b.amountMinor));
        expect(equals(a, b)).toBe(a.amountMinor === b.amountMinor);
      }),
    );
    expect(min(eur(5), eur(3), eur(4))).toEqual({ amountMinor: 3, currency: 'EUR' });
    expect(max(eur(5), eur(3), eur(9))).toEqual({ amountMinor: 9, currency: 'EUR' });
  });
});

describe('currencies', () => {
  /** Every binary operation, each of which must refuse two currencies. */
  const operations: Record<string, (a: Money, b: Money) => unknown> = {
    add,
    subtract: (a, b) => subtract(a, b, { belowZero: 'allow' }),
    compare,
    min,
    max,
    sum: (a, b) => sum([a, b], a.currency),
    'multiply upTo': (a, b) => multiply(a, 1, { upTo: b }),
  };

  it.each(Object.keys(operations))('%s always refuses amounts of two currencies, naming both', (name) => {
    fc.assert(
      fc.property(currencies, currencies, fc.maxSafeNat(), fc.maxSafeNat(), (x, y, m, n) => {
        fc.pre(x !== y);
        let thrown: unknown;
        try {
          operations[name](money(m, x), money(n, y));
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(CurrencyMismatchError);
        expect(thrown).toMatchObject({ reason: MoneyReason.CURRENCY_MISMATCH, expected: x, actual: y, details: { expected: x, actual: y } });
      }),
    );
  });

  it('inCurrency passes an amount in the expected currency and refuses any other', () => {
    expect(inCurrency(money(100, 'EUR'), 'EUR')).toEqual({ amountMinor: 100, currency: 'EUR' });
    expect(() => inCurrency(money(100, 'GBP'), 'EUR')).toThrow(
      expect.objectContaining({ reason: MoneyReason.CURRENCY_MISMATCH, expected: 'EUR', actual: 'GBP' }),
    );
  });

  it('never calls amounts of two currencies equal', () => {
    expect(equals(money(100, 'EUR'), money(100, 'GBP'))).toBe(false);
  });

  it('sum refuses an amount in another currency than the one asked for', () => {
    expect(() => sum([money(1, 'GBP')], 'EUR')).toThrow(CurrencyMismatchError);
  });
});

describe('the rounding rule: toward zero, i.e. down for amounts of zero or more (never promise more than was offered)', () => {
  it.each([
    // amount, numerator, denominator, share
    [100, 1, 3, 33],
    [200, 1, 3, 66],
    [100, 2, 3, 66],
    [1, 1, 2, 0],
    [3, 1, 2, 1],
    [5, 1, 2, 2],
    [99, 99, 100, 98],
    [100, 1, 1, 100],
    [100, 0, 7, 0],
    [0, 1, 3, 0],
    [MAX_MINOR_UNITS, 1, 2, 4503599627370495],
    [MAX_MINOR_UNITS, MAX_MINOR_UNITS - 1, MAX_MINOR_UNITS, MAX_MINOR_UNITS - 1],
  ])('share(%p, %p/%p) = %p', (a, n, d, expected) => {
    expect(share(eur(a), n, d)).toEqual({ amountMinor: expected, currency: 'EUR' });
  });

  it.each([
    // amount, numerator, denominator, product
    [100, 3, 2, 150],
    [101, 3, 2, 151],
    [1, 3, 2, 1],
    [7, 1, 1, 7],
    [7, 2, 1, 14],
    [33, 10, 3, 110],
    [MAX_MINOR_UNITS, 1, 1, MAX_MINOR_UNITS],
  ])('multiply(%p, %p/%p) = %p', (a, n, d, expected) => {
    expect(multiply(eur(a), ratio(n, d))).toEqual({ amountMinor: expected, currency: 'EUR' });
  });

  it('rounds a negative (signed) amount toward zero too, never to more in size', () => {
    expect(multiply(money(-100, 'EUR', { signed: true }), ratio(1, 3))).toEqual({ amountMinor: -33, currency: 'EUR' });
    expect(Object.is(multiply(money(-1, 'EUR', { signed: true }), ratio(1, 2)).amountMinor, 0)).toBe(true);
  });
});

describe('share and multiply', () => {
  const ratios = fc.tuple(fc.maxSafeNat(), positive);

  it('share never exceeds its amount, and matches floor(a × n / d) computed in bigint', () => {
    fc.assert(
      fc.property(euros, ratios, (a, [x, y]) => {
        const [n, d] = x <= y ? [x, y] : [y, x];
        fc.pre(d > 0);
        const result = share(a, n, d);
        expect(result.amountMinor).toBeLessThanOrEqual(a.amountMinor);
        expect(result.amountMinor).toBeGreaterThanOrEqual(0);
        expect(BigInt(result.amountMinor)).toBe((BigInt(a.amountMinor) * BigInt(n)) / BigInt(d));
      }),
    );
  });

  it('multiply matches the bigint reference, and refuses (never rounds) a product past 2^53 − 1', () => {
    fc.assert(
      fc.property(euros, ratios, (a, [n, d]) => {
        expect(asReference(outcome(() => multiply(a, ratio(n, d))))).toEqual(referenceProduct(a.amountMinor, n, d));
      }),
    );
    expect(() => multiply(eur(MAX_MINOR_UNITS), 2)).toThrow(MoneyOverflowError);
  });

  it('multiply upTo caps before it checks: a product past the limit under a smaller cap is the cap', () => {
    fc.assert(
      fc.property(euros, ratios, euros, (a, [n, d], cap) => {
        expect(asReference(outcome(() => multiply(a, ratio(n, d), { upTo: cap })))).toEqual(referenceProduct(a.amountMinor, n, d, cap.amountMinor));
      }),
    );
    expect(multiply(eur(MAX_MINOR_UNITS), 3, { upTo: eur(1000) })).toEqual({ amountMinor: 1000, currency: 'EUR' });
  });

  it.each([
    ['a share above the whole', () => share(eur(100), 4, 3)],
    ['a zero denominator', () => share(eur(100), 1, 0)],
    ['a negative ratio', () => ratio(-1, 2)],
    ['a fractional ratio', () => ratio(0.5)],
    ['a fractional multiplier', () => multiply(eur(100), 1.5)],
    ['a denominator past the safe range', () => ratio(1, 2 ** 60)],
  ])('refuses %s', (_, f) => {
    expect(f).toThrow(InvalidMoneyError);
    expect(outcome(f as () => Money)).toBe(MoneyReason.INVALID_RATIO);
  });

  it('matches "ratio for each 1 pledged, until cap": the matches never pass the cap, and the last is partial', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(100_000), { maxLength: 20 }),
        fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 })),
        fc.nat(500_000),
        (pledges, [n, d], capAmount) => {
          const cap = eur(capAmount);
          let matched = zero('EUR');
          const matches = pledges.map((pledge) => {
            const match = multiply(eur(pledge), ratio(n, d), { upTo: subtract(cap, matched) });
            matched = add(matched, match);
            return match.amountMinor;
          });
          const uncapped = pledges.reduce((total, p) => total + Math.floor((p * n) / d), 0);
          expect(matched.amountMinor).toBe(Math.min(uncapped, capAmount));
          // Each match is its full product until the cap runs out; at most one is partial.
          const partial = matches.filter((m, i) => m !== Math.floor((pledges[i] * n) / d) && m > 0);
          expect(partial.length).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('a worked match: 1:1 until 100.00 EUR, pledges of 60, 30, 25 and 10 EUR match 60, 30, 10 and 0', () => {
    const cap = eur(10_000);
    let matched = zero('EUR');
    const matches = [6000, 3000, 2500, 1000].map((pledge) => {
      const match = multiply(eur(pledge), ratio(1), { upTo: subtract(cap, matched) });
      matched = add(matched, match);
      return match.amountMinor;
    });
    expect(matches).toEqual([6000, 3000, 1000, 0]);
    expect(matched).toEqual({ amountMinor: 10_000, currency: 'EUR' });
  });
});

describe('allocate', () => {
  it('splits exactly: the parts add up to the total, each within one minor unit of its exact share', () => {
    fc.assert(
      fc.property(euros, fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 10 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const parts = allocate(total, weights);
        const weightSum = BigInt(weights.reduce((a, b) => a + b, 0));
        expect(parts.reduce((s, p) => s + BigInt(p.amountMinor), 0n)).toBe(BigInt(total.amountMinor));
        parts.forEach((part, i) => {
          const floor = (BigInt(total.amountMinor) * BigInt(weights[i])) / weightSum;
          expect(BigInt(part.amountMinor) - floor).toBeGreaterThanOrEqual(0n);
          expect(BigInt(part.amountMinor) - floor).toBeLessThanOrEqual(1n);
          if (weights[i] === 0) expect(part.amountMinor).toBe(0);
          expect(part.currency).toBe('EUR');
        });
      }),
    );
  });

  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [100, [1, 2], [33, 67]],
    [5, [1, 1], [3, 2]],
    [10, [0, 1], [0, 10]],
    [0, [3, 7], [0, 0]],
  ])('allocate(%p, %j) = %j (the leftover unit to the largest remainder, the earlier first)', (total, weights, expected) => {
    expect(allocate(eur(total), weights).map((p) => p.amountMinor)).toEqual(expected);
  });

  it.each([
    ['no weights', []],
    ['all zero', [0, 0]],
    ['a negative weight', [1, -1]],
    ['a fractional weight', [0.5, 1]],
  ])('refuses %s', (_, weights) => {
    expect(() => allocate(eur(100), weights)).toThrow(InvalidMoneyError);
  });
});

describe('formatMoney', () => {
  it.each([
    [1250, 'EUR', '12.50 EUR'],
    [5, 'EUR', '0.05 EUR'],
    [0, 'GBP', '0.00 GBP'],
    [1250, 'JPY', '1250 JPY'],
    [1250, 'BHD', '1.250 BHD'],
    [100_000_000_000, 'EUR', '1000000000.00 EUR'],
  ])('%p %s is %s', (amountMinor, currency, text) => {
    expect(formatMoney(money(amountMinor, currency))).toBe(text);
  });

  it('shows a signed amount with its sign', () => {
    expect(formatMoney(money(-5, 'EUR', { signed: true }))).toBe('-0.05 EUR');
  });
});
