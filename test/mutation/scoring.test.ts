import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/money/decimal.js';
import { checkScoring, prepareScoring, scoringSchema, type Scoring } from '../../src/score/index.js';
import type { MetricFacts } from '../../src/score/rule.js';

// Source of the rules: the doc comments and @examples of src/score/<rule>/index.ts (design.md
// section 2). The working (formula and inputs) is what the trace shows an auditor, so it is
// asserted in full; the problems are what validateContract reports, by path, code and message.

const higher: MetricFacts = { direction: 'higher-is-better' };
const lower: MetricFacts = { direction: 'lower-is-better' };
const working = (rule: Scoring, value: string, metric: MetricFacts) => {
  const { score, formula, inputs } = prepareScoring(rule, metric, 18)(Decimal.of(value));
  return { score: score.toPlainString(), formula, inputs };
};
const problems = (rule: Scoring, metric: MetricFacts) => checkScoring(rule, metric, 'm');

describe('linear', () => {
  it('shows its working: clamp((value − min) / (max − min), 0, 1)', () => {
    // (72.5 − 60) / (80 − 60) = 0.625
    expect(working({ type: 'linear', min: '60', max: '80' }, '72.5', higher)).toEqual({
      score: '0.625',
      formula: 'clamp((72.5 − 60) / (80 − 60), 0, 1)',
      inputs: { min: '60', max: '80' },
    });
  });

  it('explains thresholds against the direction in the direction’s words', () => {
    expect(problems({ type: 'linear', min: '80', max: '60' }, higher)).toEqual([
      {
        path: ['min'],
        code: 'thresholds_out_of_order',
        message:
          "metric 'm' is higher-is-better, so its min threshold (score 0) must be below its max threshold (score 1); got min 80, max 60",
      },
    ]);
    expect(problems({ type: 'linear', min: '100', max: '120' }, lower)).toEqual([
      {
        path: ['min'],
        code: 'thresholds_out_of_order',
        message:
          "metric 'm' is lower-is-better, so its min threshold (score 0, the worse value) must be above its max threshold (score 1); got min 100, max 120",
      },
    ]);
    // equal thresholds are out of order in either direction
    expect(problems({ type: 'linear', min: '70', max: '70' }, lower).map((p) => p.code)).toEqual([
      'thresholds_out_of_order',
    ]);
  });
});

describe('bands', () => {
  const rule: Scoring = {
    type: 'bands',
    bands: [
      { threshold: '80', score: '1' },
      { threshold: '70', score: '0.5' },
    ],
  };

  it('names the band reached, or says none is, with the table as written', () => {
    // higher is better: 75 reaches 70 (→ 0.5) but not 80; 69 reaches neither
    expect(working(rule, '75', higher)).toEqual({
      score: '0.5',
      formula: '75 reaches the band at 70 (bands 80 → 1, 70 → 0.5) → 0.5',
      inputs: { bands: '80 → 1, 70 → 0.5' },
    });
    expect(working(rule, '69', higher)).toEqual({
      score: '0',
      formula: '69 reaches no band (bands 80 → 1, 70 → 0.5) → 0',
      inputs: { bands: '80 → 1, 70 → 0.5' },
    });
  });

  it('takes the best band reached, whatever order the bands are listed in, in either direction', () => {
    // higher is better, 85 reaches both 70 and 80: the better, 80 → 1
    expect(working(rule, '85', higher).score).toBe('1');
    // lower is better, bands 10 → 1, 20 → 0.5: 15 reaches 20 only (15 ≤ 20, not ≤ 10) → 0.5; 5 → 1
    const lowerRule: Scoring = {
      type: 'bands',
      bands: [
        { threshold: '20', score: '0.5' },
        { threshold: '10', score: '1' },
      ],
    };
    expect(working(lowerRule, '15', lower).score).toBe('0.5');
    expect(working(lowerRule, '5', lower).score).toBe('1');
    expect(working(lowerRule, '25', lower).score).toBe('0');
  });

  it('reports a duplicate threshold and a better band that scores less, by path and in words', () => {
    const duplicate: Scoring = {
      type: 'bands',
      bands: [
        { threshold: '70', score: '0.5' },
        { threshold: '70.0', score: '1' },
      ],
    };
    expect(problems(duplicate, higher)).toEqual([
      {
        path: ['bands', 1, 'threshold'],
        code: 'duplicate_threshold',
        message: "metric 'm' has two bands with threshold 70.0",
      },
    ]);
    // higher is better: the band at 80 is better than the one at 70, so it must not score less
    const falling: Scoring = {
      type: 'bands',
      bands: [
        { threshold: '80', score: '0.25' },
        { threshold: '70', score: '0.5' },
      ],
    };
    expect(problems(falling, higher)).toEqual([
      {
        path: ['bands', 0, 'score'],
        code: 'bands_not_monotone',
        message:
          "metric 'm' is higher-is-better, so the band at 80 must not score less than the band at 70 (0.25 < 0.5)",
      },
    ]);
    // lower is better the same bands are in order: 70 is the better band and scores more
    expect(problems(falling, lower)).toEqual([]);
    // three bands in order, scores equal between neighbours, are fine
    const flat: Scoring = {
      type: 'bands',
      bands: [
        { threshold: '60', score: '0.5' },
        { threshold: '70', score: '0.5' },
        { threshold: '80', score: '1' },
      ],
    };
    expect(problems(flat, higher)).toEqual([]);
  });
});

