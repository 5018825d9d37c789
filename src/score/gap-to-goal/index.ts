import * as z from 'zod';
import { Decimal } from '../../money/decimal.js';
import { percentage, positiveDecimal, strictObject } from '../../base/schema.js';
import { scoringRule, type ScoringRule } from '../rule.js';

export const schema = strictObject({
  type: z.literal('gap-to-goal'),
  /** The goal: achieving it (or better) scores 1. */
  target: positiveDecimal('gap-to-goal target', '90'),
  /** Achievement, in per cent of the target, at or below which the score is 0. */
  floor: percentage('gap-to-goal floor (per cent of target)'),
});
export type GapToGoalRule = z.infer<typeof schema>;

/**
 * Gap-to-goal scoring: achievement as a fraction of the target (value / target, or target /
 * value when lower is better), 0 at or below the floor fraction, 1 at the target, linear between.
 *
 * score = clamp((achievement − floor) / (1 − floor), 0, 1)
 * @example
 * // target 80, floor 50 %: 60 is 75 % of the target and scores (0.75 − 0.5) / (1 − 0.5) = 0.5
 */
export const gapToGoal: ScoringRule<GapToGoalRule> = scoringRule<GapToGoalRule>({
  type: 'gap-to-goal',
  schema,
  check(rule, _metric, metricId) {
    if (Decimal.of(rule.floor).gte(Decimal.HUNDRED)) {
      return [
        {
          path: ['floor'],
          code: 'thresholds_out_of_order',
          message: `metric '${metricId}' has a gap-to-goal floor of ${rule.floor} %, which must be below 100 % of the target`,
        },
      ];
    }
    return [];
  },
  prepare(rule, metric, places) {
    const target = Decimal.of(rule.target);
    const floor = Decimal.of(rule.floor).dividedBy(Decimal.HUNDRED, places);
    const above = Decimal.ONE.minus(floor);
    const higher = metric.direction === 'higher-is-better';
    return (value) => {
      // Lower is better: a value at or below zero cannot be beaten, so it achieves the goal in full.
      const achievement = higher
        ? value.dividedBy(target, places)
        : value.sign() <= 0
          ? Decimal.ONE
          : target.dividedBy(value, places);
      const raw = achievement.minus(floor).dividedBy(above, places);
      return {
        score: Decimal.clamp(raw, Decimal.ZERO, Decimal.ONE),
        formula: `achievement = ${higher ? `${value.toPlainString()} / ${rule.target}` : `${rule.target} / ${value.toPlainString()}`} = ${achievement.toPlainString()}; clamp((${achievement.toPlainString()} − ${floor.toPlainString()}) / (1 − ${floor.toPlainString()}), 0, 1)`,
        inputs: { target: rule.target, floorPercent: rule.floor, achievement: achievement.toPlainString() },
      };
    };
  },
});
