import type { RateCard } from './schema.js';
import type { Cutter } from '../context.js';

/** A rate card for what is settled: its caps on amounts (not per person) and payers' budgets are year amounts, cut. */
export function cutRateCard(pool: RateCard, cutter: Cutter): RateCard {
  const at = `pools[${pool.id}]`;
  return {
    ...pool,
    ...(pool.caps === undefined
      ? {}
      : {
          caps: pool.caps.map((c) =>
            c.per === 'person' ? c : { ...c, amount: cutter.amount(`${at}.caps[${c.id}].amount`, c.amount) },
          ),
        }),
    payers: pool.payers.map((p) =>
      p.budget === undefined ? p : { ...p, budget: cutter.amount(`${at}.payers[party=${p.party}].budget`, p.budget) },
    ),
  };
}
