import * as z from 'zod';
import { show } from '../errors.js';
import { decimalString, id, nonNegativeDecimal, positiveDecimal, text } from '../contract/primitives.js';

/**
 * One measured value of a metric (or of a gateway's measure) for one settlement period: a value,
 * or a numerator and denominator (less exclusions) turned into the metric's unit with its `per`.
 */
export const measurementSchema = z.strictObject({
  /** A metric id, or a gateway's measure id. */
  metric: id('measurement metric'),
  period: id('measurement period'),
  /** For measures taken per provider (a provider-scope gateway). */
  party: id('measurement party').optional(),
  value: decimalString('measured value', '72.5').optional(),
  numerator: nonNegativeDecimal('numerator', '725').optional(),
  denominator: positiveDecimal('denominator', '1000').optional(),
  /** Cases removed from the denominator (exception reporting); shown separately in the trace. */
  exclusions: nonNegativeDecimal('exclusions', '12').optional(),
  status: z.enum(['provisional', 'final'], {
    error: (issue) =>
      `measurement status must be "provisional" or "final"; ${issue.input === undefined ? 'must be given' : `got ${show(issue.input)}`}`,
  }),
  /** Where the figure comes from (a data set, an extract, a report). */
  source: text('measurement source').optional(),
  note: text('measurement note').optional(),
});

export type MeasurementInput = z.input<typeof measurementSchema>;
export type Measurement = z.infer<typeof measurementSchema>;
