import * as z from 'zod';
import { oneOf, strictObject } from '../../base/schema.js';
import { Decimal } from '../../money/decimal.js';
import { limitSchema, sides, stepBase } from '../schema.js';
import {
  amountBefore,
  appliesToSide,
  checkUnit,
  sidesApplied,
  skip,
  unvalidated,
  type SharingStep,
  money,
} from '../step.js';
import { describeLimit, limitValue } from './limit.js';

export const schema = strictObject({
  ...stepBase,
  type: z.literal('cap'),
  /** A cap on a gain paid, a limit on a loss borne, or both (the same limits on either side). */
  applies: oneOf('cap side', [...sides, 'both']),
  /** The amount is held to the smallest of these. */
  limits: z.array(limitSchema).min(1, { error: 'a cap needs at least one limit' }),
});

/**
 * A cap on a gain paid or a limit on a loss borne (or, with `applies: "both"`, either): the amount is held to the smallest of its
 * limits, each a sum or a percentage of the budget or of the alliance's revenue.
 * @example
 * // budget 1,000,000, gain cap the smallest of 10 % of the budget and 80,000:
 * // a gain share of 120,000 is held to 80,000; one of 50,000 is within it
 */
export const cap: SharingStep<typeof schema> = {
  type: 'cap',
  schema,
  check(step, tools) {
    const { add, checkMinorUnits, revenueKnown } = tools;
    step.limits.forEach((limit, j) => {
      checkUnit(
        tools,
        ['limits', j, 'percentOfBudget'],
        `limit ${j + 1} of cap '${step.id}' (per cent of the budget)`,
        'warn',
      );
      checkUnit(
        tools,
        ['limits', j, 'percentOfRevenue'],
        `limit ${j + 1} of cap '${step.id}' (per cent of revenue)`,
        'warn',
      );
      const bases = [limit.amount, limit.percentOfBudget, limit.percentOfRevenue].filter((v) => v !== undefined);
      if (bases.length !== 1)
        add(
          ['limits', j],
          'limit_basis',
          'a limit needs exactly one of "amount", "percentOfBudget" or "percentOfRevenue"',
        );
      checkMinorUnits(limit.amount, ['limits', j, 'amount']);
      if (limit.percentOfRevenue !== undefined && !revenueKnown)
        add(
          ['limits', j, 'percentOfRevenue'],
          'revenue_unknown',
          `a limit in per cent of revenue needs the pool's "revenue", or a contract value for every member`,
        );
    });
  },
  sides: (step) => ({ shares: [], names: sidesApplied(step.applies) }),
  apply(step, amount, ctx) {
    const { side } = ctx;
    if (!appliesToSide(step.applies, step.applies, side))
      return skip(amount, `a ${step.applies === 'gain' ? 'cap on gains' : 'limit on losses'}`);
    const limits = step.limits.map((limit) => ({
      limit,
      value: limitValue(limit, ctx) ?? unvalidated(`limit ${describeLimit(limit)} of cap '${step.id}'`),
    }));
    const smallest = limits.reduce((a, b) => (b.value.lt(a.value) ? b : a));
    const result = Decimal.min(amount, smallest.value);
    const what = side === 'gain' ? 'cap' : 'limit';
    return {
      applied: true,
      amount: result,
      formula: `${what} = the smallest of ${limits.map((l) => `${describeLimit(l.limit)} = ${money(l.value, ctx)}`).join('; ')} = ${money(smallest.value, ctx)}; ${amount.gt(smallest.value) ? `${money(amount, ctx)} is held to it` : `${money(amount, ctx)} is within it`}`,
      inputs: [
        amountBefore(amount, ctx),
        ...limits.map((l) => ({ name: describeLimit(l.limit), value: money(l.value, ctx) })),
      ],
    };
  },
};
