import { describe, expect, it } from 'vitest';
import { settle } from '../../src/index.js';
import { Decimal } from '../../src/money/decimal.js';
import { improvement, type ImprovementRule } from '../../src/score/improvement/index.js';
import type { MetricFacts } from '../../src/score/rule.js';
import { commissioner, contract, expectConserved, metricOf, PERIOD, provider, value } from '../golden/helpers.js';

// Source of the rule: src/score/improvement/index.ts (doc comment and @example) and design.md
// section 2 ("improvement (vs baseline)"):
//   improvement % = (value − baseline) / baseline × 100 (higher is better),
//                   (baseline − value) / baseline × 100 (lower is better);
//   score = clamp((improvement − min) / (max − min), 0, 1)

const rule = (min: string, max: string): ImprovementRule => ({ type: 'improvement', min, max });
const score = (r: ImprovementRule, measured: string, facts: MetricFacts) =>
  improvement.score(r, Decimal.parse(measured)!, facts, 18).score.toPlainString();

describe('improvement scoring, lower is better, baseline 200, min 0 %, max 10 %', () => {
  const facts: MetricFacts = { direction: 'lower-is-better', baseline: '200' };
  const r = rule('0', '10');

  it('scores 190 (a 5 % improvement) as 0.5', () => {
    // (200 − 190) / 200 × 100 = 5 %; (5 − 0) / (10 − 0) = 0.5
    expect(score(r, '190', facts)).toBe('0.5');
    const working = improvement.score(r, Decimal.parse('190')!, facts, 18);
    expect(working.inputs.improvementPercent).toBe('5');
    expect(working.inputs.baseline).toBe('200');
  });

  it('scores no change, and a change for the worse, as 0', () => {
    // (200 − 200) / 200 = 0 % → 0; (200 − 210) / 200 × 100 = −5 % → clamped to 0
    expect(score(r, '200', facts)).toBe('0');
    expect(score(r, '210', facts)).toBe('0');
  });

  it('scores the max improvement and beyond as 1', () => {
    // (200 − 180) / 200 × 100 = 10 % → 1; (200 − 150) / 200 × 100 = 25 % → clamped to 1
    expect(score(r, '180', facts)).toBe('1');
    expect(score(r, '150', facts)).toBe('1');
  });

  it('measures from a min improvement other than 0', () => {
    // min 2 %, max 10 %: 190 is 5 %; (5 − 2) / (10 − 2) = 3 / 8 = 0.375
    expect(score(rule('2', '10'), '190', facts)).toBe('0.375');
    // 196 is 2 % exactly: score 0
    expect(score(rule('2', '10'), '196', facts)).toBe('0');
  });
});

describe('improvement scoring, higher is better, baseline 50, min 0 %, max 20 %', () => {
  const facts: MetricFacts = { direction: 'higher-is-better', baseline: '50' };

  it('scores 55 (a 10 % improvement) as 0.5', () => {
    // (55 − 50) / 50 × 100 = 10 %; 10 / 20 = 0.5
    expect(score(rule('0', '20'), '55', facts)).toBe('0.5');
  });

  it('scores a fall (worse) as 0 and a 20 % rise as 1', () => {
    expect(score(rule('0', '20'), '45', facts)).toBe('0');
    expect(score(rule('0', '20'), '60', facts)).toBe('1');
  });
});

describe('improvement scoring: declaration checks', () => {
  it('needs a baseline above zero', () => {
    expect(improvement.check(rule('0', '10'), { direction: 'lower-is-better' }, 'm').map((p) => p.code)).toEqual([
      'missing_baseline',
    ]);
    expect(
      improvement.check(rule('0', '10'), { direction: 'lower-is-better', baseline: '0' }, 'm').map((p) => p.code),
    ).toEqual(['missing_baseline']);
  });

  it('needs the min improvement below the max', () => {
    expect(
      improvement.check(rule('10', '10'), { direction: 'lower-is-better', baseline: '200' }, 'm').map((p) => p.code),
    ).toEqual(['thresholds_out_of_order']);
  });
});

describe('improvement scoring through settle', () => {
  it('takes the baseline from the metric: 190 against 200 scores 0.5', () => {
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
                id: 'admissions',
                name: 'Emergency admissions',
                unit: 'admissions',
                direction: 'lower-is-better',
                baseline: '200',
                scoring: { type: 'improvement', min: '0', max: '10' },
              },
            ],
            unearned: { to: 'commissioner', party: 'icb' },
          },
        ],
      }),
      [value('admissions', '190')],
      { period: PERIOD },
    );
    expect(metricOf(settlement, 'admissions').score).toBe('0.5');
    // £1,000.00 × 0.5 = £500.00
    expect(settlement.pools[0]!.earnedByScore).toBe('500.00');
    expectConserved(settlement);
  });
});
