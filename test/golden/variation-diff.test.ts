import { describe, expect, it } from 'vitest';
import { diffSettlements, settle, type MeasurementInput } from '../../src/index.js';
import { variedYear as contract } from '../fixtures/time-contract.js';

/*
 * A diff across a variation that splits the year pro rata (the default). The year 1 April 2025 to
 * 31 March 2026 has 365 days; the ICB puts £365,000.00 (£1,000.00 a day) into an outcome pool for
 * one provider, on a metric scored linearly from 60 to 80. Variation 1, from 1 October 2025
 * (Deed of Variation 1, clause 3), lowers the top of the scale to 70. The provider measures 70.
 *
 * Unvaried: 70 scores (70 − 60) / (80 − 60) = 0.5 → 365,000.00 × 0.5 = 182,500.00 earned.
 * Varied, split: 1 April – 30 September, 183 days, version 1.0: 183,000.00 × 0.5 = 91,500.00;
 * 1 October – 31 March, 182 days, version 1.1: 70 scores (70 − 60) / (70 − 60) = 1 →
 * 182,000.00 × 1 = 182,000.00; the year 273,500.00, 91,000.00 more.
 */

const measured = (value: string, revision = 1): MeasurementInput[] => [
  { metric: 'm', period: '2025-26', value, status: 'final', revision },
];
const { variations: _none, ...unvaried } = contract();
const before = settle(unvaried, measured('70'), { period: '2025-26' });
const varied = settle(contract(), measured('70'), { period: '2025-26' });

describe('a diff against a year split pro rata by a variation', () => {
  const diff = diffSettlements(before, varied);

  it('compares the metric in each segment with the whole year', () => {
    expect(
      diff.metrics.map((m) => [m.id, m.segment, m.changes.map((c) => [c.figure, c.from, c.to, c.difference])]),
    ).toEqual([
      [
        'm',
        { start: '2025-04-01', end: '2025-09-30' },
        [
          // the same score, on 183 of the 365 days: 183,000.00 at risk, 91,500.00 earned
          ['atRisk', '365000.00', '183000.00', '-182000.00'],
          ['earnedByScore', '182500.00', '91500.00', '-91000.00'],
        ],
      ],
      [
        'm',
        { start: '2025-10-01', end: '2026-03-31' },
        [
          // the varied scale: 0.5 → 1, on 182 days: 182,000.00 at risk and earned
          ['score', '0.5', '1', '0.5'],
          ['weightedScore', '0.5', '1', '0.5'],
          ['atRisk', '365000.00', '182000.00', '-183000.00'],
          ['earnedByScore', '182500.00', '182000.00', '-500.00'],
        ],
      ],
    ]);
  });

  it('traces the provider’s 91,000.00 to the varied parameter and to the days each version settles', () => {
    const earned = diff.parties.find((p) => p.id === 'provider')!.changes.find((c) => c.figure === 'earned')!;
    expect(earned).toMatchObject({ from: '182500.00', to: '273500.00', difference: '91000.00' });
    expect(earned.because).toEqual([
      'segment:2025-04-01:resolve:pools[incentive].contributions[party=icb].amount',
      'segment:2025-10-01:metric:m:score',
      'segment:2025-10-01:resolve:pools[incentive].contributions[party=icb].amount',
    ]);
    // three origins: the varied scale, compared with the unsplit year's score, and each part's cut of
    // the year's 365,000.00 contribution (183 and 182 days), which the unsplit year does not cut (new)
    expect(diff.origins.map((o) => [o.node, o.from, o.to, o.inputs])).toEqual([
      [
        'segment:2025-04-01:resolve:pools[incentive].contributions[party=icb].amount',
        null,
        '183000.00',
        [{ name: 'declared for the year', from: null, to: '365000.00' }],
      ],
      ['segment:2025-10-01:metric:m:score', '0.5', '1', [{ name: 'max', from: '80', to: '70' }]],
      [
        'segment:2025-10-01:resolve:pools[incentive].contributions[party=icb].amount',
        null,
        '182000.00',
        [{ name: 'declared for the year', from: null, to: '365000.00' }],
      ],
    ]);
    expect(diff.origins.find((o) => o.node === 'segment:2025-10-01:metric:m:score')!.label).toContain(
      'version 1.1, 2025-10-01 to 2026-03-31',
    );
    expect(diff.variations.map((v) => [v.id, v.change])).toEqual([['var-1', 'added']]);
  });

  it('compares two split settlements segment by segment, tracing a revised figure in each', () => {
    // revision 2 measures 65: version 1.0 scores 0.25 → 45,750.00; version 1.1 scores 0.5 → 91,000.00
    const revised = settle(contract(), [...measured('70'), ...measured('65', 2)], { period: '2025-26' });
    const both = diffSettlements(varied, revised);
    expect(both.metrics.map((m) => [m.segment!.start, m.changes.map((c) => [c.figure, c.from, c.to])])).toEqual([
      [
        '2025-04-01',
        [
          ['measured', '70', '65'],
          ['score', '0.5', '0.25'],
          ['weightedScore', '0.5', '0.25'],
          ['earnedByScore', '91500.00', '45750.00'],
        ],
      ],
      [
        '2025-10-01',
        [
          ['measured', '70', '65'],
          ['score', '1', '0.5'],
          ['weightedScore', '1', '0.5'],
          ['earnedByScore', '182000.00', '91000.00'],
        ],
      ],
    ]);
    expect(both.origins.map((o) => [o.node, o.from, o.to])).toEqual([
      ['segment:2025-04-01:metric:m:measured', '70', '65'],
      ['segment:2025-10-01:metric:m:measured', '70', '65'],
    ]);
    // 273,500.00 → 45,750.00 + 91,000.00 = 136,750.00
    const earned = both.parties.find((p) => p.id === 'provider')!.changes.find((c) => c.figure === 'earned')!;
    expect(earned).toMatchObject({ from: '273500.00', to: '136750.00', difference: '-136750.00' });
  });

  it('leaves a diff of two unsplit settlements without segments', () => {
    const plain = diffSettlements(before, settle(unvaried, measured('75'), { period: '2025-26' }));
    expect(plain.metrics.map((m) => 'segment' in m)).toEqual([false]);
  });
});