describe('binary', () => {
  it('shows the comparison in the direction’s sign', () => {
    expect(working({ type: 'binary', target: '95' }, '96', higher)).toEqual({
      score: '1',
      formula: '96 ≥ 95 ? 1 : 0',
      inputs: { target: '95' },
    });
    expect(working({ type: 'binary', target: '4' }, '5', lower)).toEqual({
      score: '0',
      formula: '5 ≤ 4 ? 1 : 0',
      inputs: { target: '4' },
    });
    expect(problems({ type: 'binary', target: '4' }, lower)).toEqual([]);
  });
});

describe('improvement', () => {
  it('shows the change on the baseline in per cent and the clamp, in either direction', () => {
    // lower is better, baseline 200: 190 is (200 − 190) / 200 × 100 = 5 %; (5 − 0) / (10 − 0) = 0.5
    expect(working({ type: 'improvement', min: '0', max: '10' }, '190', { ...lower, baseline: '200' })).toEqual({
      score: '0.5',
      formula: 'improvement = (200 − 190) / 200 × 100 = 5 %; clamp((5 − 0) / (10 − 0), 0, 1)',
      inputs: { baseline: '200', improvementPercent: '5', min: '0', max: '10' },
    });
    // higher is better, baseline 50: 56 is (56 − 50) / 50 × 100 = 12 %; (12 − 2) / (22 − 2) = 0.5
    expect(working({ type: 'improvement', min: '2', max: '22' }, '56', { ...higher, baseline: '50' })).toEqual({
      score: '0.5',
      formula: 'improvement = (56 − 50) / 50 × 100 = 12 %; clamp((12 − 2) / (22 − 2), 0, 1)',
      inputs: { baseline: '50', improvementPercent: '12', min: '2', max: '22' },
    });
  });

  it('needs a baseline above zero and a min below the max, and says what it got', () => {
    expect(problems({ type: 'improvement', min: '0', max: '10' }, lower)).toEqual([
      {
        path: [],
        code: 'missing_baseline',
        message: "metric 'm' is scored on improvement, so it needs a baseline above zero",
      },
    ]);
    expect(problems({ type: 'improvement', min: '10', max: '5' }, { ...lower, baseline: '-3' })).toEqual([
      {
        path: [],
        code: 'missing_baseline',
        message: "metric 'm' is scored on improvement, so it needs a baseline above zero, got -3",
      },
      {
        path: ['min'],
        code: 'thresholds_out_of_order',
        message:
          "metric 'm' must have its min improvement (score 0) below its max improvement (score 1); got min 10 %, max 5 %",
      },
    ]);
    // a baseline just above zero, and a min just below the max, are fine
    expect(problems({ type: 'improvement', min: '9.9', max: '10' }, { ...lower, baseline: '0.01' })).toEqual([]);
  });
});

describe('gap-to-goal', () => {
  it('shows the achievement, target over value when lower is better', () => {
    // target 80, floor 50 %: 60 / 80 = 0.75; (0.75 − 0.5) / (1 − 0.5) = 0.5
    const higherWorking = working({ type: 'gap-to-goal', target: '80', floor: '50' }, '60', higher);
    expect(higherWorking.score).toBe('0.5');
    expect(higherWorking.formula).toBe('achievement = 60 / 80 = 0.75; clamp((0.75 − 0.5) / (1 − 0.5), 0, 1)');
    expect(higherWorking.inputs).toEqual({ target: '80', floorPercent: '50', achievement: '0.75' });
    // lower is better, target 30 days: 40 days achieves 30 / 40 = 0.75 → 0.5
    const lowerWorking = working({ type: 'gap-to-goal', target: '30', floor: '50' }, '40', lower);
    expect(lowerWorking.score).toBe('0.5');
    expect(lowerWorking.formula).toBe('achievement = 30 / 40 = 0.75; clamp((0.75 − 0.5) / (1 − 0.5), 0, 1)');
  });

  it('counts a value of zero or below as the goal met in full when lower is better', () => {
    expect(working({ type: 'gap-to-goal', target: '30', floor: '50' }, '0', lower).inputs.achievement).toBe('1');
    expect(working({ type: 'gap-to-goal', target: '30', floor: '50' }, '-1', lower).score).toBe('1');
  });

  it('needs the floor below 100 %, and says so with the floor', () => {
    expect(problems({ type: 'gap-to-goal', target: '80', floor: '100' }, higher)).toEqual([
      {
        path: ['floor'],
        code: 'thresholds_out_of_order',
        message: "metric 'm' has a gap-to-goal floor of 100 %, which must be below 100 % of the target",
      },
    ]);
  });
});

describe('the scoring schema', () => {
  it('names the rule types it knows when given another, or a value that is no object', () => {
    const message = (input: unknown) => scoringSchema.safeParse(input).error?.issues[0]?.message;
    expect(message({ type: 'curve' })).toBe(
      'scoring type must be one of "linear", "bands", "binary", "improvement", "gap-to-goal", got "curve"',
    );
    expect(message('linear')).toBe(
      'scoring type must be one of "linear", "bands", "binary", "improvement", "gap-to-goal", got "linear"',
    );
  });
});
