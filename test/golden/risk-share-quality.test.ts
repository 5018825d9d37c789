import { describe, expect, it } from 'vitest';
import { explain, MeasurementError, settle, type ContractInput } from '../../src/index.js';

/*
 * Worked example: a contract mixing an outcome pool and a risk-share pool, where the sharing rate
 * is adjusted by the outcome pool's weighted score, and the alliance's share is split by a
 * measured value per member.
 *
 *   outcome pool "outcomes": two equally weighted linear metrics, 0 → 100:
 *     measured 90 and 70 → scores 0.9 and 0.7 → pool weighted score 0.5 × 0.9 + 0.5 × 0.7 = 0.8
 *   risk-share pool "system": budget 50,000,000.00, outturn 49,000,000.00 → surplus 1,000,000.00
 *     rate 50 % × quality 0.8 = 40 % → alliance share 400,000.00; the ICB keeps 600,000.00
 *     split by measured "quality-points": acute 3, community 1 → 300,000.00 and 100,000.00
 *   with a quality score measure of 1.2 instead, the score is held to 1: 50 % → 500,000.00
 */

const PERIOD = '2026-27';
const contract = (quality: { pool: string } | { measure: string }): ContractInput => ({
  id: 'mixed',
  name: 'Mixed alliance',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'icb', name: 'ICB', role: 'commissioner' },
    { id: 'acute', name: 'Acute', role: 'provider', contractValue: '30000000.00' },
    { id: 'community', name: 'Community', role: 'provider', contractValue: '20000000.00' },
  ],
  pools: [
    {
      id: 'outcomes',
      kind: 'outcome',
      name: 'Outcomes',
      contributions: [{ party: 'icb', amount: '100000.00' }],
      metrics: ['m1', 'm2'].map((id) => ({
        id,
        name: id,
        unit: '%',
        direction: 'higher-is-better' as const,
        scoring: { type: 'linear' as const, min: '0', max: '100' },
      })),
      unearned: { to: 'contributors' },
    },
    {
      id: 'system',
      kind: 'risk-share',
      name: 'System control total',
      budget: '50000000.00',
      sides: 'gain',
      outturn: { measure: 'spend' },
      commissioner: 'icb',
      steps: [{ id: 'rate', type: 'rate', gain: { percent: '50', quality } }],
      order: ['rate'],
      distribution: { basis: 'measure', measure: 'quality-points' },
    },
  ],
});
const measured = (metric: string, value: string, party?: string) => ({
  metric,
  period: PERIOD,
  value,
  status: 'final' as const,
  ...(party ? { party } : {}),
});
const measurements = [
  measured('m1', '90'),
  measured('m2', '70'),
  measured('spend', '49000000.00'),
  measured('quality-points', '3', 'acute'),
  measured('quality-points', '1', 'community'),
];

describe('a sharing rate adjusted by an outcome pool’s score', () => {
  const settlement = settle(contract({ pool: 'outcomes' }), measurements, { period: PERIOD });
  const pool = settlement.riskShares[0]!;

  it('shares 40 % of the £1,000,000.00 surplus: £400,000.00, split 3 : 1 by the measured points', () => {
    expect(settlement.pools[0]!.score).toBe('0.8');
    expect(pool.steps[0]!.amount).toBe('400000.00');
    expect(pool.allianceShare).toBe('400000.00');
    expect(pool.parts.map((p) => [p.party, p.weight, p.amount])).toEqual([
      ['acute', '3', '300000.00'],
      ['community', '1', '100000.00'],
    ]);
    expect(pool.commissionerShare).toBe('600000.00');
  });

  it('traces the rate back to the outcome pool’s score', () => {
    const text = explain(settlement, pool.steps[0]!.trace.amount, 1);
    expect(text).toContain('50 % × quality score 0.8 = 0.4');
    expect(settlement.trace[pool.steps[0]!.trace.amount]!.inputs).toContainEqual({
      name: 'weighted score of pool outcomes',
      value: '0.8',
      node: settlement.pools[0]!.trace.score,
    });
  });

  it('adds the shares to each party’s total', () => {
    const acute = settlement.parties.find((p) => p.id === 'acute')!;
    expect(acute.shared).toBe('300000.00');
    // contract value 30,000,000.00 (nothing at risk) + outcome pool: 100,000 × 0.8 = 80,000 earned,
    // split by contract value 30 : 20 → 48,000.00 + 300,000.00 shared = 30,348,000.00
    expect(acute.earned).toBe('48000.00');
    expect(acute.total).toBe('30348000.00');
  });
});

