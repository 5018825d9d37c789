import { describe, expect, it } from 'vitest';
import { settle } from '../../src/index.js';
import { Decimal } from '../../src/money/decimal.js';
import { linear, type LinearRule } from '../../src/score/linear/index.js';
import type { MetricFacts } from '../../src/score/rule.js';
import {
  commissioner,
  contract,
  expectConserved,
  linearMetric,
  metricOf,
  PERIOD,
  provider,
  value,
} from '../golden/helpers.js';

// Source of the rule: src/score/linear/index.ts (doc comment and @example) and design.md section 2
// ("linear (min to max threshold)"): score = clamp((value − min) / (max − min), 0, 1), where for a
// lower-is-better metric the min threshold (score 0) is the higher, worse, number.
// Required figures: the issue (60 % → 80 %: 72.5 scores 0.625; lower-is-better 120 → 100: 104 scores 0.8).

const higher: MetricFacts = { direction: 'higher-is-better' };
const lower: MetricFacts = { direction: 'lower-is-better' };
const rule = (min: string, max: string): LinearRule => ({ type: 'linear', min, max });
const score = (r: LinearRule, measured: string, facts: MetricFacts) =>
  linear.score(r, Decimal.parse(measured)!, facts, 18).score.toPlainString();

describe('linear scoring, higher is better, min 60 %, max 80 %', () => {
  const r = rule('60', '80');

  it('scores 72.5 as 0.625', () => {
    // (72.5 − 60) / (80 − 60) = 12.5 / 20 = 0.625
    expect(score(r, '72.5', higher)).toBe('0.625');
  });

  it('scores exactly the min threshold, and anything worse, as 0', () => {
    // (60 − 60) / 20 = 0; (59.9 − 60) / 20 = −0.005, clamped to 0
    expect(score(r, '60', higher)).toBe('0');
    expect(score(r, '59.9', higher)).toBe('0');
    expect(score(r, '0', higher)).toBe('0');
  });

  it('scores exactly the max threshold, and anything better, as 1', () => {
    // (80 − 60) / 20 = 1; (95 − 60) / 20 = 1.75, clamped to 1
    expect(score(r, '80', higher)).toBe('1');
    expect(score(r, '95', higher)).toBe('1');
  });

  it('keeps 18 decimal places (half-even) for a ratio that does not terminate', () => {
    // min 0, max 3: 1 / 3 = 0.333333333333333333 (18 places)
    expect(score(rule('0', '3'), '1', higher)).toBe('0.333333333333333333');
    // and 2 / 3 = 0.666…6667 rounded half-even at the 18th place
    expect(score(rule('0', '3'), '2', higher)).toBe('0.666666666666666667');
  });

  it('shows its working with the figures put in', () => {
    const working = linear.score(r, Decimal.parse('72.5')!, higher, 18);
    expect(working.inputs).toEqual({ min: '60', max: '80' });
    expect(working.formula).toContain('72.5');
    expect(working.formula).toContain('60');
    expect(working.formula).toContain('80');
  });
});

describe('linear scoring, lower is better, min (worst) 120, max (best) 100', () => {
  const r = rule('120', '100');

  it('scores 104 as 0.8', () => {
    // (104 − 120) / (100 − 120) = −16 / −20 = 0.8
    expect(score(r, '104', lower)).toBe('0.8');
  });

  it('scores 120 and anything worse (higher) as 0, 100 and anything better (lower) as 1', () => {
    // (120 − 120) / −20 = 0; (125 − 120) / −20 = −0.25 → 0
    expect(score(r, '120', lower)).toBe('0');
    expect(score(r, '125', lower)).toBe('0');
    // (100 − 120) / −20 = 1; (90 − 120) / −20 = 1.5 → 1
    expect(score(r, '100', lower)).toBe('1');
    expect(score(r, '90', lower)).toBe('1');
  });
});

describe('linear scoring: declaration checks', () => {
  it('accepts thresholds ordered with the direction', () => {
    expect(linear.check(rule('60', '80'), higher, 'm')).toEqual([]);
    expect(linear.check(rule('120', '100'), lower, 'm')).toEqual([]);
  });

  it('rejects thresholds against the direction, or equal', () => {
    expect(linear.check(rule('80', '60'), higher, 'm').map((p) => p.code)).toEqual(['thresholds_out_of_order']);
    expect(linear.check(rule('100', '120'), lower, 'm').map((p) => p.code)).toEqual(['thresholds_out_of_order']);
    expect(linear.check(rule('70', '70'), higher, 'm').map((p) => p.code)).toEqual(['thresholds_out_of_order']);
  });
});

describe('linear scoring through settle', () => {
  it('scores the measured values as the rule does, in both directions', () => {
    const settlement = settle(
      contract({
        parties: [commissioner('icb'), provider('trust', '1000000.00')],
        pools: [
          {
            id: 'outcomes',
            kind: 'outcome',
            name: 'Outcomes',
            contributions: [{ party: 'icb', amount: '1000.00' }],
            metrics: [
              linearMetric('coverage', '60', '80'),
              linearMetric('waits', '120', '100', { direction: 'lower-is-better', unit: 'minutes' }),
            ],
            unearned: { to: 'commissioner', party: 'icb' },
          },
        ],
      }),
      [value('coverage', '72.5'), value('waits', '104')],
      { period: PERIOD },
    );
    expect(metricOf(settlement, 'coverage').score).toBe('0.625');
    expect(metricOf(settlement, 'waits').score).toBe('0.8');
    // equal weights 0.5 each: 0.5 × 0.625 + 0.5 × 0.8 = 0.7125; × £1,000.00 = £712.50
    expect(settlement.pools[0]!.score).toBe('0.7125');
    expect(settlement.pools[0]!.earnedByScore).toBe('712.50');
    expectConserved(settlement);
  });
});
