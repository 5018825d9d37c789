import * as z from 'zod';
import { show } from '../base/errors.js';
import { decimalString, id, isoDate, nonNegativeDecimal, positiveDecimal, text, strictObject } from '../base/schema.js';

/**
 * One measured value of a metric (or of a gateway's measure) for one settlement period: a value,
 * or a numerator and denominator (less exclusions) turned into the metric's unit with its `per`.
 */
export const measurementSchema = strictObject({
  /** A metric id, or a gateway's measure id. */
  metric: id('measurement metric'),
  period: id('measurement period'),
  /** For measures taken per provider (a provider-scope gateway). */
  party: id('measurement party').optional(),
  /** For counts by cohort (a rate card's prices or caps per cohort). */
  cohort: id('measurement cohort').optional(),
  /** For counts per person (a rate card's caps per person): a pseudonymous id, never a name. */
  person: id('measurement person').optional(),
  value: decimalString('measured value', '72.5').optional(),
  numerator: nonNegativeDecimal('numerator', '725').optional(),
  denominator: positiveDecimal('denominator', '1000').optional(),
  /**
   * Cases removed from the denominator (exception reporting), shown separately in the trace: a
   * count, or counts by reason (`{ "declined": "100", "unsuitable": "100" }`).
   */
  exclusions: z
    .union([nonNegativeDecimal('exclusions', '12'), z.record(z.string(), nonNegativeDecimal('exclusions', '12'))], {
      error: 'exclusions must be a count such as "12", or counts by reason such as { "declined": "12" }',
    })
    .optional(),
  status: z.enum(['provisional', 'final'], {
    error: (issue) =>
      `measurement status must be "provisional" or "final"; ${issue.input === undefined ? 'must be given' : `got ${show(issue.input)}`}`,
  }),
  /**
   * Which issue of this figure it is: 1 (default) for the first, 2 for its first restatement, and
   * so on. Superseded revisions stay in the file; a settlement uses the highest revision given.
   */
  revision: z
    .int({ error: 'revision must be a whole number' })
    .min(1, { error: 'revision must be 1 or more' })
    .optional(),
  /** The day the figure was received: a settlement `knownAt` an earlier date does not use it. */
  received: isoDate('received date').optional(),
  /** Where the figure comes from (a data set, an extract, a report). */
  source: text('measurement source').optional(),
  note: text('measurement note').optional(),
});

export type MeasurementInput = z.input<typeof measurementSchema>;
export type Measurement = z.infer<typeof measurementSchema>;

/** The total of a measurement's exclusions (0 when none). */
export function exclusionsTotal(m: Pick<Measurement, 'exclusions'>): string {
  if (m.exclusions === undefined) return '0';
  if (typeof m.exclusions === 'string') return m.exclusions;
  let total = 0n;
  let scale = 0;
  const parts = Object.values(m.exclusions).map((v) => {
    const [whole = '0', fraction = ''] = v.split('.');
    scale = Math.max(scale, fraction.length);
    return { whole, fraction };
  });
  for (const { whole, fraction } of parts) total += BigInt(whole + fraction.padEnd(scale, '0'));
  const digits = total.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The exclusions in words: "200 (declined 100, unsuitable 100)". */
export function exclusionsText(m: Pick<Measurement, 'exclusions'>): string {
  if (m.exclusions === undefined || typeof m.exclusions === 'string') return exclusionsTotal(m);
  const reasons = Object.keys(m.exclusions).sort();
  return `${exclusionsTotal(m)} (${reasons.map((r) => `${r} ${(m.exclusions as Record<string, string>)[r]}`).join(', ')})`;
}
