import * as z from 'zod';
import {
  amount,
  orderFree,
  clause,
  direction,
  id,
  nonNegativeDecimal,
  positiveDecimal,
  text,
  strictObject,
} from '../../base/schema.js';

/**
 * A points scheme (like the Quality and Outcomes Framework or the Investment and Impact Fund):
 * each indicator is worth points, earned on a straight line between a lower and an upper
 * achievement threshold (the foundation's linear score times the points); each point is worth
 * a declared sum, adjusted per indicator for list size and prevalence; the payer pays each
 * participating provider what it earned. Where rounding happens is declared.
 */

/** Decimal places for one rounding: a whole number from 0 to 18 (a -0 read from JSON is refused, as "-0" is). */
const places = (what: string) =>
  z
    .int()
    .min(0)
    .max(18)
    .refine((n) => !Object.is(n, -0), {
      error: `rounding.${what} must be written without a minus sign when it is zero, got -0`,
      params: { code: 'negative_value' },
    });

const adjustmentFactorSchema = strictObject({
  /** What the factor stands for (for the trace): list size, prevalence, or another ratio. */
  kind: z.enum(['list-size', 'prevalence', 'other'], {
    error: 'adjustment kind must be "list-size", "prevalence" or "other"',
  }),
  /** The measure whose value per provider is the numerator of the factor. */
  measure: id('adjustment measure'),
  /** The reference value it is divided by (a reference list size, a national prevalence). */
  reference: positiveDecimal('adjustment reference', '10000'),
  clause,
});

const indicatorSchema = strictObject({
  id: id('indicator id'),
  name: text('indicator name'),
  /** Points available. */
  points: positiveDecimal('points available', '40'),
  /** higher-is-better (default) or lower-is-better (an admissions rate: fewer is better). */
  direction: direction.optional(),
  /** Achievement at which points start (nothing at or beyond it on the worse side). */
  lower: nonNegativeDecimal('lower threshold', '80'),
  /** Achievement at which every point is earned. */
  upper: nonNegativeDecimal('upper threshold', '86'),
  /** Achievement is numerator / (denominator − exclusions) × per: 100 (default) for per cent, 1000 per 1,000. */
  per: positiveDecimal('per', '100').optional(),
  /** The measure giving each provider's numerator, denominator and exclusions. */
  measure: id('indicator measure'),
  /** Factors that adjust the value of a point for this indicator, multiplied together. */
  adjustments: z.array(adjustmentFactorSchema).optional(),
  clause,
});

export const pointsSchemeSchema = strictObject({
  id: id('pool id'),
  kind: z.literal('points'),
  name: text('pool name'),
  /** The commissioner that pays. */
  payer: id('payer'),
  /** The providers paid under the scheme (default: every provider). */
  participants: orderFree(z.array(id('participant'))).optional(),
  /** What one point is worth, before adjustments. */
  valuePerPoint: amount('value per point'),
  indicators: orderFree(z.array(indicatorSchema).min(1, { error: 'a points scheme needs at least one indicator' })),
  /**
   * Where figures are rounded, in decimal places (published calculations of the same scheme
   * differ): points earned, each adjustment factor, the adjusted value of a point. The payment
   * is always rounded to the minor unit with the contract's mode.
   */
  rounding: z
    .strictObject({
      points: places('points').optional(),
      factor: places('factor').optional(),
      valuePerPoint: places('valuePerPoint').optional(),
    })
    .optional(),
  clause,
});

export type PointsScheme = z.infer<typeof pointsSchemeSchema>;
export type PointsSchemeInput = z.input<typeof pointsSchemeSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
