import * as z from 'zod';
import { figure, resultList, resultObject, traceRefs } from '../../base/trace.js';

/** A pooled budget's result: lines, the overspend waterfall and the partners' shares of the net result. */
export const pooledBudgetResultSchema = resultObject({
  id: z.string(),
  name: z.string(),
  kind: z.literal('pooled-budget'),
  /** What the partners put in: the lines' budgets plus the reserve. */
  contributed: figure,
  reserve: figure,
  spend: figure,
  lines: resultList(
    resultObject({
      id: z.string(),
      name: z.string(),
      budget: figure,
      spend: figure,
      /** budget − spend: positive underspent, negative overspent. */
      variance: figure,
      trace: z.string(),
    }),
  ),
  /** Sum of the lines' overspends, and of their underspends. */
  overspend: figure,
  underspend: figure,
  /** How the overspend was met, in the declared order. */
  waterfall: resultList(
    /** `source`: "underspends", "reserve", a fund's id or "partners". */
    resultObject({ source: z.string(), amount: figure, trace: z.string() }),
  ),
  /** What is left for the partners: + returned to them, − they must add. */
  net: figure,
  partners: resultList(
    resultObject({
      party: z.string(),
      contributed: figure,
      weight: figure,
      exactShare: figure,
      floor: figure,
      unitsAdded: z.number(),
      amount: figure,
      /** Whether its maximum contribution held it below its share of an overspend. */
      capped: z.boolean(),
    }),
  ),
  /** An overspend no partner can meet within its maximum contribution (negative), else 0.00. */
  unfunded: figure,
  /** in = contributions; out = spend + partners' shares + unfunded; difference is always zero. */
  conservation: resultObject({ in: figure, out: figure, difference: figure }),
  trace: traceRefs(['net', 'conservation']),
});

export type PooledBudgetResult = z.infer<typeof pooledBudgetResultSchema>;
