import type { Decimal } from '../../money/decimal.js';
import type { Limit } from '../schema.js';
import { decimalOf, fraction, type StepContext } from '../step.js';

/**
 * The value of a cap or limit basis, or undefined when it cannot be computed (no revenue).
 * @example
 * limitValue({ percentOfBudget: '10' }, { budget: decimalOf('500000'), revenue: undefined }); // 50000
 */
export function limitValue(limit: Limit, ctx: Pick<StepContext, 'budget' | 'revenue'>): Decimal | undefined {
  if (limit.amount !== undefined) return decimalOf(limit.amount);
  if (limit.percentOfBudget !== undefined) return ctx.budget.times(fraction(limit.percentOfBudget));
  if (limit.percentOfRevenue !== undefined && ctx.revenue !== undefined)
    return ctx.revenue.times(fraction(limit.percentOfRevenue));
  return undefined;
}

/** A limit basis in words, for the working ("10 % of the budget"). */
export const describeLimit = (limit: Limit): string =>
  limit.amount !== undefined
    ? limit.amount
    : limit.percentOfBudget !== undefined
      ? `${limit.percentOfBudget} % of the budget`
      : `${limit.percentOfRevenue} % of revenue`;
