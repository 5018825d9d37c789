import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type Allocation } from '../../src/index.js';

/*
 * Property tests for `allocate` (design.md section 4, "Allocation", and section 5, invariant 4:
 * fair rounding). Every expected figure is worked out here in bigint minor units from the
 * definition: exact share = total × w / W; floor towards zero; leftover units to the largest
 * remainders, ties to the larger weight, then the smaller id in code-point order.
 */

/** `units / 10^scale` as plain text, written independently of the code under test. */
function text(units: bigint, scale: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** A plain decimal string as an integer at `scale` decimals (it must not have more). */
function unitsOf(value: string, scale: number): bigint {
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  if (fraction.length > scale) throw new Error(`${value} has more than ${scale} decimals`);
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -units : units;
}

const pence = (value: string) => unitsOf(value, 2);
const abs = (x: bigint) => (x < 0n ? -x : x);
const negateText = (value: string) =>
  value.startsWith('-') ? value.slice(1) : /^0(?:\.0*)?$/.test(value) ? value : `-${value}`;

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,7}$/);

/** A total in pence, also negative, written with 2 decimals, or fewer when that is exact. */
const total = fc
  .tuple(
    fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n })),
    fc.boolean(),
  )
  .map(([units, short]) => {
    const full = text(units, 2);
    return { units, amount: short ? full.replace(/\.?0+$/, '') : full };
  });

/** A non-negative weight with 0 to 4 decimals; small values often, so weights repeat and are zero. */
const weight = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(0n, 0n, 1n, 2n, 3n, 5n, 10n),
      fc.bigInt({ min: 0n, max: 100n }),
      fc.bigInt({ min: 0n, max: 10n ** 9n }),
    ),
    fc.integer({ min: 0, max: 4 }),
  )
  .map(([units, scale]) => text(units, scale));

/** 1 to 30 parties with distinct ids and weights that are not all zero. */
const weights = fc
  .uniqueArray(fc.tuple(id, weight), { minLength: 1, maxLength: 30, selector: ([partyId]) => partyId })
  .map((entries) =>
    entries.some(([, w]) => !/^0(?:\.0*)?$/.test(w)) ? entries : entries.map(([p, w], i) => [p, i === 0 ? '1' : w]),
  ) as fc.Arbitrary<[string, string][]>;

/** Weights as integers at one common scale (4 decimals is the most generated). */
const W_SCALE = 4;
const integerWeight = (value: string) => unitsOf(value, W_SCALE);

const run = (amount: string, entries: readonly (readonly [string, string])[]): Allocation =>
  allocate({ amount, currency: 'GBP' }, Object.fromEntries(entries));

const codePointLess = (a: string, b: string) => a < b; // ids here are ASCII, where code units are code points

