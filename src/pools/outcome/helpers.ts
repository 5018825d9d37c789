import { allocateUnits } from '../../money/allocate.js';
import { Decimal } from '../../money/decimal.js';
import { compareIds } from '../../money/order.js';
import type { TraceInput, TraceNode } from '../../base/trace.js';

/** A trace node's text, worked out once per pool plan (its value is set when settled). */
export type NodeText = Omit<TraceNode, 'value'>;

export const sum = (values: Iterable<bigint>) => {
  let total = 0n;
  for (const v of values) total += v;
  return total;
};

export const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** A copy of a planned node for one settlement's trace (settlements share nothing mutable). */
export const copyNode = (node: NodeText & { value: string }) => ({
  ...node,
  inputs: node.inputs.map((i: TraceInput) => ({ ...i })),
});

/**
 * Allocates `units` by weights, tolerating the cases the engine meets legitimately: nothing to
 * split, or weights that are all zero (then nobody gets anything, and `units` must be zero).
 */
export function positive(units: bigint, weights: { id: string; weight: Decimal }[], scale: number) {
  const anyWeight = weights.some((w) => w.weight.sign() > 0);
  if (!anyWeight || units === 0n) {
    return weights.map((w) => ({
      id: w.id,
      weight: w.weight,
      exactShare: Decimal.ZERO,
      floor: 0n,
      unitsAdded: 0 as const,
      units: 0n,
    }));
  }
  return allocateUnits(units, weights, scale);
}

export function sortParts<T extends { id: string }>(parts: T[]): T[] {
  return parts.sort((a, b) => compareIds(a.id, b.id));
}
