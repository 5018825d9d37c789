import type { RateCard } from './schema.js';
import { signedShares, type PoolKind } from '../kind.js';
import { cutRateCard } from './cut.js';
import { settleRateCard } from './settle.js';

/**
 * Rate cards: a price per outcome achieved, capped as declared, paid by one or more payers.
 * @example
 * // 12 people into work at £1,500.00 each: £18,000.00, within a cap of £20,000.00
 */
export const rateCards: PoolKind<RateCard> = {
  kind: 'rate-card',
  reads(pool, into) {
    for (const outcome of pool.outcomes) into.measures.add(outcome.measure);
  },
  cut: cutRateCard,
  settle: (pool, ctx) =>
    signedShares(settleRateCard(pool, ctx), 'pricedOutcomes', (into, result) => into.rateCards.push(result)),
};
