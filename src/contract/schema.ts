import * as z from 'zod';
import { show } from '../base/errors.js';
import { scoringSchema } from '../score/index.js';
import { riskSharePoolSchema } from './risk-share.js';
import { pooledBudgetPoolSchema } from './pooled-budget.js';
import { pointsSchemeSchema } from './points.js';
import { rateCardSchema } from './rate-card.js';
import { onAccountSchema } from './on-account.js';
import { variationSchema } from './variation.js';
import {
  amount,
  clause,
  decimalString,
  describe,
  direction,
  id,
  isoDate,
  oneOf,
  orderFree,
  percentage,
  positiveDecimal,
  text,
} from '../base/schema.js';
import { CURRENCY_CODES } from '../money/currency.js';
import { ROUNDING_MODES } from '../money/rounding.js';

/**
 * The contract, declared as data. Every type is inferred from these schemas (`z.infer`), and the
 * same schemas export as JSON Schema (`contractJsonSchema`). What a schema cannot say (sums,
 * references, ordering) is checked by `validateContract`.
 */

const currencyCode = z.enum(CURRENCY_CODES, {
  error: (issue) =>
    `currency must be an ISO 4217 code this library knows (${CURRENCY_CODES.join(', ')}), got ${describe(issue.input)}`,
});

const roundingMode = z.enum(ROUNDING_MODES, {
  error: (issue) => `rounding mode must be one of ${ROUNDING_MODES.join(', ')}, got ${describe(issue.input)}`,
});

const partySchema = z.strictObject({
  id: id('party id'),
  name: text('party name'),
  role: z.enum(['commissioner', 'provider'], {
    error: (issue) => `party role must be "commissioner" or "provider", got ${show(issue.input)}`,
  }),
  /** What kind of organisation: "acute trust", "council", "GP confederation"... free text. */
  kind: text('party kind').optional(),
  /** The provider's contract value for a contract year (pro-rated for a shorter period, or time in force). */
  contractValue: amount('contract value').optional(),
  /** The first day the party is in the alliance, when it joins part-way through the term. */
  joins: isoDate('joining date').optional(),
  /** The last day the party is in the alliance, when it leaves part-way through the term. */
  leaves: isoDate('leaving date').optional(),
});

const contributionSchema = z.strictObject({
  party: id('contribution party'),
  /** A fixed sum put into the pool. */
  amount: amount('contribution amount').optional(),
  /** Or: this percentage of the party's contract value, held at risk. */
  percentOfContractValue: percentage('percentage of contract value').optional(),
  clause,
});

const distributionBases = ['contract-value', 'equal', 'contribution', 'fixed'] as const;
const distributionSchema = z.strictObject({
  /** How a metric's money is split between the providers accountable for it. */
  basis: oneOf('distribution basis', distributionBases),
  /** With basis "fixed": provider id → percentage; they add up to 100. */
  shares: z.record(z.string(), percentage('distribution share')).optional(),
  clause,
});

const destinations = ['contributors', 'commissioner', 'earning-providers', 'next-year'] as const;
const destinationSchema = z.strictObject({
  /**
   * Back to those who paid in (pro rata to contributions), kept by one commissioner, shared by the
   * providers that earned, or carried forward into the pool's funding for the next contract year.
   */
  to: oneOf('destination', destinations),
  /** With `to: "commissioner"`: which commissioner keeps it. */
  party: id('destination party').optional(),
  clause,
});

const metricSchema = z.strictObject({
  id: id('metric id'),
  name: text('metric name'),
  unit: text('metric unit'),
  direction,
  baseline: decimalString('baseline', '120').optional(),
  /** The baseline rebased for particular contract years: year period id → baseline (else `baseline`). */
  baselines: z.record(z.string(), decimalString('baseline', '118')).optional(),
  /** Share of the pool, in per cent; a pool's metric weights add up to 100. Leave out on every metric for equal weights. */
  weight: percentage('metric weight').optional(),
  /** The providers accountable for this metric (default: every provider eligible for the pool). */
  accountable: orderFree(z.array(id('accountable party'))).optional(),
  /** For numerator/denominator measurements: the rate is per this many (100 for a percentage, 1000 per 1,000). */
  per: positiveDecimal('per', '1000').optional(),
  /** What happens when there is no measurement for the period (default "error"). */
  missing: oneOf('missing-data policy', ['error', 'score-zero', 'exclude-and-reweight']).optional(),
  scoring: scoringSchema,
  clause,
});

const gatewaySchema = z.strictObject({
  id: id('gateway id'),
  name: text('gateway name'),
  /** "pool": failing forfeits the whole pool; "provider": each provider passes or fails on its own measurement. */
  scope: oneOf('gateway scope', ['pool', 'provider']),
  /** The id measurements use for this gateway (a metric id, or a measure of its own). */
  measure: id('gateway measure'),
  direction,
  /** Met when the measured value is at least as good as this. A yes/no condition is measured as 1 or 0 with threshold "1". */
  threshold: decimalString('gateway threshold', '95'),
  /** With no measurement: "error" (default) or "fail". */
  missing: oneOf('gateway missing-data policy', ['error', 'fail']).optional(),
  clause,
});

