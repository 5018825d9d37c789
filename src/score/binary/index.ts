import * as z from 'zod';
import { Decimal } from '../../money/decimal.js';
import { decimalString, strictObject } from '../../base/schema.js';
import { atLeastAsGood, scoringRule, type ScoringRule } from '../rule.js';

export const schema = strictObject({
  type: z.literal('binary'),
  /** Met (score 1) when the measured value is at least as good as this; otherwise 0. */
  target: decimalString('binary target', '95'),
});
export type BinaryRule = z.infer<typeof schema>;

/**
 * Binary scoring: 1 when the target is met (at least as good as it, in the metric's direction),
 * otherwise 0. Exactly on the target counts as met.
 * @example
 * // higher-is-better, target 95: 95 scores 1, 94.99 scores 0
 */
export const binary: ScoringRule<BinaryRule> = scoringRule<BinaryRule>({
  type: 'binary',
  schema,
  check: () => [],
  prepare(rule, metric) {
    const target = Decimal.of(rule.target);
    const inputs = { target: rule.target };
    return (value) => ({
      score: atLeastAsGood(metric.direction, value, target) ? Decimal.ONE : Decimal.ZERO,
      formula: `${value.toPlainString()} ${metric.direction === 'higher-is-better' ? '≥' : '≤'} ${rule.target} ? 1 : 0`,
      inputs,
    });
  },
});
