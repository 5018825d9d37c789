import type { RiskSharePool } from './schema.js';
import type { Cutter } from '../context.js';

/**
 * A risk-share pool for what is settled: its budgets, revenue, cap and adjustment amounts and
 * member caps are year amounts, each cut to the part of the year (a member's for its time in force).
 */
export function cutRiskSharePool(pool: RiskSharePool, cutter: Cutter): RiskSharePool {
  const at = `pools[${pool.id}]`;
  const amount = cutter.amount.bind(cutter);
  const caps = pool.distribution.caps;
  const cut = {
    ...(pool.revenue === undefined ? {} : { revenue: amount(`${at}.revenue`, pool.revenue) }),
    steps: pool.steps.map((step) => {
      if (step.type === 'cap')
        return {
          ...step,
          limits: step.limits.map((l, i) =>
            l.amount === undefined
              ? l
              : { ...l, amount: amount(`${at}.steps[${step.id}].limits[${i}].amount`, l.amount) },
          ),
        };
      if (step.type === 'adjustment' && step.amount !== undefined)
        return { ...step, amount: amount(`${at}.steps[${step.id}].amount`, step.amount) };
      return step;
    }),
    distribution: {
      ...pool.distribution,
      ...(caps === undefined
        ? {}
        : {
            caps: Object.fromEntries(
              Object.entries(caps).map(([m, list]) => [
                m,
                list.map((c, i) =>
                  c.amount === undefined
                    ? c
                    : { ...c, amount: amount(`${at}.distribution.caps[${m}][${i}].amount`, c.amount, m) },
                ),
              ]),
            ),
          }),
    },
  };
  // each branch keeps the one budget the pool declares (a whole budget, or one per member)
  if (pool.budget !== undefined) return { ...pool, ...cut, budget: amount(`${at}.budget`, pool.budget) };
  const budgets = Object.entries(pool.budgets).map(([m, b]) => [m, amount(`${at}.budgets[${m}]`, b, m)]);
  return { ...pool, ...cut, budgets: Object.fromEntries(budgets) };
}
