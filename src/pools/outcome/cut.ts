import type { OutcomePool } from './schema.js';
import type { Cutter } from '../context.js';

/**
 * An outcome pool for what is settled: a metric's baseline rebased for the contract year, and
 * each contribution cut to the part of the year (a percentage of contract value was worked out
 * on the year's value, then cut, as `contributionPart` gives it).
 */
export function cutOutcomePool(pool: OutcomePool, cutter: Cutter): OutcomePool {
  const at = `pools[${pool.id}]`;
  return {
    ...pool,
    metrics: pool.metrics.map((m) => {
      const rebased = m.baselines?.[cutter.yearId];
      if (rebased === undefined) return m;
      cutter.adjust(
        `${at}.metrics[${m.id}].baseline`,
        m.baseline ?? 'none',
        rebased,
        `the baseline rebased for ${cutter.yearId} (${at}.metrics[${m.id}].baselines[${cutter.yearId}])`,
      );
      return { ...m, baseline: rebased };
    }),
    contributions: pool.contributions.map((c) => {
      const part = cutter.contributionPart(pool.id, c.party);
      if (part !== undefined) return { ...c, amount: part };
      if (c.amount === undefined) return c;
      return { ...c, amount: cutter.amount(`${at}.contributions[party=${c.party}].amount`, c.amount, c.party) };
    }),
  };
}

/** Whether the pool changes for this contract year even when nothing is cut: a baseline rebased for it. */
export const rebasedFor = (pool: OutcomePool, yearId: string): boolean =>
  pool.metrics.some((m) => m.baselines?.[yearId] !== undefined);
