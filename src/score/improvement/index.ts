import * as z from 'zod';
import { Decimal } from '../../money/decimal.js';
import { decimalString, strictObject } from '../../base/schema.js';
import { scoringRule, type RuleProblem, type ScoringRule } from '../rule.js';

export const schema = strictObject({
  type: z.literal('improvement'),
  /** Improvement on the baseline, in per cent, at which the score is 0 (and below which it stays 0). */
  min: decimalString('improvement min (per cent)', '0'),
  /** Improvement on the baseline, in per cent, at which the score reaches 1. */
  max: decimalString('improvement max (per cent)', '10'),
});
export type ImprovementRule = z.infer<typeof schema>;

/**
 * Improvement scoring: the relative change against the metric's baseline, in per cent, counted
 * as improvement in the metric's direction, scored linearly from the min to the max improvement.
 *
 * improvement = (value − baseline) / baseline × 100 (higher-is-better), (baseline − value) / baseline × 100 (lower-is-better);
 * score = clamp((improvement − min) / (max − min), 0, 1)
 * @example
 * // lower-is-better, baseline 200, min 0 %, max 10 %: 190 is a 5 % improvement and scores 0.5
 */
export const improvement: ScoringRule<ImprovementRule> = scoringRule<ImprovementRule>({
  type: 'improvement',
  schema,
  check(rule, metric, metricId) {
    const problems: RuleProblem[] = [];
    const baseline = Decimal.parse(metric.baseline);
    if (!baseline || baseline.sign() <= 0) {
      problems.push({
        path: [],
        code: 'missing_baseline',
        message: `metric '${metricId}' is scored on improvement, so it needs a baseline above zero${metric.baseline === undefined ? '' : `, got ${metric.baseline}`}`,
      });
    }
    if (Decimal.of(rule.min).gte(Decimal.of(rule.max))) {
      problems.push({
        path: ['min'],
        code: 'thresholds_out_of_order',
        message: `metric '${metricId}' must have its min improvement (score 0) below its max improvement (score 1); got min ${rule.min} %, max ${rule.max} %`,
      });
    }
    return problems;
  },
  prepare(rule, metric, places) {
    const baseline = Decimal.of(metric.baseline);
    const min = Decimal.of(rule.min);
    const span = Decimal.of(rule.max).minus(min);
    return (value) => {
      const change = metric.direction === 'higher-is-better' ? value.minus(baseline) : baseline.minus(value);
      const percent = change.times(Decimal.HUNDRED).dividedBy(baseline, places);
      const raw = percent.minus(min).dividedBy(span, places);
      return {
        score: Decimal.clamp(raw, Decimal.ZERO, Decimal.ONE),
        formula: `improvement = ${metric.direction === 'higher-is-better' ? `(${value.toPlainString()} − ${baseline.toPlainString()})` : `(${baseline.toPlainString()} − ${value.toPlainString()})`} / ${baseline.toPlainString()} × 100 = ${percent.toPlainString()} %; clamp((${percent.toPlainString()} − ${rule.min}) / (${rule.max} − ${rule.min}), 0, 1)`,
        inputs: {
          baseline: baseline.toString(),
          improvementPercent: percent.toPlainString(),
          min: rule.min,
          max: rule.max,
        },
      };
    };
  },
});
