import { describe, expect, it } from 'vitest';
import { settle, type Settlement } from '../../src/index.js';
import {
  commissioner,
  contract,
  expectConserved,
  linearMetric,
  metricOf,
  partyOf,
  pence,
  PERIOD,
  provider,
  value,
} from './helpers.js';

/*
 * Worked example: a £1,000,000.00 pool funded by the commissioner's fixed contribution, three
 * metrics with no weights declared (so equal weights), scoring 1, 0.5 and 0; the earned money is
 * split between three providers by contract value; the commissioner keeps what is not earned.
 *
 * Source of the rules: the required figures; contract schema (src/contract/schema.ts:
 * "Leave out [weight] on every metric for equal weights"; distribution basis default
 * "contract-value"; `unearned: { to: 'commissioner' }` "kept by one commissioner"); design.md
 * section 4 (ratios at 18 places half-even, money rounded at the declared point, largest remainder).
 *
 *   weight of each metric = 1 / 3 = 0.333333333333333333 (18 places)
 *   m1 measured 80 → (80 − 60) / 20 = 1;   weighted 0.333333333333333333
 *   m2 measured 70 → (70 − 60) / 20 = 0.5; weighted 0.1666666666666666665
 *   m3 measured 60 → (60 − 60) / 20 = 0;   weighted 0
 *   pool score = 0.4999999999999999995
 *   earned by score = £1,000,000.00 × 0.4999999999999999995 = £499,999.9999999999995
 *                   → rounded half-up to the penny, once for the pool: £500,000.00
 *   contract values £5m : £3m : £2m = 0.5 : 0.3 : 0.2 of £500,000.00
 *                   → £250,000.00, £150,000.00, £100,000.00
 *   unearned = £1,000,000.00 − £500,000.00 = £500,000.00, returned to (kept by) the ICB
 */

const build = (point?: 'metric') =>
  contract({
    parties: [
      commissioner('icb'),
      provider('a', '5000000.00'),
      provider('b', '3000000.00'),
      provider('c', '2000000.00'),
    ],
    pools: [
      {
        id: 'outcomes',
        kind: 'outcome',
        name: 'Outcomes pool',
        contributions: [{ party: 'icb', amount: '1000000.00', clause: 'Schedule 3 para 1.2' }],
        metrics: [linearMetric('m1', '60', '80'), linearMetric('m2', '60', '80'), linearMetric('m3', '60', '80')],
        unearned: { to: 'commissioner', party: 'icb', clause: 'Schedule 3 para 4' },
      },
    ],
    ...(point ? { rounding: { point } } : {}),
  });
const measurements = [value('m1', '80'), value('m2', '70'), value('m3', '60')];

