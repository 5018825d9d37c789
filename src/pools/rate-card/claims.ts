import type { RateCard } from './schema.js';
import { Decimal } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import type { PoolContext } from '../context.js';

/** One claim: a measured count of an outcome for a provider (and a cohort or person) × its price. */
export interface Claim {
  readonly key: string;
  readonly provider: string;
  readonly outcome: string;
  readonly cohort: string | null;
  readonly person: string | null;
  readonly count: Decimal;
  readonly price: string;
  readonly claimed: bigint;
  /** What is paid, once the caps have cut it. */
  amount: bigint;
  readonly cuts: { cap: string; amount: bigint }[];
}

/** The price of one outcome: the cohort's price, else the period's, else the outcome's own. */
function priceOf(outcome: RateCard['outcomes'][number], cohort: string | undefined, periodId: string): string {
  const cohortPrices = outcome.cohortPrices;
  if (cohort !== undefined && cohortPrices && Object.hasOwn(cohortPrices, cohort)) {
    const price = cohortPrices[cohort];
    if (price !== undefined) return price;
  }
  const periodPrices = outcome.periodPrices;
  if (periodPrices && Object.hasOwn(periodPrices, periodId)) {
    const price = periodPrices[periodId];
    if (price !== undefined) return price;
  }
  return outcome.price;
}

/**
 * Step 1 of a rate card: a claim for every count measured for a provider paid, priced; a count
 * that is not a whole number, 0 or more, is reported and not claimed. Claims are in key order.
 */
export function collectClaims(pool: RateCard, ctx: PoolContext): { claims: Claim[]; provisional: boolean } {
  const { scale, mode } = ctx;
  let provisional = false;
  const providers = new Set(
    pool.providers ?? [...ctx.parties.values()].filter((p) => p.role === 'provider').map((p) => p.id),
  );
  const outcomes = new Map(pool.outcomes.map((o) => [o.measure, o]));
  const claims: Claim[] = [];
  for (const found of ctx.measured.values()) {
    const m = found.measurement;
    const outcome = outcomes.get(m.metric);
    if (!outcome || m.party === undefined || !providers.has(m.party)) continue;
    provisional ||= m.status === 'provisional';
    if (found.value.sign() < 0 || found.value.round(0, 'down').minus(found.value).sign() !== 0) {
      ctx.issues.push({
        path: 'measurements',
        code: 'invalid_count',
        message: `the count of '${m.metric}' for '${m.party}'${m.person ? ` (person '${m.person}')` : ''} is ${found.value.toPlainString()}; a count of outcomes must be a whole number, 0 or more`,
      });
      continue;
    }
    const price = priceOf(outcome, m.cohort, ctx.periodId);
    const claimed = found.value.times(Decimal.of(price)).toUnits(scale, mode);
    claims.push({
      key: [m.party, outcome.id, m.cohort ?? '', m.person ?? ''].join('\u0000'),
      provider: m.party,
      outcome: outcome.id,
      cohort: m.cohort ?? null,
      person: m.person ?? null,
      count: found.value,
      price,
      claimed,
      amount: claimed,
      cuts: [],
    });
  }
  claims.sort((a, b) => compareIds(a.key, b.key));
  return { claims, provisional };
}
