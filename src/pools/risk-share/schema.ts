import * as z from 'zod';
import {
  amount,
  clause,
  exactlyOne,
  id,
  oneOf,
  orderFree,
  percentage,
  text,
  strictObject,
  keyedBy,
} from '../../base/schema.js';
import { stepSchema } from '../../share/index.js';

export type { Step } from '../../share/index.js';

/**
 * A risk-share pool: a budget (control total, benchmark or target cost) against the measured
 * outturn gives a surplus or a deficit; declared steps, applied in the declared order, turn it
 * into the alliance's share; the share is split between the members, and the commissioner's side
 * is the rest of the variance. Every real scheme is a combination of these steps, each declared
 * by its module under `share/`; this module declares the pool around them.
 */

/** A per-member ceiling on its share of a gain or loss: a sum or a percentage of its contract value. */
const memberCapSchema = exactlyOne(
  strictObject({
    /** Whether the cap holds a gain share, a loss share, or both (default both): a fee at risk caps pain only. */
    applies: oneOf('member cap side', ['gain', 'loss', 'both']).optional(),
    amount: amount('member cap amount').optional(),
    percentOfContractValue: percentage('member cap percentage of contract value').optional(),
    clause,
  }),
  ['amount', 'percentOfContractValue'],
);

const shareDistributionSchema = strictObject({
  /** How the alliance's share is split between its members. */
  basis: oneOf('risk-share distribution basis', [
    'fixed',
    'equal',
    'contract-value',
    'budget',
    'contribution',
    'measure',
  ]),
  /** With basis "fixed": member id → percentage; they add up to 100. */
  shares: keyedBy(
    'shares',
    'member id → percentage',
    '{ "acute": "60", "community": "40" }',
    percentage('distribution share'),
  ).optional(),
  /** With basis "contribution": the outcome pool whose contributions are the weights. */
  pool: id('contribution pool').optional(),
  /** With basis "measure": the measure whose per-member values are the weights (e.g. an outcome score). */
  measure: id('distribution measure').optional(),
  /** Per member: its share of a gain or loss is at most the smallest of these. */
  caps: keyedBy(
    'caps',
    'member id → list of caps',
    '{ "acute": [{ "amount": "500000.00" }] }',
    z.array(memberCapSchema).min(1, { error: 'a member cap needs a limit' }),
  ).optional(),
  /** What a capped member cannot take: to the other members pro rata (default), or to the commissioner. */
  overflow: oneOf('cap overflow', ['others', 'commissioner']).optional(),
  clause,
});

export const riskSharePoolSchema = exactlyOne(
  strictObject({
    id: id('pool id'),
    kind: z.literal('risk-share'),
    name: text('pool name'),
    /** What the budget is called in the scheme; for reports only. */
    budgetKind: oneOf('budget kind', ['control-total', 'benchmark', 'target-cost', 'baseline']).optional(),
    /** The budget for the period, for the alliance as a whole. */
    budget: amount('budget').optional(),
    /** Or: a budget per member (the budget is their sum; outturn is then measured per member). */
    budgets: keyedBy('budgets', 'member id → budget', '{ "acute": "90000000.00" }', amount('member budget')).optional(),
    /**
     * Which sides of the variance the members share: "gain" (a surplus only: a deficit is wholly
     * the commissioner's), "loss" (a deficit only) or "both". Left out, the steps must declare a
     * share (a rate or bands) for both sides; a pool whose steps share one side only must say
     * which it means, since a side the contract does not share is never the members'.
     */
    sides: oneOf('shared sides', ['gain', 'loss', 'both']).optional(),
    /**
     * Which way the variance runs: "budget-minus-outturn" (default: spending less than the budget
     * is a gain for the members, as in shared savings) or "outturn-minus-budget" (activity above a
     * baseline is a gain for them: payments that rise with activity at a marginal rate).
     */
    variance: oneOf('variance', ['budget-minus-outturn', 'outturn-minus-budget']).optional(),
    /** The measure whose value is the actual spend (per member when budgets are per member). */
    outturn: strictObject({ measure: id('outturn measure'), clause }),
    /** The parties that share the gain or loss (default: every provider). */
    members: orderFree(z.array(id('member'))).optional(),
    /** The commissioner on the other side: keeps what the alliance does not get, bears what it does not bear. */
    commissioner: id('commissioner'),
    /** The alliance's revenue, for caps in percent of revenue (default: the members' contract values). */
    revenue: amount('revenue').optional(),
    steps: orderFree(z.array(stepSchema).min(1, { error: 'a risk-share pool needs at least one step' })),
    /** The step ids in the order they are applied. */
    order: z.array(id('step id')).min(1, { error: 'the order must name at least one step' }),
    distribution: shareDistributionSchema,
    /**
     * The members' share of a deficit: charged in the year ("settle", default), or carried forward
     * into the next contract year's variance ("carry-forward"), to be recovered from its result.
     */
    deficit: oneOf('deficit handling', ['settle', 'carry-forward']).optional(),
    clause,
  }),
  ['budget', 'budgets'],
);

export type RiskSharePool = z.infer<typeof riskSharePoolSchema>;
/** A risk-share pool as declared (the input form). */
export type RiskSharePoolInput = z.input<typeof riskSharePoolSchema>;
export type MemberCap = z.infer<typeof memberCapSchema>;