describe('a £1,000,000.00 commissioner-funded pool, three equally weighted metrics scoring 1, 0.5 and 0', () => {
  const settlement: Settlement = settle(build(), measurements, { period: PERIOD });
  const pool = settlement.pools[0]!;

  it('weights the metrics equally when no weight is declared', () => {
    for (const id of ['m1', 'm2', 'm3']) expect(metricOf(settlement, id).weight).toBe('0.333333333333333333');
    expect([
      metricOf(settlement, 'm1').score,
      metricOf(settlement, 'm2').score,
      metricOf(settlement, 'm3').score,
    ]).toEqual(['1', '0.5', '0']);
    expect(metricOf(settlement, 'm2').weightedScore).toBe('0.1666666666666666665');
    expect(pool.score).toBe('0.4999999999999999995');
  });

  it('earns £500,000.00', () => {
    expect(pool.funding).toBe('1000000.00');
    expect(pool.earnedByScore).toBe('500000.00');
    expect(pool.earned).toBe('500000.00');
    expect(pool.unearned).toBe('500000.00');
  });

  it('splits the parts at risk by largest remainder, and the metrics’ earned parts add up to the pool’s', () => {
    // £1,000,000.00 / 3 = £333,333.33⅓ each; floors £999,999.99; the penny left goes (equal
    // remainders, equal weights) to the smallest id, m1.
    expect(['m1', 'm2', 'm3'].map((id) => metricOf(settlement, id).atRisk)).toEqual([
      '333333.34',
      '333333.33',
      '333333.33',
    ]);
    const earned = ['m1', 'm2', 'm3'].map((id) => pence(metricOf(settlement, id).earnedByScore));
    expect(earned.reduce((s, v) => s + v, 0n)).toBe(pence(pool.earnedByScore));
    expect(metricOf(settlement, 'm3').earnedByScore).toBe('0.00');
    for (const id of ['m1', 'm2', 'm3']) {
      const m = metricOf(settlement, id);
      expect(pence(m.earnedByScore) <= pence(m.atRisk)).toBe(true);
    }
  });

  it('splits £500,000.00 by contract value: £250,000.00, £150,000.00, £100,000.00', () => {
    expect(pool.allocation.map((a) => [a.id, a.amount])).toEqual([
      ['a', '250000.00'],
      ['b', '150000.00'],
      ['c', '100000.00'],
    ]);
    expect(partyOf(settlement, 'a').earned).toBe('250000.00');
    expect(partyOf(settlement, 'b').earned).toBe('150000.00');
    expect(partyOf(settlement, 'c').earned).toBe('100000.00');
    expect(partyOf(settlement, 'a').total).toBe('5250000.00'); // £5,000,000.00 guaranteed + £250,000.00
  });

  it('returns the unearned £500,000.00 to the commissioner that funded the pool', () => {
    expect(pool.unearnedTo.parts).toEqual([{ party: 'icb', amount: '500000.00' }]);
    expect(pool.unearnedTo.rule).toContain('icb');
    expect(partyOf(settlement, 'icb')).toMatchObject({
      contributed: '1000000.00',
      earned: '0.00',
      returned: '500000.00',
      total: '500000.00',
    });
    for (const id of ['a', 'b', 'c']) expect(partyOf(settlement, id).returned).toBe('0.00');
  });

  it('conserves the pool', () => {
    expect(pool.conservation).toEqual({ in: '1000000.00', out: '1000000.00', difference: '0.00' });
    expectConserved(settlement);
  });
});

describe('the same pool rounded per metric (rounding point "metric") earns one penny more', () => {
  /*
   * Rounding per metric's payment (design.md section 4: "per metric payment ... Sources disagree
   * on this in real schemes, so it is data"):
   *   m1: part at risk £333,333.34 × 1   = £333,333.34
   *   m2: part at risk £333,333.33 × 0.5 = £166,666.665 → half-up £166,666.67
   *   m3: £333,333.33 × 0 = £0.00;  total £500,000.01 (the commissioner keeps £499,999.99)
   * Each metric's amount split 0.5 : 0.3 : 0.2 (largest remainder, in pence):
   *   m1 33,333,334p → 16,666,667 / 10,000,000.2 / 6,666,666.8 → floors 33,333,333; +1p to c (.8)
   *      = a £166,666.67, b £100,000.00, c £66,666.67
   *   m2 16,666,667p → 8,333,333.5 / 5,000,000.1 / 3,333,333.4 → floors 16,666,666; +1p to a (.5)
   *      = a £83,333.34, b £50,000.00, c £33,333.33
   *   a £250,000.01, b £150,000.00, c £100,000.00
   */
  const settlement = settle(build('metric'), measurements, { period: PERIOD });
  const pool = settlement.pools[0]!;

  it('rounds each metric’s payment, then adds them', () => {
    expect(metricOf(settlement, 'm1').earnedByScore).toBe('333333.34');
    expect(metricOf(settlement, 'm2').earnedByScore).toBe('166666.67');
    expect(metricOf(settlement, 'm3').earnedByScore).toBe('0.00');
    expect(pool.earnedByScore).toBe('500000.01');
    expect(pool.unearned).toBe('499999.99');
  });

  it('splits each metric’s payment by contract value with largest remainder', () => {
    expect(pool.allocation.map((a) => [a.id, a.amount])).toEqual([
      ['a', '250000.01'],
      ['b', '150000.00'],
      ['c', '100000.00'],
    ]);
    expect(partyOf(settlement, 'icb').returned).toBe('499999.99');
    expectConserved(settlement);
  });
});
