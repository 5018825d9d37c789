import type { MemberCap } from './schema.js';
import { allocateUnits, allocateUnitsCapped, type UnitShare } from '../../money/allocate.js';
import { Decimal } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import { fraction, type Side } from '../../share/index.js';
import { timeWeighted } from '../context.js';
import type { EarlierPools } from '../kind.js';
import type { RiskSharePart } from './result-schema.js';
import { declaredFor, type RiskShareRun } from './run.js';
import type { AllianceShare } from './steps.js';

/** The alliance's share split between the members. */
export interface MemberSplit {
  /** The sum of the members' weights. */
  readonly totalWeight: Decimal;
  /** Per capped member: the most it takes of this side, in minor units. */
  readonly caps: ReadonlyMap<string, bigint>;
  /** Per member, in code-point order: its part as reported, and the minor units it gets (unsigned). */
  readonly members: readonly { readonly part: RiskSharePart; readonly units: bigint }[];
  /** What capped members could not take, in minor units (unsigned). */
  readonly overflow: bigint;
}

interface Weight {
  readonly id: string;
  readonly weight: Decimal;
}

/** A member's weight under the distribution basis. */
function weightOf(run: RiskShareRun, party: string, outcomeScores: EarlierPools): Decimal {
  const { pool, ctx } = run;
  const distribution = pool.distribution;
  switch (distribution.basis) {
    case 'fixed':
      return timeWeighted(ctx, party, Decimal.of(declaredFor(distribution.shares, party, 'fixed share')));
    case 'equal':
      return timeWeighted(ctx, party, Decimal.ONE);
    case 'contract-value':
      return run.contractValue(party);
    case 'budget':
      return Decimal.of(declaredFor(pool.budgets, party, 'budget'));
    case 'contribution': {
      const scores = distribution.pool === undefined ? undefined : outcomeScores.get(distribution.pool);
      return Decimal.fromUnits(scores?.contributed.get(party) ?? 0n, ctx.scale);
    }
    case 'measure': {
      if (distribution.measure === undefined) throw new Error('internal: a "measure" distribution with no measure');
      const found = run.measured(distribution.measure, party);
      if (found && found.value.sign() < 0) {
        // a negative weight is a mistake in the data, never read as zero in silence
        ctx.issues.push({
          path: `measurements[${found.index}].value`,
          code: 'negative_weight',
          message: `'${distribution.measure}' for '${party}' splits pool '${pool.id}' between its members, so it must not be negative, got ${found.value.toPlainString()}`,
        });
        return Decimal.ZERO;
      }
      return found?.value ?? Decimal.ZERO;
    }
  }
}

/** One member cap in minor units: a sum, or a percentage of the member's contract value (rounded down). */
function capUnits(run: RiskShareRun, party: string, cap: MemberCap): bigint {
  const { scale } = run.ctx;
  if (cap.amount !== undefined) return Decimal.of(cap.amount).toUnits(scale, 'down');
  return run.contractValue(party).times(fraction(cap.percentOfContractValue)).toUnits(scale, 'down');
}

/** Per member with caps on this side: the smallest of them, in minor units. */
function memberCaps(run: RiskShareRun, side: Side | 'none'): Map<string, bigint> {
  const caps = new Map<string, bigint>();
  const declared = run.pool.distribution.caps;
  for (const party of run.members) {
    const list = (declared && Object.hasOwn(declared, party) ? declared[party] : undefined)?.filter(
      (cap) => side !== 'none' && ((cap.applies ?? 'both') === 'both' || cap.applies === side),
    );
    if (!list || list.length === 0) continue;
    caps.set(
      party,
      list.map((cap) => capUnits(run, party, cap)).reduce((a, b) => (b < a ? b : a)),
    );
  }
  return caps;
}

/**
 * The magnitude split by weight (largest remainder). With caps and overflow "others", what a
 * capped member cannot take goes to the others; otherwise it is held back as overflow for the
 * commissioner, as is the whole share when no member has any weight.
 */
function allocate(
  run: RiskShareRun,
  weights: readonly Weight[],
  caps: ReadonlyMap<string, bigint>,
  magnitude: bigint,
  anyWeight: boolean,
): { shares: UnitShare[]; overflow: bigint } {
  const { scale } = run.ctx;
  const overflowRule = run.pool.distribution.overflow ?? 'others';
  if (!anyWeight || magnitude === 0n) {
    const shares = weights.map((w) => ({
      ...w,
      exactShare: Decimal.ZERO,
      floor: 0n,
      unitsAdded: 0 as const,
      units: 0n,
    }));
    return { shares, overflow: anyWeight ? 0n : magnitude };
  }
  if (overflowRule === 'others' && caps.size > 0) {
    const room = run.members.reduce((s, p) => s + (caps.get(p) ?? magnitude), 0n);
    const overflow = magnitude > room ? magnitude - room : 0n;
    const shares = allocateUnitsCapped(
      magnitude - overflow,
      weights.map((w) => ({ ...w, cap: caps.get(w.id) ?? magnitude })),
      scale,
    );
    return { shares, overflow };
  }
  let overflow = 0n;
  const shares = allocateUnits(magnitude, weights, scale).map((s) => {
    const cap = caps.get(s.id);
    if (cap === undefined || s.units <= cap) return s;
    overflow += s.units - cap;
    return { ...s, units: cap };
  });
  return { shares, overflow };
}

/**
 * Step 3 of a risk-share pool: the alliance's share split between the members by the
 * distribution basis (largest remainder), each held to its caps as declared.
 */
export function splitBetweenMembers(
  run: RiskShareRun,
  side: Side | 'none',
  share: AllianceShare,
  outcomeScores: EarlierPools,
): MemberSplit {
  const { pool, ctx } = run;
  const { scale, places } = ctx;
  const weights: Weight[] = run.members.map((party) => ({ id: party, weight: weightOf(run, party, outcomeScores) }));
  const anyWeight = weights.some((w) => w.weight.sign() > 0);
  if (!anyWeight && share.units !== 0n) {
    ctx.issues.push({
      path: 'measurements',
      code: 'zero_weights',
      message: `the members of risk-share pool '${pool.id}' all have weight 0 under basis "${pool.distribution.basis}", so its share cannot be split`,
    });
  }
  const caps = memberCaps(run, side);
  const { shares, overflow } = allocate(run, weights, caps, share.magnitude, anyWeight);
  const sign = side === 'loss' ? -1n : 1n;
  const weightOfMember = new Map(weights.map((w) => [w.id, w.weight]));
  const totalWeight = weights.reduce((s, x) => s.plus(x.weight), Decimal.ZERO);
  const exactOf = (party: string) => {
    const w = weightOfMember.get(party);
    if (w === undefined) throw new Error(`internal: '${party}' was given a share but has no weight`);
    return totalWeight.isZero()
      ? Decimal.ZERO
      : Decimal.fromUnits(share.magnitude, scale).times(w).dividedBy(totalWeight, places);
  };
  const members = shares
    .slice()
    .sort((a, b) => compareIds(a.id, b.id))
    .map((s) => {
      const exact = exactOf(s.id);
      const cap = caps.get(s.id);
      const capped = cap !== undefined && exact.gt(Decimal.fromUnits(cap, scale));
      const part: RiskSharePart = {
        party: s.id,
        weight: s.weight.toPlainString(),
        exactShare: exact.times(Decimal.fromInteger(sign)).toFixed(places),
        floor: run.money(sign * s.floor),
        unitsAdded: s.unitsAdded,
        amount: run.money(sign * s.units),
        capped,
      };
      return { part, units: s.units };
    });
  return { totalWeight, caps, members, overflow };
}
