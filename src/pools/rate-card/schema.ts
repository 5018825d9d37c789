import * as z from 'zod';
import { amount, orderFree, clause, id, oneOf, percentage, text, strictObject, keyedBy } from '../../base/schema.js';

/**
 * A rate card: a price per outcome achieved (optionally per cohort), counts measured per provider
 * (and per person or cohort), caps per person, cohort, provider and contract applied in a
 * declared order with a declared rule for which claims are cut, and one or more payers sharing
 * each payment by declared percentages within their budgets.
 */

const pricedOutcomeSchema = strictObject({
  id: id('outcome id'),
  name: text('outcome name'),
  /** The price of one outcome achieved. */
  price: amount('price'),
  /** Prices for particular cohorts, where they differ. */
  cohortPrices: keyedBy(
    'cohort prices',
    'cohort id → price',
    '{ "under-25": "1500.00" }',
    amount('cohort price'),
  ).optional(),
  /** Prices for particular settlement periods, where they differ (a cohort price comes first). */
  periodPrices: keyedBy(
    'period prices',
    'period id → price',
    '{ "2026-27": "1500.00" }',
    amount('period price'),
  ).optional(),
  /** The measure whose values are the counts achieved. */
  measure: id('outcome measure'),
  clause,
});

const rateCapSchema = strictObject({
  id: id('cap id'),
  /** What the cap is counted over. */
  per: oneOf('cap scope', ['person', 'cohort', 'provider', 'contract']),
  amount: amount('cap amount'),
  clause,
});

const payerShareSchema = strictObject({
  party: id('payer'),
  /** Its share of every payment, in per cent; the payers' shares add up to 100. */
  percent: percentage('payer share'),
  /** The most it pays in the period. */
  budget: amount('payer budget').optional(),
  clause,
});

export const rateCardSchema = strictObject({
  id: id('pool id'),
  kind: z.literal('rate-card'),
  name: text('pool name'),
  /** The providers paid (default: every provider). */
  providers: orderFree(z.array(id('provider'))).optional(),
  outcomes: orderFree(z.array(pricedOutcomeSchema).min(1, { error: 'a rate card needs at least one priced outcome' })),
  caps: orderFree(z.array(rateCapSchema)).optional(),
  /** The cap ids in the order they are applied. */
  capOrder: z.array(id('cap id')).optional(),
  /**
   * Which claims a binding cap cuts: "pro-rata" (every claim in proportion, largest remainder) or
   * "priority" (the outcomes listed last in `priority` are cut first).
   */
  cut: oneOf('cut rule', ['pro-rata', 'priority']).optional(),
  /** With cut "priority": the outcome ids from the most to the least protected. */
  priority: z.array(id('outcome id')).optional(),
  payers: orderFree(z.array(payerShareSchema).min(1, { error: 'a rate card needs at least one payer' })),
  clause,
});

export type RateCard = z.infer<typeof rateCardSchema>;
export type RateCardInput = z.input<typeof rateCardSchema>;
