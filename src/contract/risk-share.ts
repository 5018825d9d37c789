import * as z from 'zod';
import {
  amount,
  clause,
  decimalString,
  direction,
  id,
  oneOf,
  orderFree,
  percentage,
  positiveDecimal,
  text,
} from '../base/schema.js';

/**
 * A risk-share pool: a budget (control total, benchmark or target cost) against the measured
 * outturn gives a surplus or a deficit; declared steps, applied in the declared order, turn it
 * into the alliance's share; the share is split between the members, and the commissioner's side
 * is the rest of the variance. Every real scheme is a combination of these steps.
 */

const sides = ['gain', 'loss'] as const;
const appliesTo = (fallback: string) =>
  oneOf('side', ['gain', 'loss', 'both']).optional().describe(`Which side the step applies to (default ${fallback}).`);

/** One basis of a cap or limit: a sum, or a percentage of the budget or of the alliance's revenue. */
export const limitSchema = z.strictObject({
  amount: amount('limit amount').optional(),
  percentOfBudget: percentage('percentage of budget').optional(),
  percentOfRevenue: percentage('percentage of revenue').optional(),
  clause,
});

const rateSchema = z.strictObject({
  /** The sharing rate, in per cent of the amount shared. */
  percent: percentage('sharing rate').optional(),
  /** Multiply the rate by a quality score in [0, 1]: a measure's value, or an outcome pool's weighted score. */
  quality: z
    .strictObject({
      measure: id('quality measure').optional(),
      pool: id('quality pool').optional(),
    })
    .optional(),
  /** Loss side only: the loss rate is 1 − the gain rate (as worked out for the gain side). */
  oneMinusGain: z.literal(true, { error: 'oneMinusGain must be true when given' }).optional(),
  /** The rate is raised to at least this (per cent). */
  floor: percentage('rate floor').optional(),
  /** The rate is lowered to at most this (per cent). */
  ceiling: percentage('rate ceiling').optional(),
});

const bandSchema = z.strictObject({
  /** Where the slice starts, in per cent of the budget. */
  from: percentage('band start'),
  /** Where it ends, in per cent of the budget; leave out on the last band for "and above". */
  to: percentage('band end').optional(),
  /** The alliance's share of the slice, in per cent. */
  percent: percentage('band share'),
});

const stepBase = { id: id('step id'), clause };

export const corridorStepSchema = z.strictObject({
  ...stepBase,
  type: z.literal('corridor'),
  /** Minimum savings rate: no gain is shared unless the surplus is at least this % of the budget. */
  gain: percentage('minimum savings rate').optional(),
  /** Minimum loss rate: no loss is shared unless the deficit is at least this % of the budget. */
  loss: percentage('minimum loss rate').optional(),
  /** Once met, share from the first pound or only the part beyond the corridor. */
  sharing: oneOf('corridor sharing', ['first-pound', 'beyond-corridor']),
});

export const rateStepSchema = z.strictObject({
  ...stepBase,
  type: z.literal('rate'),
  gain: rateSchema.optional(),
  loss: rateSchema.optional(),
});

export const bandsStepSchema = z.strictObject({
  ...stepBase,
  type: z.literal('bands'),
  /** Marginal bands: each share applies only to the slice of the amount inside its band. */
  gain: z.array(bandSchema).min(1, { error: 'bands need at least one band' }).optional(),
  loss: z.array(bandSchema).min(1, { error: 'bands need at least one band' }).optional(),
});

export const capStepSchema = z.strictObject({
  ...stepBase,
  type: z.literal('cap'),
  /** A cap on a gain paid, or a limit on a loss borne. */
  applies: oneOf('cap side', sides),
  /** The amount is held to the smallest of these. */
  limits: z.array(limitSchema).min(1, { error: 'a cap needs at least one limit' }),
});

export const deductionStepSchema = z.strictObject({
  ...stepBase,
  type: z.literal('deduction'),
  applies: appliesTo('"gain"'),
  /** This percentage of the amount is withheld (like a sequestration). */
  percent: percentage('deduction'),
});

