import { describe, expect, it } from 'vitest';
import { allocate, ContractError } from '../../src/index.js';
import { allocateUnitsCapped } from '../../src/money/allocate.js';
import { Decimal } from '../../src/money/decimal.js';

// Source of the rule: design.md section 4 and the doc comment of allocateUnits
// (src/money/allocate.ts): each party gets the floor of its exact share (total × weight / sum of
// weights, towards zero), and the units left over go one each to the largest remainders; exact
// ties go to the larger weight, then to the smaller id. Every figure is worked by hand below.

const gbp = (amount: string) => ({ amount, currency: 'GBP' as const });
const parts = (total: string, weights: Record<string, string>) =>
  allocate(gbp(total), weights).parts.map((p) => [p.id, p.floor, p.unitsAdded, p.amount]);

const issuesOf = (total: unknown, weights: unknown) => {
  try {
    allocate(total as { amount: string; currency: 'GBP' }, weights as Record<string, string>);
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return (error as ContractError).issues.map((i) => [i.path, i.code, i.message]);
  }
  return expect.unreachable('allocate accepted them');
};

describe('allocate: the largest-remainder tie-break', () => {
  it('kills mutant: an exact tie of remainders goes to the smaller weight instead of the larger', () => {
    // £0.02 by 1 : 3 (sum 4): exact 0.02 × 1/4 = 0.005 and 0.02 × 3/4 = 0.015; floors 0.00 and
    // 0.01 (one penny), one penny left. Both remainders are exactly half a penny (2 × 1 mod 4 = 2,
    // 2 × 3 mod 4 = 2), a tie, so the penny goes to the larger weight: 'b'. The id rule alone
    // would give it to 'a' (the smaller id), so only the weight rule puts it on 'b'.
    expect(parts('0.02', { a: '1', b: '3' })).toEqual([
      ['a', '0.00', 0, '0.00'],
      ['b', '0.01', 1, '0.02'],
    ]);
    // listed the other way round, the same: the rule never depends on the input order
    expect(parts('0.02', { b: '3', a: '1' })).toEqual(parts('0.02', { a: '1', b: '3' }));
  });

  it('kills mutant: a tie of remainders and weights goes to the larger id instead of the smaller', () => {
    // £0.01 by 1 : 1: exact 0.005 each, floors 0.00, one penny left, remainders and weights tie:
    // the smaller id in code-point order gets it ('B' is U+0042, before 'a' U+0061).
    expect(parts('0.01', { a: '1', B: '1' })).toEqual([
      ['B', '0.00', 1, '0.01'],
      ['a', '0.00', 0, '0.00'],
    ]);
  });

  it('gives the penny to the larger remainder even against a larger weight', () => {
    // £0.05 by 1 : 2 : 7 (sum 10): exact 0.005, 0.010, 0.035 → floors 0, 1, 3 pence (4), one
    // left; remainders (in tenths of a penny) 5, 0, 5: 'a' and 'c' tie on remainder, 'c' weighs
    // more → 'c' 0.04; 'b' (remainder 0, weight 2 > 1) gets nothing.
    expect(parts('0.05', { a: '1', b: '2', c: '7' })).toEqual([
      ['a', '0.00', 0, '0.00'],
      ['b', '0.01', 0, '0.01'],
      ['c', '0.03', 1, '0.04'],
    ]);
    // £0.07 by 2 : 1 (sum 3): exact 0.04666…, 0.02333… → floors 4 and 2 pence, one left;
    // remainders 2/3 and 1/3 of a penny: 'a' (the larger remainder) gets it.
    expect(parts('0.07', { a: '2', b: '1' })).toEqual([
      ['a', '0.04', 1, '0.05'],
      ['b', '0.02', 0, '0.02'],
    ]);
    // the same with the weights swapped: 'b' has the larger remainder now, and the larger weight
    expect(parts('0.07', { a: '1', b: '2' })).toEqual([
      ['a', '0.02', 0, '0.02'],
      ['b', '0.04', 1, '0.05'],
    ]);
  });
});

describe('allocate: what a part records', () => {
  it('records exact shares, floors and amounts of a negative total as negatives, and the total as given', () => {
    // −£1.00 by 1 : 3: as £1.00 (0.25, 0.75, no remainder) negated
    const allocation = allocate(gbp('-1.00'), { a: '1', b: '3' });
    expect(allocation).toEqual({
      rule: 'largest-remainder',
      currency: 'GBP',
      total: '-1.00',
      parts: [
        { id: 'a', weight: '1', exactShare: '-0.250000000000000000', floor: '-0.25', unitsAdded: 0, amount: '-0.25' },
        { id: 'b', weight: '3', exactShare: '-0.750000000000000000', floor: '-0.75', unitsAdded: 0, amount: '-0.75' },
      ],
    });
  });

  it('splits −£0.02 by 1 : 3 as the negation of £0.02: the penny of the tie on the larger weight', () => {
    // as the tie above, negated: floors −0.00 (shown 0.00) and −0.01, the penny added to 'b'
    expect(parts('-0.02', { a: '1', b: '3' })).toEqual([
      ['a', '0.00', 0, '0.00'],
      ['b', '-0.01', 1, '-0.02'],
    ]);
  });

  it('writes the total in the currency’s minor units: 5 yen, 5.00 pounds, 5.000 dinars', () => {
    expect(allocate({ amount: '5', currency: 'JPY' }, { a: '1' }).total).toBe('5');
    expect(allocate(gbp('5'), { a: '1' }).total).toBe('5.00');
    expect(allocate({ amount: '5', currency: 'KWD' }, { a: '1', b: '1' }).parts.map((p) => p.amount)).toEqual([
      '2.500',
      '2.500',
    ]);
  });

  it('brings weights written to different places to one scale: 0.5 : 1.25 is 2 : 5', () => {
    // £1.40 × 2/7 = 0.40, × 5/7 = 1.00: exact, no remainder
    expect(parts('1.40', { a: '0.5', b: '1.25' })).toEqual([
      ['a', '0.40', 0, '0.40'],
      ['b', '1.00', 0, '1.00'],
    ]);
    expect(allocate(gbp('1.40'), { a: '0.5', b: '1.25' }).parts.map((p) => p.weight)).toEqual(['0.5', '1.25']);
  });

  it('accepts a weight of zero beside a positive one: that party gets nothing', () => {
    expect(parts('1.00', { a: '0', b: '1' })).toEqual([
      ['a', '0.00', 0, '0.00'],
      ['b', '1.00', 0, '1.00'],
    ]);
  });
});

