import { describe, expect, it } from 'vitest';
import { MeasurementError, settle } from '../../src/index.js';
import {
  commissioner,
  contract,
  expectConserved,
  linearMetric,
  metricOf,
  PERIOD,
  provider,
  value,
  type MetricInput,
} from './helpers.js';

/*
 * Worked example: a metric with no measurement for the period, under each missing-data policy.
 *
 * Source of the rules: src/contract/schema.ts (metric `missing`: "error" (default), "score-zero",
 * "exclude-and-reweight"); src/settle/types.ts (treatment: "score-zero (missing, scored 0 by
 * policy); excluded (missing, weight given to the others)"); the issue (weights 50/30/20 with the
 * 20 missing → 0.625/0.375).
 *
 * The pool: £100,000.00 from the ICB; three metrics, linear 60 → 80:
 *   access      weight 50 %, measured 80 → score 1
 *   experience  weight 30 %, measured 70 → score 0.5
 *   outcomes    weight 20 %, not measured
 */

const build = (missing: MetricInput['missing']) =>
  contract({
    parties: [commissioner('icb'), provider('trust', '2000000.00')],
    pools: [
      {
        id: 'outcomes-pool',
        kind: 'outcome',
        name: 'Outcomes pool',
        contributions: [{ party: 'icb', amount: '100000.00' }],
        metrics: [
          linearMetric('access', '60', '80', { weight: '50' }),
          linearMetric('experience', '60', '80', { weight: '30' }),
          linearMetric('outcomes', '60', '80', { weight: '20', ...(missing ? { missing } : {}) }),
        ],
        unearned: { to: 'commissioner', party: 'icb' },
      },
    ],
  });
const measured = [value('access', '80'), value('experience', '70')];

describe('missing measurement, policy "score-zero"', () => {
  /*
   * The missing metric keeps its weight and scores 0:
   *   0.5 × 1 + 0.3 × 0.5 + 0.2 × 0 = 0.65; £100,000.00 × 0.65 = £65,000.00
   *   parts at risk £50,000.00, £30,000.00, £20,000.00
   */
  const settlement = settle(build('score-zero'), measured, { period: PERIOD });

  it('scores the missing metric 0 and says so', () => {
    expect(metricOf(settlement, 'outcomes')).toMatchObject({
      measured: null,
      status: 'missing',
      treatment: 'score-zero',
      score: '0',
      weight: '0.2',
      atRisk: '20000.00',
      earnedByScore: '0.00',
    });
    expect(settlement.trace[metricOf(settlement, 'outcomes').trace.score]!.formula).toContain('score-zero');
    expect(metricOf(settlement, 'access').treatment).toBe('scored');
  });

  it('keeps the declared weights', () => {
    expect(metricOf(settlement, 'access').weight).toBe('0.5');
    expect(metricOf(settlement, 'experience').weight).toBe('0.3');
    expect(metricOf(settlement, 'access').atRisk).toBe('50000.00');
    expect(metricOf(settlement, 'experience').atRisk).toBe('30000.00');
  });

  it('earns £65,000.00; the ICB keeps £35,000.00', () => {
    const pool = settlement.pools[0]!;
    expect(pool.score).toBe('0.65');
    expect(pool.earnedByScore).toBe('65000.00');
    expect(pool.unearned).toBe('35000.00');
    expectConserved(settlement);
  });
});

describe('missing measurement, policy "exclude-and-reweight"', () => {
  /*
   * The missing metric is left out and its weight shared by the others, re-normalised:
   *   access 50 / (50 + 30) = 0.625; experience 30 / 80 = 0.375; outcomes 0
   *   0.625 × 1 + 0.375 × 0.5 = 0.8125; £100,000.00 × 0.8125 = £81,250.00
   *   parts at risk: £100,000.00 split 50 : 30 → £62,500.00 and £37,500.00; outcomes £0.00
   */
  const settlement = settle(build('exclude-and-reweight'), measured, { period: PERIOD });

  it('excludes the missing metric: weight 0, nothing at risk on it', () => {
    expect(metricOf(settlement, 'outcomes')).toMatchObject({
      measured: null,
      status: 'missing',
      treatment: 'excluded',
      score: '0',
      weight: '0',
      atRisk: '0.00',
      earnedByScore: '0.00',
    });
  });

  it('re-normalises the other weights over 80: 0.625 and 0.375', () => {
    expect(metricOf(settlement, 'access').weight).toBe('0.625');
    expect(metricOf(settlement, 'experience').weight).toBe('0.375');
    expect(metricOf(settlement, 'access').atRisk).toBe('62500.00');
    expect(metricOf(settlement, 'experience').atRisk).toBe('37500.00');
    expect(settlement.trace[metricOf(settlement, 'access').trace.weight]!.formula).toContain('reweighted');
  });

  it('earns £81,250.00; the ICB keeps £18,750.00', () => {
    const pool = settlement.pools[0]!;
    expect(pool.score).toBe('0.8125');
    expect(metricOf(settlement, 'access').earnedByScore).toBe('62500.00');
    expect(metricOf(settlement, 'experience').earnedByScore).toBe('18750.00');
    expect(pool.earnedByScore).toBe('81250.00');
    expect(pool.unearned).toBe('18750.00');
    expectConserved(settlement);
  });
});

describe('missing measurement, no policy declared ("error")', () => {
  it('stops the settlement with a missing_measurement issue', () => {
    try {
      settle(build(undefined), measured, { period: PERIOD });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MeasurementError);
      expect((error as MeasurementError).issues).toEqual([
        expect.objectContaining({ path: 'measurements', code: 'missing_measurement' }),
      ]);
      expect((error as MeasurementError).issues[0]!.message).toContain("'outcomes'");
    }
  });

  it('reports nothing_to_score when every metric is missing and excluded', () => {
    const everyMissing = contract({
      parties: [commissioner('icb'), provider('trust', '2000000.00')],
      pools: [
        {
          id: 'p',
          kind: 'outcome',
          name: 'Pool',
          contributions: [{ party: 'icb', amount: '100.00' }],
          metrics: [linearMetric('only', '60', '80', { missing: 'exclude-and-reweight' })],
          unearned: { to: 'commissioner', party: 'icb' },
        },
      ],
    });
    try {
      settle(everyMissing, [], { period: PERIOD });
      expect.unreachable();
    } catch (error) {
      expect((error as MeasurementError).issues.map((i) => i.code)).toEqual(['nothing_to_score']);
    }
  });
});