export const adjustmentStepSchema = z.strictObject({
  ...stepBase,
  type: z.literal('adjustment'),
  applies: appliesTo('"both"'),
  /** A stated sum added to the amount (negative to reduce it). */
  amount: decimalString('adjustment amount', '-2655.00').optional(),
  /** An exceptional event: the amount is reduced pro rata to the months and the population affected. */
  exceptional: z
    .strictObject({
      affectedMonths: positiveDecimal('affected months', '4'),
      months: positiveDecimal('months in the period', '12'),
      affectedPopulation: percentage('affected population'),
    })
    .optional(),
});

export const roundStepSchema = z.strictObject({
  ...stepBase,
  type: z.literal('round'),
  /** Decimal places to round to with the contract's rounding mode (0 for whole pounds or dollars). */
  places: z
    .int({ error: 'round places must be a whole number' })
    .min(0, { error: 'round places must be at least 0' })
    .max(4, { error: 'round places must be at most 4' }),
});

export const gatewayStepSchema = z.strictObject({
  ...stepBase,
  type: z.literal('gateway'),
  name: text('gateway name'),
  measure: id('gateway measure'),
  direction,
  threshold: decimalString('gateway threshold', '1'),
  /** With no measurement: "error" (default) or "fail". */
  missing: oneOf('gateway missing-data policy', ['error', 'fail']).optional(),
  /** What failing does: remove any gain share, and/or set the loss rate to a declared maximum. */
  onFail: z.strictObject({
    gain: z.literal('forfeit', { error: 'onFail.gain must be "forfeit" when given' }).optional(),
    lossPercent: percentage('loss rate on failure').optional(),
  }),
});

export const stepSchema = z.discriminatedUnion(
  'type',
  [
    corridorStepSchema,
    rateStepSchema,
    bandsStepSchema,
    capStepSchema,
    deductionStepSchema,
    adjustmentStepSchema,
    roundStepSchema,
    gatewayStepSchema,
  ],
  {
    error: (issue) =>
      `step type must be one of "corridor", "rate", "bands", "cap", "deduction", "adjustment", "round", "gateway", got ${JSON.stringify((issue.input as { type?: unknown } | undefined)?.type) ?? 'nothing'}`,
  },
);

/** A per-member ceiling on its share of a gain or loss: a sum or a percentage of its contract value. */
export const memberCapSchema = z.strictObject({
  /** Whether the cap holds a gain share, a loss share, or both (default both): a fee at risk caps pain only. */
  applies: oneOf('member cap side', ['gain', 'loss', 'both']).optional(),
  amount: amount('member cap amount').optional(),
  percentOfContractValue: percentage('member cap percentage of contract value').optional(),
  clause,
});

export const shareDistributionSchema = z.strictObject({
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
  shares: z.record(z.string(), percentage('distribution share')).optional(),
  /** With basis "contribution": the outcome pool whose contributions are the weights. */
  pool: id('contribution pool').optional(),
  /** With basis "measure": the measure whose per-member values are the weights (e.g. an outcome score). */
  measure: id('distribution measure').optional(),
  /** Per member: its share of a gain or loss is at most the smallest of these. */
  caps: z.record(z.string(), z.array(memberCapSchema).min(1, { error: 'a member cap needs a limit' })).optional(),
  /** What a capped member cannot take: to the other members pro rata (default), or to the commissioner. */
  overflow: oneOf('cap overflow', ['others', 'commissioner']).optional(),
  clause,
});

export const riskSharePoolSchema = z.strictObject({
  id: id('pool id'),
  kind: z.literal('risk-share'),
  name: text('pool name'),
  /** What the budget is called in the scheme; for reports only. */
  budgetKind: oneOf('budget kind', ['control-total', 'benchmark', 'target-cost']).optional(),
  /** The budget for the period, for the alliance as a whole. */
  budget: amount('budget').optional(),
  /** Or: a budget per member (the budget is their sum; outturn is then measured per member). */
  budgets: z.record(z.string(), amount('member budget')).optional(),
  /** The measure whose value is the actual spend (per member when budgets are per member). */
  outturn: z.strictObject({ measure: id('outturn measure'), clause }),
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
});

export type RiskSharePool = z.infer<typeof riskSharePoolSchema>;
export type Step = z.infer<typeof stepSchema>;
export type Limit = z.infer<typeof limitSchema>;
export type MemberCap = z.infer<typeof memberCapSchema>;
export type Rate = z.infer<typeof rateSchema>;
export type Band = z.infer<typeof bandSchema>;
