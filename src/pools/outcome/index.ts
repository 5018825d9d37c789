import type { OutcomePool } from './schema.js';
import { Decimal } from '../../money/decimal.js';
import type { PoolKind } from '../kind.js';
import { cutOutcomePool, rebasedFor } from './cut.js';
import { settleOutcomePool } from './settle.js';

/**
 * Outcome pools: money at risk earned by the weighted scores of outcome metrics, gated by
 * gateways, split between the accountable providers; what is not earned goes where declared.
 * @example
 * // £1,000,000 at risk, one metric scoring 0.6: £600,000 earned, £400,000 unearned
 */
export const outcomePools: PoolKind<OutcomePool> = {
  kind: 'outcome',
  reads(pool, into) {
    for (const metric of pool.metrics) into.metrics.set(metric.id, metric);
    for (const gateway of pool.gateways ?? []) into.measures.add(gateway.measure);
  },
  cut: cutOutcomePool,
  changesIn: rebasedFor,
  contributionsOnTheYear: (pool) => pool.contributions,
  carriesForward: (pool) => pool.unearned.to === 'next-year' || pool.forfeited?.to === 'next-year',
  settle(pool, ctx) {
    const o = settleOutcomePool(pool, ctx);
    const parties = new Map(
      [...o.parties].map(([party, statement]) => {
        const f = o.figures.get(party);
        const share = {
          group: 'pools' as const,
          statement,
          contributed: f?.contributed ?? 0n,
          earned: f?.earned ?? 0n,
          redistributed: f?.redistributed ?? 0n,
          returned: f?.returned ?? 0n,
        };
        return [party, share] as const;
      }),
    );
    return {
      provisional: o.provisional,
      parties,
      list(into) {
        into.metrics.push(...o.metrics);
        into.gateways.push(...o.gateways);
        into.pools.push(o.pool);
      },
      score: {
        score: Decimal.parse(o.pool.score) ?? Decimal.ZERO,
        node: o.pool.trace.score,
        contributed: new Map([...o.figures].map(([party, f]) => [party, f.contributed])),
      },
    };
  },
};
