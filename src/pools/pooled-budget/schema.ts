import * as z from 'zod';
import { amount, orderFree, clause, id, oneOf, percentage, text, strictObject, keyedBy } from '../../base/schema.js';

/**
 * A pooled budget (section 75 style): partners (an ICB and a council, say) put money into one
 * pool, spent on declared lines; the year's over- or underspend is shared between the partners.
 * An overspend on a line is met by a declared waterfall: underspends on other lines, then a risk
 * reserve, then the partners, each capped at its maximum contribution.
 */

const pooledContributionSchema = strictObject({
  party: id('contribution party'),
  amount: amount('contribution amount'),
  /** The most this partner will put in for the period, its share of an overspend included. */
  maximum: amount('maximum contribution').optional(),
  clause,
});

const budgetLineSchema = strictObject({
  id: id('line id'),
  name: text('line name'),
  budget: amount('line budget'),
  /** The measure whose value is the line's actual spend. */
  measure: id('spend measure'),
  clause,
});

/**
 * A named source of money held in the pool besides the lines and the reserve (uncommitted
 * allocations, a contingency, an earmarked fund): it meets an overspend where the waterfall names
 * it, and what is left of it goes back to the partners with the net result.
 */
const fundSchema = strictObject({
  id: id('fund id'),
  name: text('fund name'),
  amount: amount('fund amount'),
  clause,
});

export const pooledBudgetPoolSchema = strictObject({
  id: id('pool id'),
  kind: z.literal('pooled-budget'),
  name: text('pool name'),
  contributions: orderFree(
    z.array(pooledContributionSchema).min(1, { error: 'a pooled budget needs at least one contribution' }),
  ),
  lines: orderFree(z.array(budgetLineSchema).min(1, { error: 'a pooled budget needs at least one budget line' })),
  /** A risk reserve held in the pool: contributions = the lines' budgets + the reserve. */
  reserve: amount('risk reserve').optional(),
  /** How an over- or underspend is shared between the partners. */
  split: strictObject({
    basis: oneOf('pooled budget split', ['contribution', 'fixed']),
    /** With basis "fixed": partner id → percentage; they add up to 100. */
    shares: keyedBy(
      'shares',
      'partner id → percentage',
      '{ "icb": "60", "council": "40" }',
      percentage('split share'),
    ).optional(),
    clause,
  }),
  /** Named sources held in the pool: contributions = the lines' budgets + the reserve + the funds. */
  funds: orderFree(z.array(fundSchema)).optional(),
  /**
   * The order in which an overspend is met: "underspends" (on other lines), "reserve", a fund's id,
   * and last "partners". Default: underspends, the reserve, the funds as declared, the partners.
   */
  waterfall: z.array(id('waterfall step')).optional(),
  clause,
});

export type PooledBudgetPool = z.infer<typeof pooledBudgetPoolSchema>;
export type PooledBudgetPoolInput = z.input<typeof pooledBudgetPoolSchema>;
