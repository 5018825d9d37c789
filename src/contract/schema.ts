import * as z from 'zod';
import { show } from '../base/errors.js';
import { onAccountSchema } from './on-account.js';
import { variationSchema } from './variation.js';
import { clause, describe, id, isoDate, oneOf, orderFree, text, amount, strictObject } from '../base/schema.js';
import { CURRENCY_CODES } from '../money/currency.js';
import { ROUNDING_MODES } from '../money/rounding.js';
import { poolSchema } from '../pools/schema.js';

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

const partySchema = strictObject({
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

const periodSchema = strictObject({
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
  measuredOver: strictObject({ start: isoDate('measured-over start'), end: isoDate('measured-over end') }).optional(),
});

const calendarSchema = strictObject({
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

export const contractSchema = strictObject({
  id: id('contract id'),
  name: text('contract name'),
  version: text('contract version'),
  currency: currencyCode,
  term: strictObject({ start: isoDate('term start'), end: isoDate('term end') }),
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
export type Period = z.infer<typeof periodSchema>;
export type Calendar = z.infer<typeof calendarSchema>;
export type { PaymentOnAccount } from './on-account.js';
