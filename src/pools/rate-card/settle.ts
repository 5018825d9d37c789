import type { RateCard } from './schema.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import type { PoolContext } from '../context.js';
import type { PartyRiskShareStatement } from '../result-schema.js';
import type { RateCardResult } from './result-schema.js';
import { applyCaps } from './caps.js';
import { collectClaims, type Claim } from './claims.js';
import { paidTo, payProviders, type Payment } from './payers.js';

export interface RateCardOutcome {
  readonly pool: RateCardResult;
  readonly parties: Map<string, { units: bigint; statement: PartyRiskShareStatement }>;
  readonly provisional: boolean;
}

type Parties = RateCardOutcome['parties'];

/** Each provider's payment from the payers, traced and put on its statement. */
function traceProviders(
  pool: RateCard,
  ctx: PoolContext,
  providerIds: readonly string[],
  claims: readonly Claim[],
  payments: readonly Payment[],
  parties: Parties,
  caps: readonly RateCardResult['caps'][number][],
): RateCardResult['providers'][number][] {
  const money = (units: bigint) => unitsText(units, ctx.scale);
  return providerIds.map((provider) => {
    const own = claims.filter((c) => c.provider === provider);
    const received = payments.reduce((s, p) => s + paidTo(p, provider), 0n);
    const node = ctx.trace.add({
      id: `party:${provider}:${pool.id}:shared`,
      label: `${provider}: paid under rate card ${pool.id}`,
      value: money(received),
      formula: 'its claims after caps, paid by the payers in their shares within their budgets',
      inputs: [
        // a claim named by its outcome, cohort and person, the empty ones left out
        ...own.map((c) => ({ name: c.key.split('\u0000').filter(Boolean).join(' '), value: money(c.amount) })),
        // each cap that cut one of its claims, with the total that cap cut
        ...caps
          .filter((cap) => own.some((c) => c.cuts.some((cut) => cut.cap === cap.id)))
          .map((cap) => ({ name: `cap ${cap.id} (its total cut)`, value: cap.cut, node: cap.trace })),
        ...payments.map((p) => ({ name: `from ${p.payer.party}`, value: money(paidTo(p, provider)) })),
      ],
      path: `pools[${pool.id}]`,
      clause: pool.clause,
    });
    parties.set(provider, {
      units: received,
      statement: { pool: pool.id, shared: money(received), trace: { shared: node } },
    });
    return { party: provider, claimed: money(own.reduce((s, c) => s + c.claimed, 0n)), received: money(received) };
  });
}

/** Each payer's total paid (negative), traced and put on its statement. */
function tracePayers(
  pool: RateCard,
  ctx: PoolContext,
  providerIds: readonly string[],
  payments: readonly Payment[],
  parties: Parties,
): void {
  const money = (units: bigint) => unitsText(units, ctx.scale);
  for (const payment of payments) {
    const { payer } = payment;
    const total = [...payment.pays.values()].reduce((s, v) => s + v, 0n);
    const node = ctx.trace.add({
      id: `party:${payer.party}:${pool.id}:shared`,
      label: `${payer.party}: paid under rate card ${pool.id}`,
      value: money(-total),
      formula: `its ${payer.percent} % of every payment${payer.budget === undefined ? '' : `, within its budget of ${payer.budget}`}`,
      inputs: providerIds.map((p) => ({ name: p, value: money(paidTo(payment, p)) })),
      path: `pools[${pool.id}].payers`,
      clause: payer.clause ?? pool.clause,
    });
    parties.set(payer.party, {
      units: -total,
      statement: { pool: pool.id, shared: money(-total), trace: { shared: node } },
    });
  }
}

/**
 * The rate card's conservation record: the claims after caps against what each provider received
 * (from its own entry) plus what each payer could not fund, worked out from what it owed and its
 * budget rather than from what it paid, so a split that makes or loses a minor unit shows here.
 */
function conserved(ctx: PoolContext, claims: readonly Claim[], payments: readonly Payment[], parties: Parties) {
  const money = (units: bigint) => unitsText(units, ctx.scale);
  const payerIds = new Set(payments.map((p) => p.payer.party));
  const claimed = claims.reduce((s, c) => s + c.amount, 0n);
  const received = [...parties].reduce((s, [id, p]) => (payerIds.has(id) ? s : s + p.units), 0n);
  const units = (text: string) => Decimal.of(text).toUnits(ctx.scale, ctx.mode);
  const unfunded = payments.reduce((s, { payer, row }) => {
    const owed = units(row.owed);
    const budget = payer.budget === undefined ? owed : units(payer.budget);
    return s + (owed > budget ? owed - budget : 0n);
  }, 0n);
  return { in: money(claimed), out: money(received + unfunded), difference: money(claimed - received - unfunded) };
}

/**
 * Settles a rate card: each measured count × its price is a claim; the caps are applied in the
 * declared order, each cutting the claims of a group over it by the declared rule (pro rata by
 * largest remainder, or the least protected outcomes first); each provider's payment is split
 * between the payers by their shares, and a payer past its budget pays only up to it.
 */
export function settleRateCard(pool: RateCard, ctx: PoolContext): RateCardOutcome {
  const money = (units: bigint) => unitsText(units, ctx.scale);
  const { claims, provisional } = collectClaims(pool, ctx);
  const capRows = applyCaps(pool, ctx, claims);
  const providerIds = [...new Set(claims.map((c) => c.provider))].sort(compareIds);
  const payers = [...pool.payers].sort((a, b) => compareIds(a.party, b.party));
  const payments = payProviders(payers, providerIds, claims, ctx.scale, ctx.mode);
  const parties: Parties = new Map();
  const providerRows = traceProviders(pool, ctx, providerIds, claims, payments, parties, capRows);
  tracePayers(pool, ctx, providerIds, payments, parties);
  const conservation = conserved(ctx, claims, payments, parties);
  return {
    pool: {
      id: pool.id,
      name: pool.name,
      kind: 'rate-card',
      claims: claims.map((c) => ({
        provider: c.provider,
        outcome: c.outcome,
        cohort: c.cohort,
        person: c.person,
        count: c.count.toPlainString(),
        price: c.price,
        claimed: money(c.claimed),
        paid: money(c.amount),
        cuts: c.cuts.map((cut) => ({ cap: cut.cap, amount: money(cut.amount) })),
      })),
      caps: capRows,
      providers: providerRows,
      payers: payments.map((p) => p.row),
      conservation,
    },
    parties,
    provisional,
  };
}
