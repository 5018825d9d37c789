import { itemAt } from '../../base/lookup.js';
import * as z from 'zod';
import { Decimal } from '../../money/decimal.js';
import { decimalString, unitInterval, strictObject } from '../../base/schema.js';
import { atLeastAsGood, scoringRule, type RuleProblem, type ScoringRule } from '../rule.js';

const band = strictObject({
  /** The band is reached when the measured value is at least as good as this. */
  threshold: decimalString('band threshold', '70'),
  score: unitInterval('band score'),
});
export const schema = strictObject({
  type: z.literal('bands'),
  bands: z.array(band).min(1, { error: 'bands needs at least one band' }),
});
export type BandsRule = z.infer<typeof schema>;

/** Bands from the worst threshold to the best, in the metric's direction. */
function ordered(rule: BandsRule, higher: boolean) {
  return rule.bands
    .map((b, index) => ({ index, threshold: Decimal.of(b.threshold), score: Decimal.of(b.score), band: b }))
    .sort((a, b) => (higher ? a.threshold.compare(b.threshold) : b.threshold.compare(a.threshold)));
}

/**
 * Banded (tiered) scoring: the score of the best band whose threshold the value reaches (at least
 * as good as it, in the metric's direction); 0 below every band. Better bands may not score less.
 * @example
 * // higher-is-better, bands 70 → 0.5, 80 → 1: 69 scores 0, 70 scores 0.5, 79.9 scores 0.5, 80 scores 1
 */
export const bands: ScoringRule<BandsRule> = scoringRule<BandsRule>({
  type: 'bands',
  schema,
  check(rule, metric, metricId) {
    const problems: RuleProblem[] = [];
    const list = ordered(rule, metric.direction === 'higher-is-better');
    for (let i = 1; i < list.length; i++) {
      const worse = itemAt(list, i - 1);
      const better = itemAt(list, i);
      if (worse.threshold.eq(better.threshold)) {
        problems.push({
          path: ['bands', better.index, 'threshold'],
          code: 'duplicate_threshold',
          message: `metric '${metricId}' has two bands with threshold ${better.band.threshold}`,
        });
      } else if (better.score.lt(worse.score)) {
        problems.push({
          path: ['bands', better.index, 'score'],
          code: 'bands_not_monotone',
          message: `metric '${metricId}' is ${metric.direction}, so the band at ${better.band.threshold} must not score less than the band at ${worse.band.threshold} (${better.band.score} < ${worse.band.score})`,
        });
      }
    }
    return problems;
  },
  prepare(rule, metric) {
    const list = ordered(rule, metric.direction === 'higher-is-better');
    const table = rule.bands.map((b) => `${b.threshold} → ${b.score}`).join(', ');
    return (value) => {
      let reached: (typeof list)[number] | undefined;
      for (const b of list) {
        if (atLeastAsGood(metric.direction, value, b.threshold)) reached = b;
      }
      return {
        score: reached ? reached.score : Decimal.ZERO,
        formula: reached
          ? `${value.toPlainString()} reaches the band at ${reached.band.threshold} (bands ${table}) → ${reached.band.score}`
          : `${value.toPlainString()} reaches no band (bands ${table}) → 0`,
        inputs: { bands: table },
      };
    };
  },
});
