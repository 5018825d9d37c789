import { describe, expect, it } from 'vitest';
import { settle } from '../../src/index.js';
import {
  commissioner,
  contract,
  expectConserved,
  partyOf,
  PERIOD,
  poolOf,
  provider,
  value,
  type MetricInput,
} from './helpers.js';

/*
 * Worked example: rounding per metric must not pile the spare pennies on one provider.
 *
 * Source of the rules: design.md section 4 ("rounding points … per metric payment") and
 * section 5 invariant 4 ("parties with identical declarations differ by at most one minor unit").
 *
 *   pool £100.05 from the commissioner; five binary metrics, equal weights, all met
 *   each metric: £100.05 / 5 = £20.01 at risk, score 1 → earns £20.01 (rounded per metric: exact)
 *   two providers a and b, identical contract values (£1,000,000.00), equal split:
 *     each metric's exact part per provider = £20.01 / 2 = £10.005
 *   Wrong (split each metric separately): the half penny goes to a five times → a £50.05, b £50.00.
 *   Right: the metric payments add to £100.05; each provider's exact part is 5 × £10.005 = £50.025;
 *     floors £50.02 + £50.02 = £100.04; one penny left, equal remainders and equal weights, so it
 *     goes to the smaller id, a → a £50.03, b £50.02.
 *   With rounding at the pool the figures are the same (£100.05 × 1 = £100.05, split the same way).
 */

const binary = (id: string): MetricInput => ({
  id,
  name: `Indicator ${id}`,
  unit: '%',
  direction: 'higher-is-better',
  scoring: { type: 'binary', target: '95' },
});

const build = (point: 'pool' | 'metric') =>
  contract({
    parties: [commissioner('icb'), provider('a', '1000000.00'), provider('b', '1000000.00')],
    pools: [
      {
        id: 'incentive',
        kind: 'outcome',
        name: 'Incentive',
        contributions: [{ party: 'icb', amount: '100.05' }],
        metrics: ['m1', 'm2', 'm3', 'm4', 'm5'].map(binary),
        unearned: { to: 'contributors' },
      },
    ],
    rounding: { point },
  });

const measurements = ['m1', 'm2', 'm3', 'm4', 'm5'].map((m) => value(m, '96'));

describe.each(['metric', 'pool'] as const)(
  '£100.05 over five met binary metrics, two identical providers, rounding at the %s',
  (point) => {
    const settlement = settle(build(point), measurements, { period: PERIOD });

    it('pays £50.03 and £50.02, not £50.05 and £50.00', () => {
      expect(partyOf(settlement, 'a').earned).toBe('50.03');
      expect(partyOf(settlement, 'b').earned).toBe('50.02');
    });

    it('shows where the spare penny went', () => {
      expect(poolOf(settlement, 'incentive').allocation).toEqual([
        { id: 'a', exactShare: '50.025000000000000000', floor: '50.02', unitsAdded: 1, amount: '50.03' },
        { id: 'b', exactShare: '50.025000000000000000', floor: '50.02', unitsAdded: 0, amount: '50.02' },
      ]);
    });

    it('pays each metric its full £20.01 and conserves the pool', () => {
      for (const metric of settlement.metrics) expect(metric.earnedByScore).toBe('20.01');
      expect(poolOf(settlement, 'incentive').earnedByScore).toBe('100.05');
      expectConserved(settlement);
    });
  },
);

describe('rounding once for the pool never credits a metric with more than it had at risk', () => {
  /*
   * Found by the property tests. Pool £0.02, three metrics of equal weight, rounding at the pool:
   *   at risk: £0.02 / 3 = £0.00666… each → floors £0.00; two pennies left, equal remainders and
   *     weights → the two smallest ids: m1 £0.01, m2 £0.01, m3 £0.00
   *   scores m1 0.5, m2 1, m3 1 → earned exactly £0.02 × (0.5 + 1 + 1) / 3 = £0.01666… → £0.02 (half-up)
   *   split over the metrics by exact amount (£0.00333…, £0.00666…, £0.00666…) the two pennies
   *     would go to m2 and m3, but m3 had nothing at risk: it is held at £0.00 and its penny goes to
   *     m1, the only metric with room left → m1 £0.01, m2 £0.01, m3 £0.00.
   */
  const build = contract({
    parties: [commissioner('icb'), provider('a', '1000000.00')],
    pools: [
      {
        id: 'small',
        kind: 'outcome',
        name: 'Small pool',
        contributions: [{ party: 'icb', amount: '0.02' }],
        metrics: ['m1', 'm2', 'm3'].map((id) => ({
          id,
          name: id,
          unit: '%',
          direction: 'higher-is-better' as const,
          scoring: { type: 'linear' as const, min: '0', max: '100' },
        })),
        unearned: { to: 'contributors' },
      },
    ],
    rounding: { point: 'pool' },
  });
  const settlement = settle(build, [value('m1', '50'), value('m2', '100'), value('m3', '100')], { period: PERIOD });

  it('gives m1 £0.01, m2 £0.01 and m3 £0.00, each within its part at risk', () => {
    expect(settlement.metrics.map((m) => [m.id, m.score, m.atRisk, m.earnedByScore])).toEqual([
      ['m1', '0.5', '0.01', '0.01'],
      ['m2', '1', '0.01', '0.01'],
      ['m3', '1', '0.00', '0.00'],
    ]);
    expect(poolOf(settlement, 'small').earnedByScore).toBe('0.02');
    expect(partyOf(settlement, 'a').earned).toBe('0.02');
    expectConserved(settlement);
  });
});
