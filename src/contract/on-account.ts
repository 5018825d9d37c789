import * as z from 'zod';
import { amount, orderFree, clause, id, oneOf, percentage, strictObject, keyedBy } from '../base/schema.js';

/**
 * A schedule of payments on account: money paid during the year before the year-end
 * reconciliation settles what was finally due. It pays a party's guaranteed payment, or an
 * outcome pool's money as if earned at a declared expected achievement (or withholds it until
 * the year end), in instalments that add up exactly to the year's amount.
 */
const instalmentSchema = strictObject({
  /** The month of the year it falls in: 1 for the first month of the year. */
  month: z
    .int({ error: 'instalment month must be a whole number' })
    .min(1, { error: 'instalment month must be at least 1' })
    .max(12, { error: 'instalment month must be at most 12' }),
  /** Its part of the year's amount, in per cent; a schedule's instalments add up to 100. */
  percent: percentage('instalment percentage'),
});

export const onAccountSchema = strictObject({
  id: id('schedule id'),
  /** What is paid on account: the guaranteed payment (contract value less money at risk), or an outcome pool's money. */
  pays: oneOf('payment on account', ['guaranteed', 'outcome']),
  /** With `pays: "outcome"`: the outcome pool. */
  pool: id('schedule pool').optional(),
  /** The providers paid (default: every provider; with an outcome pool, those eligible for it). */
  parties: orderFree(z.array(id('schedule party'))).optional(),
  /** The commissioner who pays (default: the contract's only commissioner). */
  payer: id('schedule payer').optional(),
  /**
   * With an outcome pool: the achievement paid on account, in per cent of what a party would earn
   * if every metric scored 1 (default 100: paid in advance as if fully earned, clawed back at
   * year end if not).
   */
  expected: percentage('expected achievement').optional(),
  /** Or the amounts the expected percentage applies to, per party (e.g. last year's earnings: 80 % of them). */
  expectedOf: keyedBy(
    'expectedOf',
    'party id → amount',
    '{ "acute": "250000.00" }',
    amount('expected amount'),
  ).optional(),
  /** Nothing is paid on account: the money is paid (or not) at the year-end reconciliation. */
  withheld: z.literal(true, { error: 'withheld must be true when given' }).optional(),
  /** Equal-by-time instalments: monthly, quarterly, half-yearly or once a year. */
  frequency: oneOf('frequency', ['month', 'quarter', 'half-year', 'year']).optional(),
  /** Or declared instalments: a month of the year and a percentage each. */
  instalments: orderFree(
    z.array(instalmentSchema).min(1, { error: 'a schedule of instalments needs at least one' }),
  ).optional(),
  /** When an instalment falls due: at the start (default, in advance) or the end of the part it pays for. */
  due: oneOf('due', ['start', 'end']).optional(),
  clause,
});

export type PaymentOnAccount = z.infer<typeof onAccountSchema>;
