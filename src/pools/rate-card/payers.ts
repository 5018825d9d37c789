import type { RateCard } from './schema.js';
import { allocateUnits } from '../../money/allocate.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import type { RoundingMode } from '../../money/rounding.js';
import { fraction } from '../../share/index.js';
import type { RateCardResult } from './result-schema.js';
import type { Claim } from './claims.js';

/** What one payer pays: per provider, in minor units, within its budget. */
export interface Payment {
  readonly payer: RateCard['payers'][number];
  /** Provider → minor units, in the order of provider id. */
  readonly pays: ReadonlyMap<string, bigint>;
  readonly row: RateCardResult['payers'][number];
}

/** What a payer pays a provider (nothing when it pays it nothing). */
export const paidTo = (payment: Payment, provider: string): bigint => payment.pays.get(provider) ?? 0n;

/**
 * Step 3 of a rate card: each provider's claims after the caps are split between the payers by
 * their shares (largest remainder); a payer owing more than its budget pays its budget, split
 * between the providers in proportion to what it owes them. Payers in the order given (sorted by the caller).
 */
export function payProviders(
  payers: readonly RateCard['payers'][number][],
  providerIds: readonly string[],
  claims: readonly Claim[],
  scale: number,
  mode: RoundingMode,
): Payment[] {
  const shares = payers.map((p) => ({ id: p.party, weight: fraction(p.percent) }));
  const dues = providerIds.map((provider) => {
    const due = claims.filter((c) => c.provider === provider).reduce((s, c) => s + c.amount, 0n);
    return { provider, parts: allocateUnits(due, shares, scale) };
  });
  return payers.map((payer) => {
    const owed = new Map(
      dues.flatMap(({ provider, parts }) => parts.filter((p) => p.id === payer.party).map((p) => [provider, p.units])),
    );
    const total = [...owed.values()].reduce((s, v) => s + v, 0n);
    const budget = payer.budget === undefined ? undefined : Decimal.of(payer.budget).toUnits(scale, mode);
    let pays: ReadonlyMap<string, bigint> = owed;
    if (budget !== undefined && total > budget) {
      pays = new Map(
        allocateUnits(
          budget,
          [...owed].map(([provider, units]) => ({ id: provider, weight: Decimal.fromUnits(units, scale) })),
          scale,
        ).map((p) => [p.id, p.units]),
      );
    }
    const payTotal = [...pays.values()].reduce((s, v) => s + v, 0n);
    const row = {
      party: payer.party,
      percent: payer.percent,
      owed: unitsText(total, scale),
      paid: unitsText(payTotal, scale),
      unfunded: unitsText(total - payTotal, scale),
    };
    return { payer, pays, row };
  });
}
