import { describe, expect, it } from 'vitest';
import {
  settle,
  validateContract,
  type ContractInput,
  type MeasurementInput,
  type PointsSchemeInput,
} from '../../src/index.js';

/*
 * Worked examples: a points scheme like the Quality and Outcomes Framework. Points = the
 * foundation's linear score between the lower and upper thresholds × the points available;
 * payment = points × the value of a point (× its adjustment factors), rounded half-up to the
 * penny; points, factors and the value of a point are rounded only where the scheme declares.
 */

const PERIOD = '2026-27';
const scheme = (
  extra: Partial<PointsSchemeInput> = {},
  adjustments?: PointsSchemeInput['indicators'][number]['adjustments'],
): ContractInput => ({
  id: 'qof',
  name: 'Points scheme',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'icb', name: 'ICB', role: 'commissioner' },
    { id: 'practice', name: 'Practice', role: 'provider' },
  ],
  pools: [
    {
      id: 'qof',
      kind: 'points',
      name: 'Quality points',
      payer: 'icb',
      valuePerPoint: '200.00',
      indicators: [
        {
          id: 'bp-control',
          name: 'Blood pressure controlled',
          points: '40',
          lower: '80',
          upper: '86',
          measure: 'bp-control',
          ...(adjustments ? { adjustments } : {}),
        },
      ],
      ...extra,
    },
  ],
});
const achieved = (
  numerator: string,
  denominator = '100',
  exclusions?: MeasurementInput['exclusions'],
): MeasurementInput => ({
  metric: 'bp-control',
  period: PERIOD,
  party: 'practice',
  numerator,
  denominator,
  ...(exclusions ? { exclusions } : {}),
  status: 'final',
});
const indicatorOf = (contract: ContractInput, measurements: MeasurementInput[]) =>
  settle(contract, measurements, { period: PERIOD }).pointsSchemes[0]!.participants[0]!.indicators[0]!;

describe('an indicator worth 40 points, 80 % to 86 %, £200.00 a point', () => {
  it.each([
    // (83 − 80) / (86 − 80) = 0.5 → 20 points × £200.00 = £4,000.00
    ['83', '20', '4000.00'],
    // below the lower threshold: nothing
    ['75', '0', '0.00'],
    // at and above the upper threshold: all 40 points, £8,000.00
    ['86', '40', '8000.00'],
    ['90', '40', '8000.00'],
  ])('%s %% earns %s points, £%s', (percent, points, payment) => {
    const result = indicatorOf(scheme(), [achieved(percent)]);
    expect([result.achievement, result.points, result.payment]).toEqual([percent, points, payment]);
  });

  it('pays the practice and charges the payer the same sum', () => {
    const settlement = settle(scheme(), [achieved('83')], { period: PERIOD });
    expect(settlement.parties.map((p) => [p.id, p.priced, p.shared, p.total])).toEqual([
      ['icb', '-4000.00', '0.00', '-4000.00'],
      ['practice', '4000.00', '0.00', '4000.00'],
    ]);
    expect(settlement.parties[1]!.pricedOutcomes.map((s) => [s.pool, s.shared])).toEqual([['qof', '4000.00']]);
    expect(settlement.parties[1]!.riskShares).toEqual([]);
    // the record: the payer's charge against the indicator payments as shown (issue 12, item 7)
    expect(settlement.pointsSchemes[0]!.conservation).toEqual({ in: '4000.00', out: '4000.00', difference: '0.00' });
  });
});

describe('achievement with exclusions', () => {
  it('is 600 / (1,000 − 100 declined − 100 unsuitable) = 75 %, not 60 %, with the exclusions shown', () => {
    const result = indicatorOf(scheme(), [achieved('600', '1000', { declined: '100', unsuitable: '100' })]);
    expect(result.achievement).toBe('75');
    expect(result.exclusions).toBe('200 (declined 100, unsuitable 100)');
    expect([result.numerator, result.denominator]).toEqual(['600', '1000']);
    expect(result.points).toBe('0'); // 75 % is below the 80 % lower threshold
  });
});

describe('adjustment factors and where the rounding happens', () => {
  /*
   * 83.47 %: score (83.47 − 80) / 6 = 0.578333333333333333 (18 places) × 40 = 23.13333333333333332 points
   * list size 10,813 / 10,000 = 1.0813; prevalence 0.0631 / 0.0587 = 1.074957410562180579
   * no rounding until the payment: 23.1333… × 200 × 1.0813 × 1.0749574… = 5,377.8127 → £5,377.81
   * points to 2 places (23.13), factors to 4 (1.0813, 1.0750), value of a point to 2
   * (200 × 1.0813 × 1.0750 = 232.4795 → 232.48): 23.13 × 232.48 = 5,377.2624 → £5,377.26
   */
  const adjustments = [
    { kind: 'list-size' as const, measure: 'list-size', reference: '10000' },
    { kind: 'prevalence' as const, measure: 'prevalence', reference: '0.0587' },
  ];
  const measurements: MeasurementInput[] = [
    achieved('8347', '10000'),
    { metric: 'list-size', period: PERIOD, party: 'practice', value: '10813', status: 'final' },
    { metric: 'prevalence', period: PERIOD, party: 'practice', value: '0.0631', status: 'final' },
  ];

  it('pays £5,377.81 when nothing is rounded before the payment', () => {
    const result = indicatorOf(scheme({}, adjustments), measurements);
    expect(result.points).toBe('23.13333333333333332');
    expect(result.payment).toBe('5377.81');
  });

  it('pays £5,377.26 when points, factors and the value of a point are rounded as declared', () => {
    const result = indicatorOf(
      scheme({ rounding: { points: 2, factor: 4, valuePerPoint: 2 } }, adjustments),
      measurements,
    );
    expect([result.points, result.valuePerPoint, result.payment]).toEqual(['23.13', '232.48', '5377.26']);
  });
});

describe('points scheme mistakes', () => {
  it('refuses a lower threshold above the upper one, a provider as payer, and exclusions larger than the denominator', () => {
    const contract = scheme();
    const pool = contract.pools[0] as PointsSchemeInput;
    pool.indicators[0]!.lower = '90';
    pool.payer = 'practice';
    const result = validateContract(contract);
    expect(result.success ? [] : result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'pools[0].indicators[0].lower', code: 'thresholds_out_of_order' }),
        expect.objectContaining({ path: 'pools[0].payer', code: 'not_a_commissioner' }),
      ]),
    );
    expect(() =>
      settle(scheme(), [achieved('10', '100', { declined: '60', unsuitable: '40' })], { period: PERIOD }),
    ).toThrow(/exclusions \(100 \(declined 60, unsuitable 40\)\) leave nothing of the denominator/);
  });

  it('refuses a negative count', () => {
    expect(() => settle(scheme(), [achieved('-1')], { period: PERIOD })).toThrow(/numerator must not be negative/);
  });
});
