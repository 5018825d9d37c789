import { describe, expect, it } from 'vitest';
import { settle } from '../../src/index.js';
import { Decimal } from '../../src/money/decimal.js';
import { gapToGoal, type GapToGoalRule } from '../../src/score/gap-to-goal/index.js';
import type { MetricFacts } from '../../src/score/rule.js';
import { commissioner, contract, expectConserved, metricOf, PERIOD, provider, value } from '../golden/helpers.js';

// Source of the rule: src/score/gap-to-goal/index.ts (doc comment and @example):
//   achievement = value / target (higher is better), target / value (lower is better);
//   score = clamp((achievement − floor) / (1 − floor), 0, 1), floor as a fraction of the target.
// Required figures: the issue (floor 50 % of target: 75 % of the target scores 0.5; 50 % and
// 40 % score 0; 100 % and 120 % score 1).

const higher: MetricFacts = { direction: 'higher-is-better' };
const lower: MetricFacts = { direction: 'lower-is-better' };
const rule = (target: string, floor: string): GapToGoalRule => ({ type: 'gap-to-goal', target, floor });
const score = (r: GapToGoalRule, measured: string, facts: MetricFacts) =>
  gapToGoal.score(r, Decimal.parse(measured)!, facts, 18).score.toPlainString();

describe('gap-to-goal, higher is better, target 80, floor 50 % of the target', () => {
  const r = rule('80', '50');

  it('scores 75 % of the target (60) as 0.5', () => {
    // achievement 60 / 80 = 0.75; (0.75 − 0.5) / (1 − 0.5) = 0.25 / 0.5 = 0.5
    expect(score(r, '60', higher)).toBe('0.5');
    expect(gapToGoal.score(r, Decimal.parse('60')!, higher, 18).inputs.achievement).toBe('0.75');
  });

  it('scores 50 % (the floor) and 40 % of the target as 0', () => {
    // 40 / 80 = 0.5 → (0.5 − 0.5) / 0.5 = 0; 32 / 80 = 0.4 → −0.2, clamped to 0
    expect(score(r, '40', higher)).toBe('0');
    expect(score(r, '32', higher)).toBe('0');
  });

  it('scores 100 % and 120 % of the target as 1', () => {
    // 80 / 80 = 1 → (1 − 0.5) / 0.5 = 1; 96 / 80 = 1.2 → 1.4, clamped to 1
    expect(score(r, '80', higher)).toBe('1');
    expect(score(r, '96', higher)).toBe('1');
  });
});

describe('gap-to-goal, lower is better, target 30 (days), floor 50 %', () => {
  const r = rule('30', '50');

  it('scores 40 days (75 % achievement) as 0.5', () => {
    // achievement 30 / 40 = 0.75; (0.75 − 0.5) / 0.5 = 0.5
    expect(score(r, '40', lower)).toBe('0.5');
  });

  it('scores 60 days (50 %) and 75 days (40 %) as 0', () => {
    // 30 / 60 = 0.5 → 0; 30 / 75 = 0.4 → −0.2 → 0
    expect(score(r, '60', lower)).toBe('0');
    expect(score(r, '75', lower)).toBe('0');
  });

  it('scores the target and better (25 days: 120 %) as 1, and a value of 0 as the goal met in full', () => {
    // 30 / 30 = 1 → 1; 30 / 25 = 1.2 → 1.4 → 1; 0 cannot be beaten → achievement 1 → 1
    expect(score(r, '30', lower)).toBe('1');
    expect(score(r, '25', lower)).toBe('1');
    expect(score(r, '0', lower)).toBe('1');
  });
});

describe('gap-to-goal: declaration checks', () => {
  it('needs the floor below 100 % of the target', () => {
    expect(gapToGoal.check(rule('80', '100'), higher, 'm').map((p) => p.code)).toEqual(['thresholds_out_of_order']);
    expect(gapToGoal.check(rule('80', '99.9'), higher, 'm')).toEqual([]);
  });
});

describe('gap-to-goal through settle', () => {
  it('scores 75 % of the target as 0.5 in a settlement, both directions', () => {
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
                id: 'screening',
                name: 'Screening uptake',
                unit: '%',
                direction: 'higher-is-better',
                scoring: { type: 'gap-to-goal', target: '80', floor: '50' },
              },
              {
                id: 'assessment-wait',
                name: 'Wait for assessment',
                unit: 'days',
                direction: 'lower-is-better',
                scoring: { type: 'gap-to-goal', target: '30', floor: '50' },
              },
            ],
            unearned: { to: 'commissioner', party: 'icb' },
          },
        ],
      }),
      [value('screening', '60'), value('assessment-wait', '60')],
      { period: PERIOD },
    );
    expect(metricOf(settlement, 'screening').score).toBe('0.5');
    expect(metricOf(settlement, 'assessment-wait').score).toBe('0');
    // 0.5 × 0.5 + 0.5 × 0 = 0.25; × £1,000.00 = £250.00
    expect(settlement.pools[0]!.earnedByScore).toBe('250.00');
    expectConserved(settlement);
  });
});
