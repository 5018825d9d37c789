import { describe, expect, it } from 'vitest';
import { MeasurementError, settle, type MeasurementInput } from '../../src/index.js';
import {
  commissioner,
  contract,
  expectConserved,
  linearMetric,
  metricOf,
  PERIOD,
  provider,
  type MetricInput,
} from './helpers.js';

/*
 * Worked example: measurements given as a numerator and denominator, less exclusions, turned into
 * the metric's unit with its `per`.
 *
 * Source of the rules: src/contract/schema.ts (metric `per`: "the rate is per this many (100 for a
 * percentage, 1000 per 1,000)"); src/measure/schema.ts (`exclusions`: "cases removed from the
 * denominator (exception reporting)"); src/measure/resolve.ts:
 *   value = numerator × per / (denominator − exclusions), ratios at 18 places half-even;
 * the issue (per 1000: 45 / (10000 − 0) × 1000 = 4.5).
 */

const ratio = (metric: string, numerator: string, denominator: string, exclusions?: string): MeasurementInput => ({
  metric,
  period: PERIOD,
  numerator,
  denominator,
  ...(exclusions === undefined ? {} : { exclusions }),
  status: 'final',
  source: 'SUS extract',
});

const falls: MetricInput = linearMetric('falls', '6', '4', {
  name: 'Falls admissions per 1,000 people 65+',
  unit: 'per 1,000',
  direction: 'lower-is-better',
  per: '1000',
});
const carePlans: MetricInput = linearMetric('care-plans', '60', '80', { name: 'Care plans in place', per: '100' });

const build = (metrics: MetricInput[]) =>
  contract({
    parties: [commissioner('icb'), provider('trust', '1000000.00')],
    pools: [
      {
        id: 'outcomes',
        kind: 'outcome',
        name: 'Outcomes',
        contributions: [{ party: 'icb', amount: '10000.00' }],
        metrics,
        unearned: { to: 'commissioner', party: 'icb' },
      },
    ],
  });

describe('a rate per 1,000 from a numerator and denominator', () => {
  it('turns 45 / (10,000 − 0) × 1,000 into 4.5, and scores it', () => {
    // 45 / 10,000 × 1,000 = 4.5 falls per 1,000; linear lower-is-better 6 → 4: (4.5 − 6) / (4 − 6) = 0.75
    const settlement = settle(build([falls]), [ratio('falls', '45', '10000', '0')], { period: PERIOD });
    const metric = metricOf(settlement, 'falls');
    expect(metric.measured).toBe('4.5');
    expect(metric.score).toBe('0.75');
    expect(metric.source).toBe('SUS extract');
    // £10,000.00 × 0.75 = £7,500.00
    expect(settlement.pools[0]!.earnedByScore).toBe('7500.00');
    expectConserved(settlement);
  });

  it('traces the working with numerator, denominator, exclusions and per', () => {
    const settlement = settle(build([falls]), [ratio('falls', '45', '10000')], { period: PERIOD });
    const node = settlement.trace[metricOf(settlement, 'falls').trace.measured!]!;
    expect(node.value).toBe('4.5');
    expect(node.formula).toBe('45 / (10000 − 0 excluded) × 1000');
    expect(node.inputs).toEqual(
      expect.arrayContaining([
        { name: 'numerator', value: '45' },
        { name: 'denominator', value: '10000' },
        { name: 'exclusions', value: '0' },
        { name: 'per', value: '1000' },
        { name: 'status', value: 'final' },
        { name: 'source', value: 'SUS extract' },
      ]),
    );
  });

  it('removes exclusions from the denominator: 45 / (10,000 − 1,000) × 1,000 = 5', () => {
    // (5 − 6) / (4 − 6) = 0.5
    const settlement = settle(build([falls]), [ratio('falls', '45', '10000', '1000')], { period: PERIOD });
    expect(metricOf(settlement, 'falls').measured).toBe('5');
    expect(metricOf(settlement, 'falls').score).toBe('0.5');
  });
});

describe('a percentage (per 100) from a numerator and denominator', () => {
  it('turns 72 / (100 − 4) × 100 into 75 %, scoring (75 − 60) / 20 = 0.75', () => {
    const settlement = settle(build([carePlans]), [ratio('care-plans', '72', '100', '4')], { period: PERIOD });
    expect(metricOf(settlement, 'care-plans').measured).toBe('75');
    expect(metricOf(settlement, 'care-plans').score).toBe('0.75');
  });

  it('keeps 18 decimal places: 1 / 3 × 100 = 33.333333333333333333', () => {
    const settlement = settle(build([carePlans]), [ratio('care-plans', '1', '3')], { period: PERIOD });
    expect(metricOf(settlement, 'care-plans').measured).toBe('33.333333333333333333');
    expect(metricOf(settlement, 'care-plans').score).toBe('0');
  });
});

describe('numerator and denominator that cannot be used', () => {
  const codes = (metrics: MetricInput[], measurements: MeasurementInput[]) => {
    try {
      settle(build(metrics), measurements, { period: PERIOD });
    } catch (error) {
      expect(error).toBeInstanceOf(MeasurementError);
      return (error as MeasurementError).issues.map((i) => [i.path, i.code]);
    }
    return expect.unreachable();
  };

  it('rejects exclusions that leave nothing of the denominator', () => {
    expect(codes([falls], [ratio('falls', '0', '100', '100')])).toEqual([
      ['measurements[0].exclusions', 'exclusions_exceed_denominator'],
    ]);
  });

  it('rejects a numerator above the denominator less exclusions', () => {
    expect(codes([carePlans], [ratio('care-plans', '97', '100', '4')])).toEqual([
      ['measurements[0].numerator', 'numerator_exceeds_denominator'],
    ]);
  });

  it('rejects a ratio for a metric that declares no "per"', () => {
    expect(codes([linearMetric('plain', '60', '80')], [ratio('plain', '1', '2')])).toEqual([
      ['measurements[0]', 'missing_per'],
    ]);
  });

  it('rejects a measurement with both a value and a ratio', () => {
    expect(codes([carePlans], [{ ...ratio('care-plans', '72', '100'), value: '72' }])).toEqual([
      ['measurements[0]', 'value_or_ratio'],
    ]);
  });
});
