import { describe, expect, it } from 'vitest';
import { settle, type Settlement } from '../../src/index.js';
import {
  commissioner,
  contract,
  expectConserved,
  linearMetric,
  metricOf,
  partyOf,
  PERIOD,
  provider,
  value,
  type MetricInput,
} from './helpers.js';

/*
 * Worked example: a £1,250,000.00 incentive pool, five equally weighted indicators, each scored
 * linearly from 60 % (score 0) to 80 % (score 1).
 *
 * Source of the rules: the required figures; the linear rule in src/score/linear/index.ts
 * (score = clamp((value − min) / (max − min), 0, 1)); the pool's money in
 * src/settle/outcome-pool.ts (a metric's part at risk is the funding split over the metrics by
 * weight; a metric earns part at risk × score; money is rounded at the contract's declared rounding
 * point, design.md section 4).
 *
 * Each indicator has 1/5 of the pool at risk: £1,250,000.00 / 5 = £250,000.00.
 *
 *   indicator  measured  score                          earned by score
 *   ind-1      72 %      (72 − 60) / 20 = 0.6           0.6  × £250,000.00 = £150,000.00
 *   ind-2      59 %      (59 − 60) / 20 < 0 → 0         0    × £250,000.00 =       £0.00
 *   ind-3      85 %      (85 − 60) / 20 > 1 → 1         1    × £250,000.00 = £250,000.00
 *   ind-4      70 %      (70 − 60) / 20 = 0.5           0.5  × £250,000.00 = £125,000.00
 *   ind-5      65 %      (65 − 60) / 20 = 0.25          0.25 × £250,000.00 =  £62,500.00
 *                                                                   total   £587,500.00
 *
 * Pool weighted score: 0.2 × (0.6 + 0 + 1 + 0.5 + 0.25) = 0.2 × 2.35 = 0.47;
 * £1,250,000.00 × 0.47 = £587,500.00; unearned £1,250,000.00 − £587,500.00 = £662,500.00, kept by
 * the commissioner that funded the pool.
 * Split between the two providers by contract value, £6,000,000.00 : £4,000,000.00 = 60 % : 40 %:
 * acute £587,500.00 × 0.6 = £352,500.00; community £587,500.00 × 0.4 = £235,000.00.
 * No rounding happens anywhere: every figure is exact in pence, so both rounding points agree.
 */

const measured = [
  value('ind-1', '72'),
  value('ind-2', '59'),
  value('ind-3', '85'),
  value('ind-4', '70'),
  value('ind-5', '65'),
];

const settleWith = (point: 'pool' | 'metric' | undefined, weight: string | undefined): Settlement => {
  const metrics: MetricInput[] = ['ind-1', 'ind-2', 'ind-3', 'ind-4', 'ind-5'].map((id) =>
    linearMetric(id, '60', '80', { clause: 'Schedule 3 para 2.1', ...(weight === undefined ? {} : { weight }) }),
  );
  return settle(
    contract({
      parties: [commissioner('icb'), provider('acute', '6000000.00'), provider('community', '4000000.00')],
      pools: [
        {
          id: 'incentive',
          kind: 'outcome',
          name: 'Five-indicator incentive pool',
          contributions: [{ party: 'icb', amount: '1250000.00' }],
          metrics,
          unearned: { to: 'commissioner', party: 'icb' },
        },
      ],
      ...(point === undefined ? {} : { rounding: { point } }),
    }),
    measured,
    { period: PERIOD },
  );
};

const cases = [
  { title: "rounding point 'pool' (the default, not declared), weights left out", point: undefined, weight: undefined },
  { title: "rounding point 'pool' declared, weights 20 % each", point: 'pool', weight: '20' },
  { title: "rounding point 'metric', weights left out", point: 'metric', weight: undefined },
  { title: "rounding point 'metric', weights 20 % each", point: 'metric', weight: '20' },
] as const;

describe.each(cases)('a £1,250,000.00 pool of five indicators, linear 60 % → 80 %: $title', ({ point, weight }) => {
  const settlement = settleWith(point, weight);

  it('puts £250,000.00 at risk on each indicator (weight 0.2)', () => {
    for (const id of ['ind-1', 'ind-2', 'ind-3', 'ind-4', 'ind-5']) {
      expect(metricOf(settlement, id).atRisk).toBe('250000.00');
      expect(metricOf(settlement, id).weight).toBe('0.2');
    }
  });

  it('pays £150,000.00 at 72 %, £0.00 at 59 % and £250,000.00 at 85 %', () => {
    expect(metricOf(settlement, 'ind-1').score).toBe('0.6');
    expect(metricOf(settlement, 'ind-1').earnedByScore).toBe('150000.00');
    expect(metricOf(settlement, 'ind-2').score).toBe('0');
    expect(metricOf(settlement, 'ind-2').earnedByScore).toBe('0.00');
    expect(metricOf(settlement, 'ind-3').score).toBe('1');
    expect(metricOf(settlement, 'ind-3').earnedByScore).toBe('250000.00');
  });

  it('pays £125,000.00 at 70 % and £62,500.00 at 65 %', () => {
    expect(metricOf(settlement, 'ind-4').earnedByScore).toBe('125000.00');
    expect(metricOf(settlement, 'ind-5').earnedByScore).toBe('62500.00');
  });

  it('earns £587,500.00 in all, split 60 : 40 by contract value, and the ICB keeps £662,500.00', () => {
    const pool = settlement.pools[0]!;
    expect(pool.score).toBe('0.47');
    expect(pool.funding).toBe('1250000.00');
    expect(pool.earnedByScore).toBe('587500.00');
    expect(pool.earned).toBe('587500.00');
    expect(pool.forfeited).toBe('0.00');
    expect(pool.unearned).toBe('662500.00');
    expect(pool.allocation.map((a) => [a.id, a.amount, a.unitsAdded])).toEqual([
      ['acute', '352500.00', 0],
      ['community', '235000.00', 0],
    ]);
    expect(pool.unearnedTo.parts).toEqual([{ party: 'icb', amount: '662500.00' }]);
  });

  it('gives each party its statement: guaranteed contract value plus what it earned', () => {
    // the providers put nothing at risk here, so their guaranteed payment is their contract value
    expect(partyOf(settlement, 'acute')).toMatchObject({
      contributed: '0.00',
      guaranteed: '6000000.00',
      earned: '352500.00',
      redistributed: '0.00',
      returned: '0.00',
      total: '6352500.00',
    });
    expect(partyOf(settlement, 'community')).toMatchObject({
      guaranteed: '4000000.00',
      earned: '235000.00',
      total: '4235000.00',
    });
    // the commissioner has no contract value: no guaranteed payment; it keeps the unearned money
    expect(partyOf(settlement, 'icb')).toMatchObject({
      contractValue: null,
      contributed: '1250000.00',
      guaranteed: null,
      earned: '0.00',
      returned: '662500.00',
      total: '662500.00',
    });
  });

  it('conserves the pool: £1,250,000.00 in, £1,250,000.00 out', () => {
    expect(settlement.pools[0]!.conservation).toEqual({ in: '1250000.00', out: '1250000.00', difference: '0.00' });
    expectConserved(settlement);
  });
});
