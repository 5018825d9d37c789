import * as z from 'zod';
import { figure, resultList, resultObject, traceRefs } from '../../base/trace.js';

/** A points scheme's result: per participant and indicator, achievement, points, value and payment. */
export const pointsSchemeResultSchema = resultObject({
  id: z.string(),
  name: z.string(),
  kind: z.literal('points'),
  payer: z.string(),
  participants: resultList(
    resultObject({
      party: z.string(),
      indicators: resultList(
        resultObject({
          id: z.string(),
          /** Achievement in per cent: numerator / (denominator − exclusions) × 100. */
          achievement: figure,
          numerator: figure.nullable(),
          denominator: figure.nullable(),
          /** The exclusions, shown separately (with their reasons when given). */
          exclusions: z.string().nullable(),
          points: figure,
          /** The value of a point for this indicator after its adjustment factors. */
          valuePerPoint: figure,
          payment: figure,
          trace: traceRefs(['achievement', 'points', 'payment']),
        }),
      ),
      total: figure,
    }),
  ),
  /** What the payer pays in all. */
  total: figure,
  /**
   * What the payer is charged (in) against the indicator payments as shown, summed over every
   * participant (out); the difference must be zero.
   */
  conservation: resultObject({ in: figure, out: figure, difference: figure }),
  trace: traceRefs(['total']),
});

export type PointsSchemeResult = z.infer<typeof pointsSchemeResultSchema>;
