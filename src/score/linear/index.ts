import * as z from 'zod';
import { Decimal } from '../../money/decimal.js';
import { decimalString, strictObject } from '../../base/schema.js';
import { scoringRule, type ScoringRule } from '../rule.js';

export const schema = strictObject({
  type: z.literal('linear'),
  /** The measured value at which the score is 0 (and stays 0 for anything worse). */
  min: decimalString('linear min threshold', '60'),
  /** The measured value at which the score reaches 1 (and stays 1 for anything better). */
  max: decimalString('linear max threshold', '80'),
});
export type LinearRule = z.infer<typeof schema>;

/**
 * Linear scoring: 0 at the min threshold, 1 at the max threshold, a straight line between, held
 * at 0 and 1 outside. For a lower-is-better metric the min threshold is the higher number.
 *
 * score = clamp((value − min) / (max − min), 0, 1)
 * @example
 * // min 60 %, max 80 %: 72.5 % scores (72.5 − 60) / (80 − 60) = 0.625
 * // lower-is-better, min (worst) 120, max (best) 100: 104 scores (104 − 120) / (100 − 120) = 0.8
 */
export const linear: ScoringRule<LinearRule> = scoringRule<LinearRule>({
  type: 'linear',
  schema,
  check(rule, metric, metricId) {
    const min = Decimal.of(rule.min);
    const max = Decimal.of(rule.max);
    const higher = metric.direction === 'higher-is-better';
    if (min.eq(max) || (higher ? min.gt(max) : min.lt(max))) {
      return [
        {
          path: ['min'],
          code: 'thresholds_out_of_order',
          message: higher
            ? `metric '${metricId}' is higher-is-better, so its min threshold (score 0) must be below its max threshold (score 1); got min ${rule.min}, max ${rule.max}`
            : `metric '${metricId}' is lower-is-better, so its min threshold (score 0, the worse value) must be above its max threshold (score 1); got min ${rule.min}, max ${rule.max}`,
        },
      ];
    }
    return [];
  },
  prepare(rule, _metric, places) {
    const min = Decimal.of(rule.min);
    const span = Decimal.of(rule.max).minus(min);
    const inputs = { min: rule.min, max: rule.max };
    return (value) => ({
      score: Decimal.clamp(value.minus(min).dividedBy(span, places), Decimal.ZERO, Decimal.ONE),
      formula: `clamp((${value.toPlainString()} − ${rule.min}) / (${rule.max} − ${rule.min}), 0, 1)`,
      inputs,
    });
  },
});
