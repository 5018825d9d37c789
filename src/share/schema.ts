import * as z from 'zod';
import { amount, clause, exactlyOne, id, oneOf, percentage, strictObject } from '../base/schema.js';

/**
 * The schema pieces that several sharing steps use: the side a step applies to, a sharing rate,
 * a marginal band, a limit on an amount, and the id and clause every step carries. Built from
 * the building blocks of `base/schema.ts`.
 */

export const sides = ['gain', 'loss'] as const;

/** Which side a step applies to; left out, it applies to `fallback` (said in the description). */
export const appliesTo = (fallback: string) =>
  oneOf('side', ['gain', 'loss', 'both']).optional().describe(`Which side the step applies to (default ${fallback}).`);

/** One basis of a cap or limit: a sum, or a percentage of the budget or of the alliance's revenue. */
export const limitSchema = exactlyOne(
  strictObject({
    amount: amount('limit amount').optional(),
    percentOfBudget: percentage('percentage of budget').optional(),
    percentOfRevenue: percentage('percentage of revenue').optional(),
    clause,
  }),
  ['amount', 'percentOfBudget', 'percentOfRevenue'],
);

/** A sharing rate: a percentage (perhaps times a quality score) or, on the loss side, 1 − the gain rate. */
export const rateSchema = exactlyOne(
  strictObject({
    /** The sharing rate, in per cent of the amount shared. */
    percent: percentage('sharing rate').optional(),
    /** Multiply the rate by a quality score in [0, 1]: a measure's value, or an outcome pool's weighted score. */
    quality: exactlyOne(
      strictObject({
        measure: id('quality measure').optional(),
        pool: id('quality pool').optional(),
      }),
      ['measure', 'pool'],
    ).optional(),
    /** Loss side only: the loss rate is 1 − the gain rate (as worked out for the gain side). */
    oneMinusGain: z.literal(true, { error: 'oneMinusGain must be true when given' }).optional(),
    /** The rate is raised to at least this (per cent). */
    floor: percentage('rate floor').optional(),
    /** The rate is lowered to at most this (per cent). */
    ceiling: percentage('rate ceiling').optional(),
  }),
  ['percent', 'oneMinusGain'],
);

/** A marginal band: a slice of the amount, in per cent of the budget, and the share of it. */
export const bandSchema = strictObject({
  /** Where the slice starts, in per cent of the budget. */
  from: percentage('band start'),
  /** Where it ends, in per cent of the budget; leave out on the last band for "and above". */
  to: percentage('band end').optional(),
  /** The alliance's share of the slice, in per cent. */
  percent: percentage('band share'),
});

/** What every step declares: an id (named by the pool's order) and the clause that sets it. */
export const stepBase = { id: id('step id'), clause };

export type Limit = z.infer<typeof limitSchema>;
export type Rate = z.infer<typeof rateSchema>;
export type Band = z.infer<typeof bandSchema>;