describe('allocate: largest remainder, property by property', () => {
  it('splits any total, negative included, into parts that add up to it exactly', () => {
    fc.assert(
      fc.property(total, weights, (t, entries) => {
        const result = run(t.amount, entries);
        expect(result.total).toBe(text(t.units, 2));
        expect(result.parts.reduce((s, p) => s + pence(p.amount), 0n)).toBe(t.units);
      }),
      { numRuns: 300 },
    );
  });

  it('gives each party less than one penny more or less than its exact share total × w / W', () => {
    fc.assert(
      fc.property(total, weights, (t, entries) => {
        const result = run(t.amount, entries);
        const sum = entries.reduce((s, [, w]) => s + integerWeight(w), 0n);
        for (const part of result.parts) {
          // |amount − total × w / W| < 1 penny  ⇔  |amount × W − total × w| < W  (all in pence)
          const w = integerWeight(part.weight);
          expect(abs(pence(part.amount) * sum - t.units * w) < sum).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('records per party the floor towards zero of the exact share, 0 or 1 unit added, and the exact share to 18 places', () => {
    fc.assert(
      fc.property(total, weights, (t, entries) => {
        const result = run(t.amount, entries);
        const sum = entries.reduce((s, [, w]) => s + integerWeight(w), 0n);
        const given = new Map(entries);
        for (const part of result.parts) {
          const w = integerWeight(part.weight);
          expect(part.weight).toBe(given.get(part.id));
          // BigInt division truncates towards zero, which is the floor the definition means
          expect(pence(part.floor)).toBe((t.units * w) / sum);
          expect([0, 1]).toContain(part.unitsAdded);
          expect(pence(part.amount)).toBe(pence(part.floor) + (t.units < 0n ? -1n : 1n) * BigInt(part.unitsAdded));
          // exact share = total × w / W to 18 places, half-even (|2 × error| ≤ one unit of the 18th place)
          const share = unitsOf(part.exactShare, 18);
          expect(part.exactShare).toMatch(/^-?\d+\.\d{18}$/);
          expect(abs(2n * (share * sum - t.units * w * 10n ** 16n)) <= sum).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adds the leftover units to the largest remainders, ties to the larger weight and then the smaller id', () => {
    fc.assert(
      fc.property(total, weights, (t, entries) => {
        const result = run(t.amount, entries);
        const sum = entries.reduce((s, [, w]) => s + integerWeight(w), 0n);
        const claim = (p: Allocation['parts'][number]) => ({
          remainder: abs(t.units * integerWeight(p.weight)) % sum,
          weight: integerWeight(p.weight),
          id: p.id,
        });
        const added = result.parts.filter((p) => p.unitsAdded === 1).map(claim);
        const notAdded = result.parts.filter((p) => p.unitsAdded === 0).map(claim);
        for (const a of added) {
          expect(a.remainder > 0n).toBe(true);
          for (const b of notAdded) {
            const ahead =
              a.remainder > b.remainder ||
              (a.remainder === b.remainder &&
                (a.weight > b.weight || (a.weight === b.weight && codePointLess(a.id, b.id))));
            expect(ahead, `${a.id} got a unit before ${b.id}`).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same output whatever order the weights are listed in, parts in code-point order of id', () => {
    const listed = weights.chain((entries) =>
      fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length })),
    );
    fc.assert(
      fc.property(total, listed, (t, [entries, shuffled]) => {
        const result = run(t.amount, entries);
        expect(run(t.amount, shuffled)).toEqual(result);
        const ids = result.parts.map((p) => p.id);
        expect(ids).toEqual([...ids].sort((a, b) => (codePointLess(a, b) ? -1 : codePointLess(b, a) ? 1 : 0)));
      }),
      { numRuns: 300 },
    );
  });

  it('allocates -x as exactly the negation of allocating x', () => {
    fc.assert(
      fc.property(total, weights, (t, entries) => {
        const positive = run(text(abs(t.units), 2), entries);
        const negative = run(text(-abs(t.units), 2), entries);
        expect(negative.total).toBe(negateText(positive.total));
        expect(negative.parts).toEqual(
          positive.parts.map((p) => ({
            ...p,
            exactShare: negateText(p.exactShare),
            floor: negateText(p.floor),
            amount: negateText(p.amount),
          })),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('gives parties with identical weights amounts at most one penny apart', () => {
    // weights drawn from a handful of values, written with different decimals ("1", "1.0", "1.00"), so many coincide
    const repeated = fc
      .uniqueArray(fc.tuple(id, fc.constantFrom(0n, 1n, 2n, 3n, 7n), fc.integer({ min: 0, max: 2 })), {
        minLength: 2,
        maxLength: 30,
        selector: ([partyId]) => partyId,
      })
      .map((rows) => rows.map(([p, units, pad]): [string, string] => [p, text(units * 10n ** BigInt(pad), pad)]))
      .filter((entries) => entries.some(([, w]) => !/^0(?:\.0*)?$/.test(w)));
    fc.assert(
      fc.property(total, repeated, (t, entries) => {
        const parts = run(t.amount, entries).parts;
        for (const a of parts)
          for (const b of parts) {
            if (integerWeight(a.weight) !== integerWeight(b.weight)) continue;
            expect(abs(pence(a.amount) - pence(b.amount)) <= 1n, `${a.id} and ${b.id}`).toBe(true);
          }
      }),
      { numRuns: 300 },
    );
  });
});
