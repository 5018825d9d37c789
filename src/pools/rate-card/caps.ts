import type { RateCard } from './schema.js';
import { allocateUnits } from '../../money/allocate.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import type { PoolContext } from '../context.js';
import type { RateCardResult } from './result-schema.js';
import type { Claim } from './claims.js';

type RateCap = NonNullable<RateCard['caps']>[number];

/** The caps in the declared order (the contract's checks make sure every id names a cap). */
function capsInOrder(pool: RateCard): RateCap[] {
  const byId = new Map((pool.caps ?? []).map((c) => [c.id, c]));
  return (pool.capOrder ?? []).map((id) => {
    const cap = byId.get(id);
    if (!cap) throw new Error(`internal: rate card '${pool.id}' orders cap '${id}', which it does not declare`);
    return cap;
  });
}

/** The group a claim counts in under a cap (per person, cohort, provider or the contract), or null when it has none. */
function groupOf(cap: RateCap, claim: Claim): string | null {
  if (cap.per === 'person') return claim.person === null ? null : `${claim.provider}\u0000${claim.person}`;
  if (cap.per === 'cohort') return claim.cohort === null ? null : `${claim.provider}\u0000${claim.cohort}`;
  return cap.per === 'provider' ? claim.provider : '';
}

/** The claims grouped under a cap, the groups in code-point order. */
function groupsUnder(cap: RateCap, claims: readonly Claim[]): Claim[][] {
  const groups = new Map<string, Claim[]>();
  for (const claim of claims) {
    const group = groupOf(cap, claim);
    if (group === null) continue;
    let list = groups.get(group);
    if (!list) groups.set(group, (list = []));
    list.push(claim);
  }
  return [...groups].sort(([a], [b]) => compareIds(a, b)).map(([, list]) => list);
}

/** Cuts a group's claims to the limit in proportion to what they claim (largest remainder). */
function cutProRata(cap: RateCap, list: readonly Claim[], limit: bigint, scale: number): void {
  const byKey = new Map(list.map((c) => [c.key, c]));
  const parts = allocateUnits(
    limit,
    list.map((c) => ({ id: c.key, weight: Decimal.fromUnits(c.amount, scale) })),
    scale,
  );
  for (const part of parts) {
    const claim = byKey.get(part.id);
    if (!claim) throw new Error(`internal: an allocation returned a part for an unknown claim`);
    const cut = claim.amount - part.units;
    if (cut > 0n) claim.cuts.push({ cap: cap.id, amount: cut });
    claim.amount = part.units;
  }
}

/** Cuts a group's claims by the excess over the limit, the least protected outcomes first. */
function cutByPriority(
  cap: RateCap,
  list: readonly Claim[],
  excess: bigint,
  protectedness: (claim: Claim) => number,
): void {
  let left = excess;
  const order = [...list].sort((a, b) => protectedness(b) - protectedness(a) || compareIds(b.key, a.key));
  for (const claim of order) {
    if (left === 0n) break;
    const cut = claim.amount < left ? claim.amount : left;
    if (cut === 0n) continue;
    claim.amount -= cut;
    left -= cut;
    claim.cuts.push({ cap: cap.id, amount: cut });
  }
}

/**
 * Step 2 of a rate card: the caps in the declared order, each cutting the claims of every group
 * over it by the declared rule (the claims' amounts and cuts are updated), each traced.
 */
export function applyCaps(
  pool: RateCard,
  ctx: PoolContext,
  claims: readonly Claim[],
): RateCardResult['caps'][number][] {
  const { trace, scale, mode } = ctx;
  const priority = new Map((pool.priority ?? []).map((outcomeId, i) => [outcomeId, i]));
  const protectedness = (c: Claim) => priority.get(c.outcome) ?? Number.MAX_SAFE_INTEGER;
  const proRata = (pool.cut ?? 'pro-rata') === 'pro-rata';
  return capsInOrder(pool).map((cap) => {
    const limit = Decimal.of(cap.amount).toUnits(scale, mode);
    let cutTotal = 0n;
    for (const list of groupsUnder(cap, claims)) {
      const total = list.reduce((s, c) => s + c.amount, 0n);
      if (total <= limit) continue;
      if (proRata) cutProRata(cap, list, limit, scale);
      else cutByPriority(cap, list, total - limit, protectedness);
      cutTotal += total - limit;
    }
    const node = trace.add({
      id: `pool:${pool.id}:cap:${cap.id}`,
      label: `cap ${cap.id} (${cap.amount} per ${cap.per}) in rate card ${pool.id}`,
      value: unitsText(cutTotal, scale),
      formula: `claims over ${cap.amount} per ${cap.per} are cut ${proRata ? 'in proportion (largest remainder)' : 'from the least protected outcome first'}; total cut`,
      inputs: [{ name: 'cap', value: cap.amount }],
      path: `pools[${pool.id}].caps[${cap.id}]`,
      clause: cap.clause ?? pool.clause,
    });
    return { id: cap.id, per: cap.per, amount: cap.amount, cut: unitsText(cutTotal, scale), trace: node };
  });
}
