import * as z from 'zod';
import { amount, clause, exactlyOne, id, oneOf, ratePercent, strictObject, unitInterval } from '../base/schema.js';
import { show } from '../base/errors.js';
import { percentOfFraction } from '../base/decimal-text.js';

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
    percentOfBudget: ratePercent('percentage of budget').optional(),
    percentOfRevenue: ratePercent('percentage of revenue').optional(),
    clause,
  }),
  ['amount', 'percentOfBudget', 'percentOfRevenue'],
);

/** A sharing rate: a percentage (perhaps times a quality score) or, on the loss side, 1 − the gain rate. */
export const rateSchema = z.preprocess((value, context) => {
  // a bare figure is the commonest way to get this wrong, and it may mean either unit
  if (typeof value === 'string' || typeof value === 'number')
    context.addIssue({
      code: 'custom',
      input: value,
      params: { code: 'invalid_type' },
      message: rateWrittenBare(value),
    });
  return value;
}, rateObject());

/** How to write a sharing rate given as a bare figure, with each reading it may have. */
function rateWrittenBare(value: string | number): string {
  const text = String(value);
  const head = `a sharing rate is an object, such as { "percent": "50" } or { "fraction": "0.5" }, got ${show(value)}`;
  // a figure that is not a short plain decimal is not echoed back into a suggestion (a 2,000-character message, fuzzing)
  if (text.length > 40 || !/^\d*\.?\d+$/.test(text)) return head;
  if (!/^(0?\.\d+|0)$/.test(text)) return `${head}: write { "percent": "${text}" } for ${text} %`;
  return `${head}: write { "fraction": "${text}" } for ${percentOfFraction(text)} %, or { "percent": "${text}" } if ${text} % is meant`;
}

function rateObject() {
  return exactlyOne(
    strictObject({
      /** The sharing rate, in per cent of the amount shared. */
      percent: ratePercent('sharing rate').optional(),
      /** The sharing rate as a fraction of the amount shared ("0.5" for 50 %), as CMS writes it. */
      fraction: unitInterval('sharing rate as a fraction').optional(),
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
      floor: ratePercent('rate floor').optional(),
      /** The rate is lowered to at most this (per cent). */
      ceiling: ratePercent('rate ceiling').optional(),
    }),
    ['percent', 'fraction', 'oneMinusGain'],
  ).transform(({ fraction, ...rate }) =>
    // one form for the steps: a fraction is its percentage, exactly (the point moves two places)
    fraction === undefined ? rate : { ...rate, percent: percentOfFraction(fraction), oneMinusGain: undefined },
  );
}

/** A marginal band: a slice of the amount, in per cent of the budget, and the share of it. */
export const bandSchema = strictObject({
  /** Where the slice starts, in per cent of the budget. */
  from: ratePercent('band start'),
  /** Where it ends, in per cent of the budget; leave out on the last band for "and above". */
  to: ratePercent('band end').optional(),
  /** The alliance's share of the slice, in per cent. */
  percent: ratePercent('band share'),
});

/** What every step declares: an id (named by the pool's order) and the clause that sets it. */
export const stepBase = { id: id('step id'), clause };

export type Limit = z.infer<typeof limitSchema>;
export type Rate = z.infer<typeof rateSchema>;
export type Band = z.infer<typeof bandSchema>;
