import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateUnits, allocateUnitsCapped } from '../../src/money/allocate.js';
import { Decimal } from '../../src/money/decimal.js';

/*
 * Property tests for the capped largest-remainder split used where a part has a ceiling (a
 * metric's earned amount never above its part at risk). Amounts are bigint pence.
 */

const rowsArb = fc
  .uniqueArray(
    fc.record({
      id: fc.stringMatching(/^[a-z0-9]{1,4}$/),
      weight: fc.bigInt({ min: 0n, max: 10n ** 8n }),
      cap: fc.bigInt({ min: 0n, max: 10n ** 6n }),
    }),
    { minLength: 1, maxLength: 12, selector: (r) => r.id },
  )
  .chain((rows) => {
    const room = rows.reduce((s, r) => s + r.cap, 0n);
    return fc.record({ rows: fc.constant(rows), total: fc.bigInt({ min: 0n, max: room }) });
  });

const asRows = (rows: { id: string; weight: bigint; cap: bigint }[]) =>
  rows.map((r) => ({ id: r.id, weight: Decimal.fromUnits(r.weight, 2), cap: r.cap }));

describe('allocateUnitsCapped', () => {
  it('keeps every part between 0 and its cap, and the parts add up to the total', () => {
    fc.assert(
      fc.property(rowsArb, ({ rows, total }) => {
        const parts = allocateUnitsCapped(total, asRows(rows), 2);
        expect(parts.map((p) => p.id)).toEqual(rows.map((r) => r.id).sort());
        for (const p of parts) {
          const cap = rows.find((r) => r.id === p.id)!.cap;
          expect(p.units >= 0n && p.units <= cap, `${p.id}: ${p.units} of cap ${cap}`).toBe(true);
        }
        expect(parts.reduce((s, p) => s + p.units, 0n)).toBe(total);
      }),
      { numRuns: 500 },
    );
  });

  it('is the plain largest-remainder split when no cap binds', () => {
    fc.assert(
      fc.property(rowsArb, ({ rows, total }) => {
        fc.pre(rows.some((r) => r.weight > 0n));
        // no cap binds: every exact share is within its cap (a cap of 0 on a part with weight binds,
        // even when the plain split happens to give that part nothing), and so is every rounded part
        const weights = rows.reduce((s, r) => s + r.weight, 0n);
        fc.pre(rows.every((r) => total * r.weight <= r.cap * weights));
        const plain = allocateUnits(total, asRows(rows), 2);
        fc.pre(plain.every((p) => p.units <= rows.find((r) => r.id === p.id)!.cap));
        expect(allocateUnitsCapped(total, asRows(rows), 2).map((p) => p.units)).toEqual(plain.map((p) => p.units));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(rowsArb, ({ rows, total }) => {
        const forward = allocateUnitsCapped(total, asRows(rows), 2);
        const backward = allocateUnitsCapped(total, asRows([...rows].reverse()), 2);
        expect(backward.map((p) => [p.id, p.units])).toEqual(forward.map((p) => [p.id, p.units]));
      }),
      { numRuns: 300 },
    );
  });

  it('passes what a capped part cannot take to the others by weight', () => {
    // 100 pence by weights 2:1:1 with a capped at 10: a 10; the other 90 split 1:1 → 45, 45
    const parts = allocateUnitsCapped(
      100n,
      asRows([
        { id: 'a', weight: 2n, cap: 10n },
        { id: 'b', weight: 1n, cap: 1000n },
        { id: 'c', weight: 1n, cap: 1000n },
      ]),
      2,
    );
    expect(parts.map((p) => [p.id, p.units])).toEqual([
      ['a', 10n],
      ['b', 45n],
      ['c', 45n],
    ]);
    // all positive weights at their caps: the rest goes to the zero-weight rows by room left
    const spill = allocateUnitsCapped(
      5n,
      asRows([
        { id: 'a', weight: 1n, cap: 2n },
        { id: 'b', weight: 0n, cap: 1n },
        { id: 'c', weight: 0n, cap: 3n },
      ]),
      2,
    );
    expect(spill.map((p) => [p.id, p.units])).toEqual([
      ['a', 2n],
      ['b', 1n],
      ['c', 2n],
    ]);
  });
});
