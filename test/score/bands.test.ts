import { describe, expect, it } from 'vitest';
import { settle } from '../../src/index.js';
import { Decimal } from '../../src/money/decimal.js';
import { bands, type BandsRule } from '../../src/score/bands/index.js';
import type { MetricFacts } from '../../src/score/rule.js';
import { commissioner, contract, expectConserved, metricOf, PERIOD, provider, value } from '../golden/helpers.js';

// Source of the rule: src/score/bands/index.ts (doc comment and @example) and design.md section 2
// ("bands (tiers)"): the score of the best band whose threshold the measured value reaches (at
// least as good as it, in the metric's direction); 0 below every band.

const higher: MetricFacts = { direction: 'higher-is-better' };
const lower: MetricFacts = { direction: 'lower-is-better' };
const score = (r: BandsRule, measured: string, facts: MetricFacts) =>
  bands.score(r, Decimal.parse(measured)!, facts, 18).score.toPlainString();

describe('banded scoring, higher is better: 70 → 0.5, 80 → 1', () => {
  const r: BandsRule = {
    type: 'bands',
    bands: [
      { threshold: '70', score: '0.5' },
      { threshold: '80', score: '1' },
    ],
  };

  it('scores 0 below every band', () => {
    // 69 < 70, the lowest threshold: no band reached
    expect(score(r, '69', higher)).toBe('0');
    expect(score(r, '69.99', higher)).toBe('0');
    expect(bands.score(r, Decimal.parse('69')!, higher, 18).formula).toContain('reaches no band');
  });

  it('reaches a band when the threshold is met exactly', () => {
    // 70 ≥ 70 → band 70 → 0.5; 80 ≥ 80 → band 80 → 1
    expect(score(r, '70', higher)).toBe('0.5');
    expect(score(r, '80', higher)).toBe('1');
    // "80.00" is the same number as "80", whatever its written scale
    expect(score(r, '80.00', higher)).toBe('1');
  });

  it('stays in the lower band just short of the next threshold, and in the top band above it', () => {
    expect(score(r, '79.9', higher)).toBe('0.5');
    expect(score(r, '100', higher)).toBe('1');
  });

  it('does not depend on the order the bands are listed in', () => {
    const reversed: BandsRule = { type: 'bands', bands: [...r.bands].reverse() };
    for (const measured of ['69', '70', '79.9', '80', '100']) {
      expect(score(reversed, measured, higher)).toBe(score(r, measured, higher));
    }
  });
});

describe('banded scoring, lower is better: at most 10 → 0.25, 8 → 0.5, 5 → 1', () => {
  const r: BandsRule = {
    type: 'bands',
    bands: [
      { threshold: '5', score: '1' },
      { threshold: '10', score: '0.25' },
      { threshold: '8', score: '0.5' },
    ],
  };

  it('scores 0 above (worse than) every band', () => {
    expect(score(r, '10.1', lower)).toBe('0');
  });

  it('reaches each band exactly at its threshold', () => {
    // 10 ≤ 10 → 0.25; 8 ≤ 8 → 0.5 (the best band reached); 5 ≤ 5 → 1
    expect(score(r, '10', lower)).toBe('0.25');
    expect(score(r, '8', lower)).toBe('0.5');
    expect(score(r, '5', lower)).toBe('1');
  });

  it('scores values between thresholds with the worse band, and values below the best threshold 1', () => {
    expect(score(r, '9', lower)).toBe('0.25');
    expect(score(r, '5.5', lower)).toBe('0.5');
    expect(score(r, '0', lower)).toBe('1');
  });
});

describe('banded scoring: declaration checks', () => {
  it('rejects two bands with the same threshold', () => {
    const r: BandsRule = {
      type: 'bands',
      bands: [
        { threshold: '70', score: '0.5' },
        { threshold: '70.0', score: '1' },
      ],
    };
    expect(bands.check(r, higher, 'm').map((p) => p.code)).toEqual(['duplicate_threshold']);
  });

  it('rejects a better band that scores less than a worse one, in the metric’s direction', () => {
    const r: BandsRule = {
      type: 'bands',
      bands: [
        { threshold: '70', score: '1' },
        { threshold: '80', score: '0.5' },
      ],
    };
    expect(bands.check(r, higher, 'm').map((p) => p.code)).toEqual(['bands_not_monotone']);
    // the same bands are fine when lower is better (70 is then the better threshold)
    expect(bands.check(r, lower, 'm')).toEqual([]);
  });
});

describe('banded scoring through settle', () => {
  it('scores a measured value exactly on a threshold with that band', () => {
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
              {
                id: 'care-plans',
                name: 'Care plans in place',
                unit: '%',
                direction: 'higher-is-better',
                scoring: {
                  type: 'bands',
                  bands: [
                    { threshold: '70', score: '0.5' },
                    { threshold: '80', score: '1' },
                  ],
                },
              },
            ],
            unearned: { to: 'commissioner', party: 'icb' },
          },
        ],
      }),
      [value('care-plans', '70')],
      { period: PERIOD },
    );
    // 70 reaches the 70 band: 0.5; one metric, weight 1: £1,000.00 × 0.5 = £500.00
    expect(metricOf(settlement, 'care-plans').score).toBe('0.5');
    expect(settlement.pools[0]!.earnedByScore).toBe('500.00');
    expectConserved(settlement);
  });
});