const outcomePoolSchema = z.strictObject({
  id: id('pool id'),
  kind: z.literal('outcome'),
  name: text('pool name'),
  contributions: orderFree(z.array(contributionSchema).min(1, { error: 'a pool needs at least one contribution' })),
  /** Providers that can earn from the pool (default: every provider in the contract). */
  eligible: orderFree(z.array(id('eligible party'))).optional(),
  distribution: distributionSchema.optional(),
  metrics: orderFree(z.array(metricSchema).min(1, { error: 'a pool needs at least one metric' })),
  gateways: orderFree(z.array(gatewaySchema)).optional(),
  /** Where money not earned because of scores goes. */
  unearned: destinationSchema,
  /** Where money forfeited by a failed gateway goes (default: as unearned). */
  forfeited: destinationSchema.optional(),
  clause,
});

const kindOf = (input: unknown): unknown =>
  typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : input;

const poolSchema = z.discriminatedUnion(
  'kind',
  [outcomePoolSchema, riskSharePoolSchema, pooledBudgetPoolSchema, pointsSchemeSchema, rateCardSchema],
  {
    error: (issue) =>
      `pool kind must be "outcome", "risk-share", "pooled-budget", "points" or "rate-card", got ${show(kindOf(issue.input))}`,
  },
);

const periodSchema = z.strictObject({
  id: id('period id'),
  /**
   * A contract year (default), or a part of one. The contract's amounts are per year: a part of a
   * year is settled with the year's amounts split over its parts by the day count.
   */
  kind: oneOf('period kind', ['year', 'half-year', 'quarter', 'month']).optional(),
  start: isoDate('period start'),
  end: isoDate('period end'),
  /**
   * The span the outcome data for this period covers, where it differs from the period: outcomes
   * lag, so a year may be settled on the calendar year's figures, or a quarter on the rolling
   * twelve months to its end. Shown on the settlement and beside every measured value.
   */
  measuredOver: z.strictObject({ start: isoDate('measured-over start'), end: isoDate('measured-over end') }).optional(),
});

const calendarSchema = z.strictObject({
  /**
   * How a part of a period is measured for pro rata: "actual/actual" (default: actual days over
   * the period's actual days) or "twelfths" (calendar months, a part month by its days).
   */
  dayCount: oneOf('day count', ['actual/actual', 'twelfths']).optional(),
  /**
   * Adding a month to a month's last day: "clamp" (default: keep the day, or the shorter month's
   * last day: 30 April → 30 May) or "end-of-month" (stay on the last day: 30 April → 31 May).
   */
  monthEnd: oneOf('month-end handling', ['clamp', 'end-of-month']).optional(),
  clause,
});

export const contractSchema = z.strictObject({
  id: id('contract id'),
  name: text('contract name'),
  version: text('contract version'),
  currency: currencyCode,
  term: z.strictObject({ start: isoDate('term start'), end: isoDate('term end') }),
  /** The settlement and measurement periods: contract years, and any parts of them settled on their own. */
  periods: orderFree(z.array(periodSchema).min(1, { error: 'a contract needs at least one settlement period' })),
  /** How time is counted for pro rata and schedules (default actual/actual, clamp). */
  calendar: calendarSchema.optional(),
  rounding: z
    .strictObject({
      /** How money is rounded to the minor unit (default "half-up"). */
      mode: roundingMode.optional(),
      /** Where money is rounded: once per pool total (default) or once per metric's earned amount. */
      point: oneOf('rounding point', ['pool', 'metric']).optional(),
      /** Decimal places every intermediate ratio keeps (default 18, half-even). */
      ratioDecimalPlaces: z
        .int({ error: 'ratio decimal places must be a whole number' })
        .min(6, { error: 'ratio decimal places must be at least 6' })
        .max(40, { error: 'ratio decimal places must be at most 40' })
        .optional(),
    })
    .optional(),
  parties: orderFree(z.array(partySchema).min(1, { error: 'a contract needs at least one party' })),
  pools: orderFree(z.array(poolSchema).min(1, { error: 'a contract needs at least one pool' })),
  /** How money is paid during the year, before the year-end reconciliation. */
  paymentsOnAccount: orderFree(z.array(onAccountSchema)).optional(),
  /** Dated changes to the contract, each making a new version from its date. */
  variations: orderFree(z.array(variationSchema)).optional(),
  /**
   * How a period that spans a variation is settled: "pro-rata" (default: each version settles its
   * own days or months of the period, and the parts are added up), or the version in force at the
   * period's start ("version-at-start") or end ("version-at-end") for the whole period.
   */
  variationsInPeriod: oneOf('variations in a period', ['pro-rata', 'version-at-start', 'version-at-end']).optional(),
  clause,
});

/** A contract as declared (the input form). */
export type ContractInput = z.input<typeof contractSchema>;
/** A contract that has passed the schema. */
export type Contract = z.infer<typeof contractSchema>;
export type Party = z.infer<typeof partySchema>;
export type OutcomePool = z.infer<typeof outcomePoolSchema>;
/** An outcome pool as declared (the input form). */
export type OutcomePoolInput = z.input<typeof outcomePoolSchema>;
export type { PooledBudgetPoolInput } from './pooled-budget.js';
export type { PointsSchemeInput } from './points.js';
export type { RateCardInput } from './rate-card.js';
/** A risk-share pool as declared (the input form). */
export type RiskSharePoolInput = z.input<typeof riskSharePoolSchema>;
export type Metric = z.infer<typeof metricSchema>;
export type Gateway = z.infer<typeof gatewaySchema>;
export type Contribution = z.infer<typeof contributionSchema>;
export type Destination = z.infer<typeof destinationSchema>;
export type Period = z.infer<typeof periodSchema>;
export type Calendar = z.infer<typeof calendarSchema>;
export type { PaymentOnAccount } from './on-account.js';
