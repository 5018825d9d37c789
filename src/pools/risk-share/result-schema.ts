import * as z from 'zod';
import { figure, resultList, resultObject, traceRefs } from '../../base/trace.js';

/** One step of a risk-share pool as applied: the amount after it, exact (rounded only where declared). */
const riskShareStepResultSchema = resultObject({
  id: z.string(),
  type: z.enum(['corridor', 'rate', 'bands', 'cap', 'deduction', 'adjustment', 'round', 'gateway']),
  /** Whether the step acted on this period's side (gain or loss); a step for the other side is skipped. */
  applied: z.boolean(),
  /** The amount being shared after this step (a magnitude: of the gain, or of the loss). */
  amount: figure,
  trace: traceRefs(['amount']),
});

/** A member's part of the alliance's share, signed: + it receives, − it bears. */
const riskSharePartSchema = resultObject({
  party: z.string(),
  /** Its weight under the distribution basis. */
  weight: figure,
  exactShare: figure,
  floor: figure,
  unitsAdded: z.number(),
  amount: figure,
  /** Whether its cap held it below its share. */
  capped: z.boolean(),
});

/**
 * A risk-share pool's result. Signs are from each party's side: + money it receives (a gain
 * share, a saving the commissioner keeps), − money it bears (a loss share, the rest of a deficit).
 * The members' parts plus the commissioner's side always add up to the variance exactly.
 */
export const riskSharePoolResultSchema = resultObject({
  id: z.string(),
  name: z.string(),
  kind: z.literal('risk-share'),
  budgetKind: z.enum(['control-total', 'benchmark', 'target-cost', 'baseline']),
  budget: figure,
  outturn: figure,
  /** budget − outturn: positive is a surplus (saving), negative a deficit (overspend). */
  variance: figure,
  side: z.enum(['gain', 'loss', 'none']),
  /** Per member, when budgets are declared per member: its budget, outturn and variance. */
  members: resultList(resultObject({ party: z.string(), budget: figure, outturn: figure, variance: figure })),
  steps: resultList(riskShareStepResultSchema),
  /** The alliance's share after every step, rounded to the minor unit, signed. */
  allianceShare: figure,
  parts: resultList(riskSharePartSchema),
  /** What capped members could not take and the contract sends to the commissioner (signed as the share). */
  overflowToCommissioner: figure,
  /** The commissioner's side: variance − the members' parts. */
  commissionerShare: figure,
  commissioner: z.string(),
  /**
   * A deficit of the previous contract year carried into this year's variance (negative), or 0.00;
   * for a part of a year, that part's share of it.
   */
  broughtForward: figure,
  /** The members' share of a deficit not charged this year but carried into the next (`deficit: "carry-forward"`), or 0.00. */
  carriedForward: figure,
  /**
   * variance = members' parts charged + commissioner's side + carried forward, each read from what
   * it was given; the difference must be zero. With `variance: "outturn-minus-budget"` the
   * commissioner pays the members, so the sides add up to zero and `variance` here is 0.00.
   */
  conservation: resultObject({ variance: figure, shared: figure, difference: figure }),
  trace: traceRefs(['variance', 'allianceShare', 'commissionerShare', 'conservation']),
});

export type RiskShareStepResult = z.infer<typeof riskShareStepResultSchema>;
export type RiskSharePart = z.infer<typeof riskSharePartSchema>;
export type RiskSharePoolResult = z.infer<typeof riskSharePoolResultSchema>;