describe('allocate: arguments that are not what they should be', () => {
  it('reads weights that are not an object (null, a string) as none at all', () => {
    expect(issuesOf(gbp('1.00'), null)).toEqual([['weights', 'no_weights', 'at least one weight is needed']]);
    // a string is no map of weights, even though Object.entries would read its characters
    expect(issuesOf(gbp('1.00'), '12')).toEqual([['weights', 'no_weights', 'at least one weight is needed']]);
  });

  it('says which weight is wrong and why, in words', () => {
    expect(issuesOf(gbp('1.00'), { a: '-1' })).toEqual([
      ['weights.a', 'invalid_weight', 'weight must be a non-negative decimal string such as "1" or "12.5", got "-1"'],
    ]);
  });

  it('reads a total that is a list as one with neither an amount nor a currency', () => {
    expect(issuesOf(['1.00', 'GBP'], { a: '1' }).map(([path, code]) => [path, code])).toEqual([
      ['total.currency', 'unknown_currency'],
      ['total.amount', 'invalid_amount'],
    ]);
  });

  it('refuses a currency that is not a string, even one that reads as "GBP" (a list ["GBP"])', () => {
    // String(['GBP']) is 'GBP', so only the string check keeps it out
    expect(issuesOf({ amount: '1.00', currency: ['GBP'] }, { a: '1' })).toEqual([
      [
        'total.currency',
        'unknown_currency',
        'currency ["GBP"] is not one of GBP, EUR, USD, CAD, AUD, NZD, CHF, SEK, NOK, DKK, JPY, KWD',
      ],
    ]);
  });
});

describe('allocateUnitsCapped: largest remainder with a ceiling per part', () => {
  const row = (id: string, weight: string, cap: bigint) => ({ id, weight: Decimal.of(weight), cap });
  const units = (total: bigint, rows: ReturnType<typeof row>[]) =>
    allocateUnitsCapped(total, rows, 2).map((p) => [p.id, p.units]);

  it('gives a part that would pass its cap the cap, and splits the rest among the others', () => {
    // 50 by 1 : 1 → 25 each; 'a' is capped at 10, so it gets 10, and the 40 left go to 'b' (cap 100)
    const shares = allocateUnitsCapped(50n, [row('a', '1', 10n), row('b', '1', 100n)], 2);
    expect(shares.map((p) => [p.id, p.floor, p.unitsAdded, p.units])).toEqual([
      ['a', 10n, 0, 10n],
      ['b', 40n, 0, 40n],
    ]);
  });

  it('splits what is left by room under the cap once every weighted part is at its cap', () => {
    // 23 by 1 : 0 : 0 → all 23 to 'a', capped at 3; the 20 left, with no weight left, go by room
    // under the caps 10 : 30 → 5 and 15
    expect(units(23n, [row('a', '1', 3n), row('b', '0', 10n), row('c', '0', 30n)])).toEqual([
      ['a', 3n],
      ['b', 5n],
      ['c', 15n],
    ]);
  });

  it('gives a part with no room (cap 0) nothing, with nothing of an exact share', () => {
    // 'a' has no room, so it takes no part in the split: 'b' gets all 6
    const shares = allocateUnitsCapped(6n, [row('a', '1', 0n), row('b', '1', 10n)], 2);
    expect(shares.map((p) => [p.id, p.exactShare.toString(), p.units])).toEqual([
      ['a', '0', 0n],
      ['b', '0.060000000000000000', 6n],
    ]);
  });

  it('gives every part nothing when there is nothing to split', () => {
    const shares = allocateUnitsCapped(0n, [row('a', '1', 5n), row('b', '0', 5n)], 2);
    expect(shares.map((p) => [p.id, p.exactShare.toString(), p.unitsAdded, p.units])).toEqual([
      ['a', '0', 0, 0n],
      ['b', '0', 0, 0n],
    ]);
  });

  it('refuses to make up units when the total is more than the caps hold', () => {
    // 10 into one part capped at 5: 5 would be lost
    expect(() => allocateUnitsCapped(10n, [row('a', '1', 5n)], 2)).toThrowError(
      'internal: a capped allocation was asked for more than its caps hold',
    );
  });
});
