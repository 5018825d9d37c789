import * as z from 'zod';
import { scoringSchema } from '../../score/index.js';
import {
  clause,
  amount,
  decimalString,
  direction,
  exactlyOne,
  type ExactlyOne,
  id,
  oneOf,
  orderFree,
  percentage,
  positiveDecimal,
  text,
  strictObject,
  keyedBy,
} from '../../base/schema.js';

/**
 * An outcome pool: providers (and commissioners) put money in, each metric's scoring rule earns
 * its weighted share of it back for the providers accountable for it, gateways can forfeit it,
 * and what is not earned goes where the contract says.
 */

const contributionFields = strictObject({
  party: id('contribution party'),
  /** A fixed sum put into the pool. */
  amount: amount('contribution amount').optional(),
  /** Or: this percentage of the party's contract value, held at risk. */
  percentOfContractValue: percentage('percentage of contract value').optional(),
  clause,
});

/**
 * A percentage contribution worked out for a part of a year (`cut.ts`): the amount for what is
 * settled, cut from the year's, beside the percentage it came from (for the trace).
 */
type WorkedOutContribution = Omit<z.output<typeof contributionFields>, 'amount' | 'percentOfContractValue'> & {
  amount: string;
  percentOfContractValue: string;
};

const contributionSchema = exactlyOne(contributionFields, ['amount', 'percentOfContractValue']).transform(
  (
    declared,
  ): ExactlyOne<z.output<typeof contributionFields>, 'amount' | 'percentOfContractValue'> | WorkedOutContribution =>
    declared,
);

const distributionBases = ['contract-value', 'equal', 'contribution', 'fixed'] as const;
const distributionSchema = strictObject({
  /** How a metric's money is split between the providers accountable for it. */
  basis: oneOf('distribution basis', distributionBases),
  /** With basis "fixed": provider id → percentage; they add up to 100. */
  shares: keyedBy(
    'shares',
    'provider id → percentage',
    '{ "acute": "60", "community": "40" }',
    percentage('distribution share'),
  ).optional(),
  clause,
});

const destinations = ['contributors', 'commissioner', 'earning-providers', 'next-year'] as const;
const destinationSchema = strictObject({
  /**
   * Back to those who paid in (pro rata to contributions), kept by one commissioner, shared by the
   * providers that earned, or carried forward into the pool's funding for the next contract year.
   */
  to: oneOf('destination', destinations),
  /** With `to: "commissioner"`: which commissioner keeps it. */
  party: id('destination party').optional(),
  clause,
});

const metricSchema = strictObject({
  id: id('metric id'),
  name: text('metric name'),
  unit: text('metric unit'),
  direction,
  baseline: decimalString('baseline', '120').optional(),
  /** The baseline rebased for particular contract years: year period id → baseline (else `baseline`). */
  baselines: keyedBy(
    'baselines',
    'year period id → baseline',
    '{ "2027-28": "118" }',
    decimalString('baseline', '118'),
  ).optional(),
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

const gatewaySchema = strictObject({
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

export const outcomePoolSchema = strictObject({
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

/** An outcome pool that has passed its schema. */
export type OutcomePool = z.infer<typeof outcomePoolSchema>;
/** An outcome pool as declared (the input form). */
export type OutcomePoolInput = z.input<typeof outcomePoolSchema>;
export type Metric = z.infer<typeof metricSchema>;
export type Gateway = z.infer<typeof gatewaySchema>;
export type Contribution = z.infer<typeof contributionSchema>;
export type Destination = z.infer<typeof destinationSchema>;
