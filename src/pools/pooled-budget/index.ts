import type { PooledBudgetPool } from './schema.js';
import { signedShares, type PoolKind } from '../kind.js';
import { cutPooledBudget } from './cut.js';
import { settlePooledBudget } from './settle.js';

/**
 * Pooled budgets (section 75): partners' contributions spent on budget lines; an overspend met
 * by the declared waterfall, and the net result shared between the partners.
 * @example
 * // £26m pooled, £26.5m spent: the £0.5m overspend shared by contribution
 */
export const pooledBudgets: PoolKind<PooledBudgetPool> = {
  kind: 'pooled-budget',
  reads(pool, into) {
    for (const line of pool.lines) into.measures.add(line.measure);
  },
  cut: cutPooledBudget,
  settle: (pool, ctx) =>
    signedShares(settlePooledBudget(pool, ctx), 'riskShares', (into, result) => into.pooledBudgets.push(result)),
};
