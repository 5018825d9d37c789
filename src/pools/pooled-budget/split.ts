import type { PooledBudgetPool } from './schema.js';
import { allocateUnits, allocateUnitsCapped, type UnitShare } from '../../money/allocate.js';
import { Decimal, unitsText } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import { timeWeighted, type PoolContext } from '../context.js';
import type { PartyRiskShareStatement } from '../result-schema.js';
import type { PooledBudgetResult } from './result-schema.js';
import type { Met } from './waterfall.js';

type Contribution = PooledBudgetPool['contributions'][number];

/** A partner's contribution, and how much more it can be asked for (its maximum less what it put in). */
interface Partner {
  readonly contribution: Contribution;
  readonly room: bigint;
}

/** How the net result was split between the partners. */
export interface PartnerSplit {
  readonly partners: PooledBudgetResult['partners'][number][];
  readonly parties: Map<string, { units: bigint; statement: PartyRiskShareStatement }>;
  /** The partners' shares together, signed as the net result. */
  readonly shared: bigint;
  /** What the partners could not be asked for (past their maximums), signed as the net result. */
  readonly unfunded: bigint;
}

/** Each partner's weight: its fixed share, or its contribution, for its time in force. */
function weightsOf(pool: PooledBudgetPool, ctx: PoolContext, contributions: readonly Contribution[]) {
  return contributions.map((c) => ({
    id: c.party,
    weight:
      pool.split.basis === 'fixed'
        ? timeWeighted(ctx, c.party, Decimal.of(pool.split.shares?.[c.party]))
        : // a partner in force for part of the year shares in proportion to its contribution for the time it was in
          timeWeighted(ctx, c.party, Decimal.of(c.amount)),
  }));
}

/**
 * The net result's magnitude split by weight (largest remainder): a return to the partners in
 * full, an amount they must add held to each one's room under its maximum, the rest unfunded.
 */
function allocateNet(
  net: bigint,
  weights: readonly { id: string; weight: Decimal }[],
  roomOf: (party: string) => bigint,
  scale: number,
): { shares: UnitShare[]; unfunded: bigint } {
  const magnitude = net < 0n ? -net : net;
  if (magnitude === 0n || !weights.some((w) => w.weight.sign() > 0)) {
    const shares = weights.map((w) => ({
      ...w,
      exactShare: Decimal.ZERO,
      floor: 0n,
      unitsAdded: 0 as const,
      units: 0n,
    }));
    return { shares, unfunded: magnitude };
  }
  if (net > 0n) return { shares: allocateUnits(magnitude, weights, scale), unfunded: 0n };
  const totalRoom = weights.reduce((s, w) => s + roomOf(w.id), 0n);
  const unfunded = magnitude > totalRoom ? magnitude - totalRoom : 0n;
  const shares = allocateUnitsCapped(
    magnitude - unfunded,
    weights.map((w) => ({ ...w, cap: roomOf(w.id) })),
    scale,
  );
  return { shares, unfunded };
}

/**
 * Step 3 of a pooled budget: the net result split between the partners (contributions in order
 * of party), each one's share traced and put on its statement.
 */
export function splitBetweenPartners(
  pool: PooledBudgetPool,
  ctx: PoolContext,
  contributions: readonly Contribution[],
  { net, netNode }: Met,
): PartnerSplit {
  const { trace, scale, mode } = ctx;
  const money = (units: bigint) => unitsText(units, scale);
  const units = (text: string) => Decimal.of(text).toUnits(scale, mode);
  const magnitude = net < 0n ? -net : net;
  const partnerOf = new Map(
    contributions.map((c): [string, Partner] => {
      const room = c.maximum === undefined ? magnitude : units(c.maximum) - units(c.amount);
      return [c.party, { contribution: c, room: room < 0n ? 0n : room }];
    }),
  );
  const partner = (party: string): Partner => {
    const found = partnerOf.get(party);
    if (!found) throw new Error(`internal: '${party}' has a share of pooled budget '${pool.id}' but no contribution`);
    return found;
  };
  const { shares, unfunded } = allocateNet(net, weightsOf(pool, ctx, contributions), (p) => partner(p).room, scale);
  const sign = net < 0n ? -1n : 1n;
  const parties = new Map<string, { units: bigint; statement: PartyRiskShareStatement }>();
  const partners = shares
    .slice()
    .sort((a, b) => compareIds(a.id, b.id))
    .map((s) => {
      const { contribution, room } = partner(s.id);
      const amount = sign * s.units;
      const node = trace.add({
        id: `party:${s.id}:${pool.id}:shared`,
        label: `${s.id}: share of the ${net < 0n ? 'overspend' : 'underspend'} (pool ${pool.id})`,
        value: money(amount),
        formula: `${pool.split.basis === 'fixed' ? `fixed share ${s.weight.toPlainString()} %` : `in proportion to its contribution ${contribution.amount}`}${ctx.timeWeights === null ? '' : ' × its time in force'}: exact ${s.exactShare.toFixed(ctx.places)}, floor ${money(sign * s.floor)}, ${s.unitsAdded} unit added by largest remainder${net < 0n && contribution.maximum !== undefined ? `; at most ${money(room)} more (maximum contribution ${contribution.maximum})` : ''}`,
        inputs: [{ name: 'net result', value: money(net), node: netNode }],
        path: `pools[${pool.id}].split`,
        clause: pool.split.clause ?? pool.clause,
      });
      parties.set(s.id, {
        units: amount,
        statement: { pool: pool.id, shared: money(amount), trace: { shared: node } },
      });
      return {
        party: s.id,
        contributed: money(units(contribution.amount)),
        weight: s.weight.toPlainString(),
        exactShare: s.exactShare.times(Decimal.fromInteger(sign)).toFixed(ctx.places),
        floor: money(sign * s.floor),
        unitsAdded: s.unitsAdded,
        amount: money(amount),
        capped: net < 0n && contribution.maximum !== undefined && s.units === room && s.units > 0n,
      };
    });
  const shared = sign * shares.reduce((s, x) => s + x.units, 0n);
  return { partners, parties, shared, unfunded: sign * unfunded };
}