describe('a quality score measured outside [0, 1]', () => {
  // Issue 12: a score measured as 91.5 instead of 0.915 used to be held to 1 in silence, paying the
  // maximum rate (the full 50 %: £500,000.00). It is refused, at the measurement, with its value.
  const measuredAs = (value: string) => () =>
    settle(contract({ measure: 'quality-score' }), [...measurements, measured('quality-score', value)], {
      period: PERIOD,
    });

  it('above 1: refused with the measurement’s path and value, not held to 1', () => {
    const error = (() => {
      try {
        measuredAs('1.2')();
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MeasurementError);
    expect((error as MeasurementError).issues).toEqual([
      {
        path: `measurements[${measurements.length}].value`,
        code: 'score_out_of_range',
        message:
          "'quality-score' is a quality score, so it must be between 0 and 1 (a fraction: 0.915 for 91.5 %), got 1.2",
      },
    ]);
  });

  it('below 0: refused too; 0 and 1 themselves are scores', () => {
    expect(measuredAs('-0.1')).toThrow(/must be between 0 and 1.*got -0\.1/);
    expect(measuredAs('1')().riskShares[0]!.allianceShare).toBe('500000.00');
    expect(measuredAs('0')().riskShares[0]!.allianceShare).toBe('0.00');
  });
});

describe('a share split in proportion to what each member put into an outcome pool', () => {
  // acute puts 300,000.00 and community 100,000.00 into the outcome pool: 400,000.00 of alliance
  // share (50 % × 0.8 of the 1,000,000.00 surplus) splits 3 : 1 → 300,000.00 and 100,000.00
  const base = contract({ pool: 'outcomes' });
  const [outcomes, system] = base.pools as unknown as [Record<string, unknown>, Record<string, unknown>];
  const byContribution: ContractInput = {
    ...base,
    pools: [
      {
        ...outcomes,
        contributions: [
          { party: 'acute', amount: '300000.00' },
          { party: 'community', amount: '100000.00' },
        ],
      },
      { ...system, distribution: { basis: 'contribution', pool: 'outcomes' } },
    ] as ContractInput['pools'],
  };

  it('pays £300,000.00 and £100,000.00', () => {
    const pool = settle(byContribution, measurements.slice(0, 3), { period: PERIOD }).riskShares[0]!;
    expect(pool.parts.map((p) => [p.party, p.weight, p.amount])).toEqual([
      ['acute', '300000', '300000.00'],
      ['community', '100000', '100000.00'],
    ]);
  });

  it('needs the outcome pool named', () => {
    const missing = {
      ...byContribution,
      pools: [byContribution.pools[0]!, { ...system, distribution: { basis: 'contribution' } }],
    } as ContractInput;
    expect(() => settle(missing, measurements, { period: PERIOD })).toThrow(/"contribution" distribution needs "pool"/);
  });
});

describe('a negative weight measured for a "measure" distribution', () => {
  it('is refused at the measurement, not read as zero', () => {
    const negative = measurements.map((m) =>
      m.metric === 'quality-points' && m.party === 'acute' ? { ...m, value: '-3' } : m,
    );
    expect(() =>
      settle(contract({ measure: 'quality-score' }), [...negative, measured('quality-score', '0.8')], {
        period: PERIOD,
      }),
    ).toThrow(
      "'quality-points' for 'acute' splits pool 'system' between its members, so it must not be negative, got -3",
    );
    try {
      settle(contract({ measure: 'quality-score' }), [...negative, measured('quality-score', '0.8')], {
        period: PERIOD,
      });
    } catch (error) {
      expect((error as MeasurementError).issues.map((i) => [i.path, i.code])).toEqual([
        ['measurements[3].value', 'negative_weight'],
      ]);
    }
  });
});
