import { describe, expect, it } from 'vitest';
import { allocate, ContractError } from '../../src/index.js';

const amounts = (total: string, weights: Record<string, string>) =>
  allocate({ amount: total, currency: 'GBP' }, weights).parts.map((p) => [p.id, p.amount]);

describe('allocate (largest remainder)', () => {
  it('splits £100.00 three ways as 33.34, 33.33, 33.33 so that no penny is lost', () => {
    // exact share 33.333…; floors 33.33 × 3 = 99.99; the one leftover penny goes to the largest
    // remainder; all three tie, and so do the weights, so the smallest id ('a') gets it.
    expect(amounts('100.00', { a: '1', b: '1', c: '1' })).toEqual([
      ['a', '33.34'],
      ['b', '33.33'],
      ['c', '33.33'],
    ]);
  });

  it('gives the extra penny to the same party whatever order the parties are listed in', () => {
    expect(amounts('100.00', { c: '1', a: '1', b: '1' })).toEqual(amounts('100.00', { a: '1', b: '1', c: '1' }));
  });

  it('splits 13 units 3 : 5 : 2 as 4, 6, 3', () => {
    // exact 3.9, 6.5, 2.6 → floors 3, 6, 2 (11); 2 left over go to remainders .9 (x) then .6 (z)
    expect(amounts('0.13', { x: '3', y: '5', z: '2' })).toEqual([
      ['x', '0.04'],
      ['y', '0.06'],
      ['z', '0.03'],
    ]);
  });

  it('splits 15 units 80 % : 8 % : 12 % as 12, 1, 2', () => {
    // exact 12, 1.2, 1.8 → floors 12, 1, 1 (14); the 1 left over goes to remainder .8 (r)
    expect(amounts('0.15', { p: '80', q: '8', r: '12' })).toEqual([
      ['p', '0.12'],
      ['q', '0.01'],
      ['r', '0.02'],
    ]);
  });

  it('records the exact share, the floor and the units added for each party', () => {
    const part = allocate({ amount: '100.00', currency: 'GBP' }, { a: '1', b: '1', c: '1' }).parts[0]!;
    expect(part).toEqual({
      id: 'a',
      weight: '1',
      exactShare: '33.333333333333333333',
      floor: '33.33',
      unitsAdded: 1,
      amount: '33.34',
    });
  });

  it('allocates a negative amount as exactly the negation of the positive one', () => {
    expect(amounts('-100.00', { a: '1', b: '1', c: '1' })).toEqual([
      ['a', '-33.34'],
      ['b', '-33.33'],
      ['c', '-33.33'],
    ]);
  });

  it('rejects amounts with more decimals than the currency and weights that are not decimal strings, all at once', () => {
    try {
      allocate({ amount: '1.005', currency: 'GBP' }, { a: '-1', b: '1e3' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ContractError);
      expect((error as ContractError).issues.map((i) => [i.path, i.code])).toEqual([
        ['total.amount', 'too_many_decimals'],
        ['weights.a', 'invalid_weight'],
        ['weights.b', 'invalid_weight'],
      ]);
    }
  });
});

describe('allocate refuses bad arguments with every problem at once', () => {
  const issuesOf = (total: unknown, weights: unknown) => {
    try {
      allocate(total as { amount: string; currency: string }, weights as Record<string, string>);
    } catch (error) {
      expect(error).toBeInstanceOf(ContractError);
      return (error as ContractError).issues.map((i) => [i.path, i.code, i.message]);
    }
    return expect.unreachable('allocate accepted them');
  };

  it('names an unknown currency, an amount that is no decimal string and missing weights together', () => {
    expect(issuesOf({ amount: 1000, currency: 'XYZ' }, {})).toEqual([
      [
        'total.currency',
        'unknown_currency',
        'currency "XYZ" is not one of GBP, EUR, USD, CAD, AUD, NZD, CHF, SEK, NOK, DKK, JPY, KWD',
      ],
      ['total.amount', 'invalid_amount', 'amount must be a decimal string such as "1250000.00", got 1000'],
      ['weights', 'no_weights', 'at least one weight is needed'],
    ]);
  });

  it('reads a total that is no object as one with neither an amount nor a currency', () => {
    expect(issuesOf(null, { a: '1' }).map(([path, code]) => [path, code])).toEqual([
      ['total.currency', 'unknown_currency'],
      ['total.amount', 'invalid_amount'],
    ]);
  });

  it('refuses weights that add up to zero, since nothing can be split by them', () => {
    expect(issuesOf({ amount: '10.00', currency: 'GBP' }, { a: '0', b: '0.00' })).toEqual([
      ['weights', 'zero_weights', 'the weights add up to zero, so nothing can be split by them'],
    ]);
  });

  it('checks the decimal places against the currency only once the currency is known', () => {
    expect(issuesOf({ amount: '10.5', currency: 'JPY' }, { a: '1' })).toEqual([
      ['total.amount', 'too_many_decimals', 'amount 10.5 has more decimal places than JPY has (0)'],
    ]);
    expect(issuesOf({ amount: '10.555', currency: 'EURO' }, { a: '1' }).map(([path, code]) => [path, code])).toEqual([
      ['total.currency', 'unknown_currency'],
    ]);
  });

  it('keeps a party whose id is "__proto__", rather than dropping it and its money', () => {
    const weights = JSON.parse('{"__proto__":"1","constructor":"3"}') as Record<string, string>;
    expect(amounts('1.00', weights)).toEqual([
      ['__proto__', '0.25'],
      ['constructor', '0.75'],
    ]);
  });
});
