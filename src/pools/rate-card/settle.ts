import { entry } from '../../base/lookup.js';
import type { RateCard } from '../../contract/rate-card.js';
import { allocateUnits } from '../../money/allocate.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import { fraction } from '../../share/index.js';
import type { PoolContext } from '../context.js';
import type { PartyRiskShareStatement, RateCardResult } from '../../settle/types.js';

export interface RateCardOutcome {
  readonly pool: RateCardResult;
  readonly parties: Map<string, { units: bigint; statement: PartyRiskShareStatement }>;
  readonly provisional: boolean;
}

interface Claim {
  readonly key: string;
  readonly provider: string;
  readonly outcome: string;
  readonly cohort: string | null;
  readonly person: string | null;
  readonly count: Decimal;
  readonly price: string;
  readonly claimed: bigint;
  amount: bigint;
  readonly cuts: { cap: string; amount: bigint }[];
}

/**
 * Settles a rate card: each measured count × its price is a claim; the caps are applied in the
 * declared order, each cutting the claims of a group over it by the declared rule (pro rata by
 * largest remainder, or the least protected outcomes first); each provider's payment is split
 * between the payers by their shares, and a payer past its budget pays only up to it.
 */
export function settleRateCard(pool: RateCard, ctx: PoolContext): RateCardOutcome {
  const { trace, scale, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const at = `pools[${pool.id}]`;
  const clause = pool.clause;
  let provisional = false;
  const providers = new Set(
    pool.providers ?? [...ctx.parties.values()].filter((p) => p.role === 'provider').map((p) => p.id),
  );
  const outcomes = new Map(pool.outcomes.map((o) => [o.measure, o]));

  // 1. Claims: count × price
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
    const price =
      m.cohort !== undefined && outcome.cohortPrices && Object.hasOwn(outcome.cohortPrices, m.cohort)
        ? outcome.cohortPrices[m.cohort]!
        : outcome.periodPrices && Object.hasOwn(outcome.periodPrices, ctx.periodId)
          ? outcome.periodPrices[ctx.periodId]!
          : outcome.price;
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

  // 2. Caps, in the declared order
  const priority = new Map((pool.priority ?? []).map((outcomeId, i) => [outcomeId, i]));
  const protectedness = (c: Claim) => priority.get(c.outcome) ?? Number.MAX_SAFE_INTEGER;
  const capsById = new Map((pool.caps ?? []).map((c) => [c.id, c]));
  const capRows: RateCardResult['caps'][number][] = [];
  for (const capId of pool.capOrder ?? []) {
    const cap = entry(capsById, capId);
    const limit = Decimal.of(cap.amount).toUnits(scale, mode);
    const groups = new Map<string, Claim[]>();
    for (const claim of claims) {
      const group =
        cap.per === 'person'
          ? claim.person === null
            ? null
            : `${claim.provider}\u0000${claim.person}`
          : cap.per === 'cohort'
            ? claim.cohort === null
              ? null
              : `${claim.provider}\u0000${claim.cohort}`
            : cap.per === 'provider'
              ? claim.provider
              : '';
      if (group === null) continue;
      let list = groups.get(group);
      if (!list) groups.set(group, (list = []));
      list.push(claim);
    }
    let cutTotal = 0n;
    for (const group of [...groups.keys()].sort(compareIds)) {
      const list = entry(groups, group);
      const total = list.reduce((s, c) => s + c.amount, 0n);
      if (total <= limit) continue;
      if ((pool.cut ?? 'pro-rata') === 'pro-rata') {
        const parts = allocateUnits(
          limit,
          list.map((c) => ({ id: c.key, weight: Decimal.fromUnits(c.amount, scale) })),
          scale,
        );
        for (const part of parts) {
          const claim = list.find((c) => c.key === part.id)!;
          const cut = claim.amount - part.units;
          if (cut > 0n) claim.cuts.push({ cap: cap.id, amount: cut });
          claim.amount = part.units;
        }
      } else {
        let excess = total - limit;
        const order = [...list].sort((a, b) => protectedness(b) - protectedness(a) || compareIds(b.key, a.key));
        for (const claim of order) {
          if (excess === 0n) break;
          const cut = claim.amount < excess ? claim.amount : excess;
          if (cut === 0n) continue;
          claim.amount -= cut;
          excess -= cut;
          claim.cuts.push({ cap: cap.id, amount: cut });
        }
      }
      cutTotal += total - limit;
    }
    const node = trace.add({
      id: `pool:${pool.id}:cap:${cap.id}`,
      label: `cap ${cap.id} (${cap.amount} per ${cap.per}) in rate card ${pool.id}`,
      value: money(cutTotal),
      formula: `claims over ${cap.amount} per ${cap.per} are cut ${(pool.cut ?? 'pro-rata') === 'pro-rata' ? 'in proportion (largest remainder)' : 'from the least protected outcome first'}; total cut`,
      inputs: [{ name: 'cap', value: cap.amount }],
      path: `${at}.caps[${cap.id}]`,
      clause: cap.clause ?? clause,
    });
    capRows.push({ id: cap.id, per: cap.per, amount: cap.amount, cut: money(cutTotal), trace: node });
  }

  // 3. Payments per provider, split between the payers within their budgets
  const providerIds = [...new Set(claims.map((c) => c.provider))].sort(compareIds);
  const payers = [...pool.payers].sort((a, b) => compareIds(a.party, b.party));
  const owed = new Map<string, Map<string, bigint>>(); // payer → provider → units
  for (const payer of payers) owed.set(payer.party, new Map());
  for (const provider of providerIds) {
    const due = claims.filter((c) => c.provider === provider).reduce((s, c) => s + c.amount, 0n);
    for (const part of allocateUnits(
      due,
      payers.map((p) => ({ id: p.party, weight: fraction(p.percent) })),
      scale,
    ))
      entry(owed, part.id).set(provider, part.units);
  }
  const paid = new Map<string, Map<string, bigint>>();
  const payerRows: RateCardResult['payers'][number][] = [];
  for (const payer of payers) {
    const parts = entry(owed, payer.party);
    const total = [...parts.values()].reduce((s, v) => s + v, 0n);
    const budget = payer.budget === undefined ? undefined : Decimal.of(payer.budget).toUnits(scale, mode);
    let pays = parts;
    if (budget !== undefined && total > budget) {
      pays = new Map(
        allocateUnits(
          budget,
          [...parts].map(([provider, units]) => ({ id: provider, weight: Decimal.fromUnits(units, scale) })),
          scale,
        ).map((p) => [p.id, p.units]),
      );
    }
    paid.set(payer.party, pays);
    const payTotal = [...pays.values()].reduce((s, v) => s + v, 0n);
    payerRows.push({
      party: payer.party,
      percent: payer.percent,
      owed: money(total),
      paid: money(payTotal),
      unfunded: money(total - payTotal),
    });
  }

  // 4. Trace and statements
  const parties = new Map<string, { units: bigint; statement: PartyRiskShareStatement }>();
  const providerRows = providerIds.map((provider) => {
    const own = claims.filter((c) => c.provider === provider);
    const received = payers.reduce((s, p) => s + (entry(paid, p.party).get(provider) ?? 0n), 0n);
    const node = trace.add({
      id: `party:${provider}:${pool.id}:shared`,
      label: `${provider}: paid under rate card ${pool.id}`,
      value: money(received),
      formula: 'its claims after caps, paid by the payers in their shares within their budgets',
      inputs: [
        ...own.map((c) => ({ name: c.key.replaceAll('\u0000', ' '), value: money(c.amount) })),
        ...payers.map((p) => ({ name: `from ${p.party}`, value: money(entry(paid, p.party).get(provider) ?? 0n) })),
      ],
      path: at,
      clause,
    });
    parties.set(provider, {
      units: received,
      statement: { pool: pool.id, shared: money(received), trace: { shared: node } },
    });
    return { party: provider, claimed: money(own.reduce((s, c) => s + c.claimed, 0n)), received: money(received) };
  });
  for (const payer of payers) {
    const total = [...entry(paid, payer.party).values()].reduce((s, v) => s + v, 0n);
    const node = trace.add({
      id: `party:${payer.party}:${pool.id}:shared`,
      label: `${payer.party}: paid under rate card ${pool.id}`,
      value: money(-total),
      formula: `its ${payer.percent} % of every payment${payer.budget === undefined ? '' : `, within its budget of ${payer.budget}`}`,
      inputs: providerIds.map((p) => ({ name: p, value: money(entry(paid, payer.party).get(p) ?? 0n) })),
      path: `${at}.payers`,
      clause: payer.clause ?? clause,
    });
    parties.set(payer.party, {
      units: -total,
      statement: { pool: pool.id, shared: money(-total), trace: { shared: node } },
    });
  }
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
      payers: payerRows,
    },
    parties,
    provisional,
  };
}
