import * as z from 'zod';
import { decimalSign, isDecimalText } from '../base/decimal-text.js';
import { show } from '../base/errors.js';
import { entry, itemAt } from '../base/lookup.js';
import { guarded, moneyArgument, parseArguments } from './arguments.js';
import { minorUnits, type CurrencyCode } from './currency.js';
import { Decimal, pow10, RATIO_DECIMAL_PLACES } from './decimal.js';
import { compareIds } from './order.js';

/** One party's part of an allocation, with the working an auditor needs to see where each penny went. */
export interface AllocationPart {
  readonly id: string;
  /** The weight as given. */
  readonly weight: string;
  /** total × weight / sum of weights, to 18 decimal places (half-even) for display; the rule itself compares exactly. */
  readonly exactShare: string;
  /** The exact share rounded towards zero to the minor unit. */
  readonly floor: string;
  /** Minor units added by the largest-remainder rule: 0 or 1. */
  readonly unitsAdded: 0 | 1;
  /** floor + units added: what the party gets. */
  readonly amount: string;
}

/** The result of splitting an amount by weights. Parts are listed in code-point order of id. */
export interface Allocation {
  readonly rule: 'largest-remainder';
  readonly currency: CurrencyCode;
  readonly total: string;
  readonly parts: readonly AllocationPart[];
}

/** Internal form used by the settlement engine: amounts in minor units, weights as decimals. */
export interface UnitShare {
  readonly id: string;
  readonly weight: Decimal;
  /** Exact share as a decimal rounded to 18 places (for display only). */
  readonly exactShare: Decimal;
  readonly floor: bigint;
  readonly unitsAdded: 0 | 1;
  readonly units: bigint;
}

/**
 * Splits `total` minor units by non-negative `weights` with the largest-remainder (Hamilton)
 * rule of design.md section 4: each id gets the floor of its exact share; the leftover units go
 * one each to the largest remainders; ties go to the larger weight, then to the smaller id in
 * code-point order, so the input order never matters. A negative total is split as its absolute
 * value and negated, so allocating -x is exactly the negation of allocating x.
 * The caller guarantees weights are non-negative with a positive sum and ids are distinct.
 */
