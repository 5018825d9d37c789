import type { PointsScheme } from './schema.js';
import { signedShares, type PoolKind } from '../kind.js';
import { cutPointsScheme } from './cut.js';
import { settlePointsScheme } from './settle.js';

/**
 * Points schemes: indicators worth points between two achievement thresholds, each point worth
 * a declared sum (adjusted by declared factors), paid by the scheme's payer.
 * @example
 * // 20 points available from 40 % to 80 %: 70 % achieves 15 points; at £200.00 a point, £3,000.00
 */
export const pointsSchemes: PoolKind<PointsScheme> = {
  kind: 'points',
  reads(pool, into) {
    // an indicator's achievement is a percentage: numerator / (denominator − exclusions) × 100
    for (const indicator of pool.indicators) {
      into.measures.add(indicator.measure);
      into.perOf.set(indicator.measure, indicator.per ?? '100');
      for (const factor of indicator.adjustments ?? []) into.measures.add(factor.measure);
    }
  },
  cut: cutPointsScheme,
  settle: (pool, ctx) =>
    signedShares(settlePointsScheme(pool, ctx), 'pricedOutcomes', (into, result) => into.pointsSchemes.push(result)),
};
