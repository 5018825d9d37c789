import * as z from 'zod';
import { figure, resultList, resultObject } from '../../base/trace.js';

/** A rate card's result: every claim with the caps that cut it, each provider's payment, each payer's part. */
export const rateCardResultSchema = resultObject({
  id: z.string(),
  name: z.string(),
  kind: z.literal('rate-card'),
  claims: resultList(
    resultObject({
      provider: z.string(),
      outcome: z.string(),
      cohort: z.string().nullable(),
      person: z.string().nullable(),
      count: figure,
      price: figure,
      /** count × price, before caps. */
      claimed: figure,
      /** After every cap. */
      paid: figure,
      /** What each cap cut from this claim, in the order applied. */
      cuts: resultList(resultObject({ cap: z.string(), amount: figure })),
    }),
  ),
  caps: resultList(resultObject({ id: z.string(), per: z.string(), amount: figure, cut: figure, trace: z.string() })),
  providers: resultList(resultObject({ party: z.string(), claimed: figure, received: figure })),
  payers: resultList(
    resultObject({
      party: z.string(),
      percent: figure,
      /** Its share of the payments. */
      owed: figure,
      /** What it pays, within its budget. */
      paid: figure,
      /** Owed but past its budget. */
      unfunded: figure,
    }),
  ),
  /**
   * The claims after caps (in) against what the providers received plus what the payers could not
   * fund past their budgets (out), each read from the parties' own figures; the difference must be zero.
   */
  conservation: resultObject({ in: figure, out: figure, difference: figure }),
});

export type RateCardResult = z.infer<typeof rateCardResultSchema>;