export function allocateUnits(
  total: bigint,
  weights: readonly { readonly id: string; readonly weight: Decimal }[],
  scale: number,
): UnitShare[] {
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const commonScale = weights.reduce((s, w) => Math.max(s, w.weight.scale), 0);
  const integerWeights = weights.map((w) => w.weight.coefficient * pow10(commonScale - w.weight.scale));
  const weightSum = integerWeights.reduce((a, b) => a + b, 0n);
  const rows = weights.map((w, i) => {
    const numerator = magnitude * itemAt(integerWeights, i);
    return {
      id: w.id,
      weight: w.weight,
      integerWeight: itemAt(integerWeights, i),
      floor: numerator / weightSum,
      remainder: numerator % weightSum,
      added: 0 as 0 | 1,
    };
  });
  let leftover = magnitude - rows.reduce((a, r) => a + r.floor, 0n);
  const byClaim = [...rows].sort(
    (a, b) =>
      (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1) ||
      (a.integerWeight === b.integerWeight ? 0 : a.integerWeight > b.integerWeight ? -1 : 1) ||
      compareIds(a.id, b.id),
  );
  for (const row of byClaim) {
    if (leftover === 0n) break;
    row.added = 1;
    leftover -= 1n;
  }
  const sign = negative ? -1n : 1n;
  const totalDecimal = Decimal.fromUnits(magnitude, scale);
  const weightSumDecimal = Decimal.fromUnits(weightSum, commonScale);
  return rows
    .map((r) => ({
      id: r.id,
      weight: r.weight,
      exactShare: totalDecimal
        .times(Decimal.fromUnits(r.integerWeight, commonScale))
        .dividedBy(weightSumDecimal, RATIO_DECIMAL_PLACES)
        .times(Decimal.fromInteger(sign)),
      floor: sign * r.floor,
      unitsAdded: r.added,
      units: sign * (r.floor + BigInt(r.added)),
    }))
    .sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Largest remainder with a ceiling per id: splits `total` (≥ 0, at most the sum of the caps)
 * by weight; an id whose part would pass its cap gets the cap, and what is left is split again
 * among the others by the same rule, until nothing passes a cap. If units are left once every
 * id with a positive weight is at its cap, they go to the remaining ids in proportion to their
 * room under the cap. Each part ends between 0 and its cap, and the parts add up to `total`.
 */
export function allocateUnitsCapped(
  total: bigint,
  rows: readonly { readonly id: string; readonly weight: Decimal; readonly cap: bigint }[],
  scale: number,
): UnitShare[] {
  const done = new Map<string, UnitShare>();
  let remaining = total;
  let active = rows.filter((r) => r.cap > 0n);
  for (const r of rows)
    if (r.cap <= 0n)
      done.set(r.id, { id: r.id, weight: r.weight, exactShare: Decimal.ZERO, floor: 0n, unitsAdded: 0, units: 0n });
  while (active.length > 0) {
    if (remaining === 0n) {
      for (const r of active)
        done.set(r.id, { id: r.id, weight: r.weight, exactShare: Decimal.ZERO, floor: 0n, unitsAdded: 0, units: 0n });
      break;
    }
    const weighted = active.some((r) => r.weight.sign() > 0);
    const shares = allocateUnits(
      remaining,
      active.map((r) => ({ id: r.id, weight: weighted ? r.weight : Decimal.fromUnits(r.cap, scale) })),
      scale,
    );
    const capOf = new Map(active.map((r) => [r.id, r.cap]));
    const over = shares.filter((s) => s.units > entry(capOf, s.id));
    if (over.length === 0) {
      for (const s of shares) done.set(s.id, s);
      break;
    }
    for (const s of over) {
      const cap = entry(capOf, s.id);
      done.set(s.id, { ...s, floor: cap, unitsAdded: 0, units: cap });
      remaining -= cap;
    }
    const capped = new Set(over.map((s) => s.id));
    active = active.filter((r) => !capped.has(r.id));
  }
  const parts = rows.map((r) => entry(done, r.id)).sort((a, b) => compareIds(a.id, b.id));
  if (parts.reduce((sum, p) => sum + p.units, 0n) !== total)
    throw new Error('internal: a capped allocation was asked for more than its caps hold');
  return parts;
}

/** A weight: a decimal string that is zero or more ("1", "80", "0.125"). */
const isWeightText = (value: unknown): value is string => isDecimalText(value) && decimalSign(value) >= 0;

/**
 * The weights by party id, read as a Map of their own keys (a record schema would drop a key
 * "__proto__", and with it a party's money): each a non-negative decimal, at least one, not all zero.
 */
const weightsArgument = z
  .custom<Readonly<Record<string, string>>>()
  .transform((weights) => new Map(typeof weights === 'object' && weights !== null ? Object.entries(weights) : []))
  .pipe(
    z
      .map(
        z.string(),
        guarded<string, string>(
          isWeightText,
          'invalid_weight',
          (weight) => `weight must be a non-negative decimal string such as "1" or "12.5", got ${show(weight)}`,
        ).transform((weight) => Decimal.of(weight)),
      )
      .superRefine((weights, context) => {
        if (weights.size === 0)
          context.addIssue({
            code: 'custom',
            message: 'at least one weight is needed',
            params: { code: 'no_weights' },
          });
        else if ([...weights.values()].every((weight) => weight.isZero()))
          context.addIssue({
            code: 'custom',
            message: 'the weights add up to zero, so nothing can be split by them',
            params: { code: 'zero_weights' },
          });
      }),
  );

/** The arguments of `allocate`, checked together so that every problem is reported at once. */
const allocateArguments = z.object({ total: moneyArgument('1250000.00'), weights: weightsArgument });
type AllocateArguments = z.input<typeof allocateArguments>;

/**
 * Splits an amount of money between parties by weights so that the parts add up exactly,
 * using the largest-remainder rule (design.md section 4) and recording per party the exact
 * share, the floor and the units added.
 *
 * @param total - the amount to split, as a decimal string in the currency's minor units
 * @param weights - party id → non-negative weight, as decimal strings (any scale: "1", "80", "0.125")
 * @returns the parts, in code-point order of party id
 * @throws ContractError listing every problem with the arguments
 * @example
 * allocate({ amount: '100.00', currency: 'GBP' }, { a: '1', b: '1', c: '1' }).parts.map((p) => p.amount);
 * // → ['33.34', '33.33', '33.33']  (the extra penny goes to 'a': equal remainders and weights, smallest id)
 */
export function allocate(
  total: Readonly<AllocateArguments['total']>,
  weights: AllocateArguments['weights'],
): Allocation {
  const args = parseArguments(allocateArguments, { total, weights }, { name: 'allocate' });
  const { currency } = args.total;
  const amount = Decimal.of(args.total.amount);
  const parsed = [...args.weights].map(([id, weight]) => ({ id, weight }));
  const scale = minorUnits(currency);
  const parts = allocateUnits(amount.toUnits(scale), parsed, scale).map((share) => ({
    id: share.id,
    weight: share.weight.toString(),
    exactShare: share.exactShare.toString(),
    floor: Decimal.fromUnits(share.floor, scale).toString(),
    unitsAdded: share.unitsAdded,
    amount: Decimal.fromUnits(share.units, scale).toString(),
  }));
  return {
    rule: 'largest-remainder',
    currency,
    total: Decimal.fromUnits(amount.toUnits(scale), scale).toString(),
    parts,
  };
}
