import { describe, expect, it } from 'vitest';
import { divideRounded, type RoundingMode } from '../../src/money/rounding.js';

// Source of the rule: src/money/rounding.ts (doc comment): `up`/`down` are away from / towards
// zero, `floor`/`ceiling` towards minus / plus infinity, and the half-* modes differ only on a tie
// (exactly half a unit): half-up away from zero, half-down towards zero, half-even to the even
// neighbour. Every figure below is n / d worked by hand; the quotient is written out in the comment.

const rounded = (n: bigint, d: bigint, mode: RoundingMode) => divideRounded(n, d, mode);

describe('divideRounded on a tie (exactly .5)', () => {
  // 5 / 2 = 2.5, 7 / 2 = 3.5 (the neighbours 2|3 and 3|4 differ in parity); 25 / 10 = 2.5 too.
  it.each<[RoundingMode, bigint, bigint, bigint, bigint]>([
    // mode,       2.5, -2.5, 3.5, -3.5
    ['half-up', 3n, -3n, 4n, -4n],
    ['half-down', 2n, -2n, 3n, -3n],
    ['half-even', 2n, -2n, 4n, -4n],
    ['up', 3n, -3n, 4n, -4n],
    ['down', 2n, -2n, 3n, -3n],
    ['floor', 2n, -3n, 3n, -4n],
    ['ceiling', 3n, -2n, 4n, -3n],
  ])('kills mutants of %s at .5: 2.5 → %s, −2.5 → %s, 3.5 → %s, −3.5 → %s', (mode, a, b, c, e) => {
    expect([rounded(5n, 2n, mode), rounded(-5n, 2n, mode), rounded(7n, 2n, mode), rounded(-7n, 2n, mode)]).toEqual([
      a,
      b,
      c,
      e,
    ]);
    // the same ties with a larger divisor: 25 / 10 = 2.5, −35 / 10 = −3.5
    expect([rounded(25n, 10n, mode), rounded(-35n, 10n, mode)]).toEqual([a, e]);
  });

  it('kills mutant: half-down rounds a tie away from zero (2.5 → 2, −2.5 → −2, 0.5 → 0)', () => {
    // half-down: a tie goes towards zero, so 2.5 → 2 and −2.5 → −2; 1 / 2 = 0.5 → 0 (and −0.5 → 0).
    expect(rounded(5n, 2n, 'half-down')).toBe(2n);
    expect(rounded(-5n, 2n, 'half-down')).toBe(-2n);
    expect(rounded(1n, 2n, 'half-down')).toBe(0n);
    expect(rounded(-1n, 2n, 'half-down')).toBe(0n);
  });

  it('kills mutant: half-down not listed as a mode (it would round 2.6 towards zero)', () => {
    // half-down rounds anything beyond a half away from zero: 13 / 5 = 2.6 → 3, −2.6 → −3;
    // 12 / 5 = 2.4 → 2, −2.4 → −2.
    expect(rounded(13n, 5n, 'half-down')).toBe(3n);
    expect(rounded(-13n, 5n, 'half-down')).toBe(-3n);
    expect(rounded(12n, 5n, 'half-down')).toBe(2n);
    expect(rounded(-12n, 5n, 'half-down')).toBe(-2n);
  });

  it('kills mutant: half-even ignores the parity of the quotient (0.5 → 0, 1.5 → 2, −1.5 → −2)', () => {
    // 1 / 2 = 0.5: neighbours 0 (even) and 1 → 0; 3 / 2 = 1.5: 1 and 2 (even) → 2; −3 / 2 → −2.
    expect(rounded(1n, 2n, 'half-even')).toBe(0n);
    expect(rounded(3n, 2n, 'half-even')).toBe(2n);
    expect(rounded(-3n, 2n, 'half-even')).toBe(-2n);
    expect(rounded(-1n, 2n, 'half-even')).toBe(0n);
  });
});

describe('divideRounded off a tie', () => {
  // 13 / 5 = 2.6 (beyond the half), 12 / 5 = 2.4 (short of it), and their negatives.
  it.each<[RoundingMode, bigint, bigint, bigint, bigint]>([
    // mode,       2.6, -2.6, 2.4, -2.4
    ['half-up', 3n, -3n, 2n, -2n],
    ['half-down', 3n, -3n, 2n, -2n],
    ['half-even', 3n, -3n, 2n, -2n],
    ['up', 3n, -3n, 3n, -3n],
    ['down', 2n, -2n, 2n, -2n],
    ['floor', 2n, -3n, 2n, -3n],
    ['ceiling', 3n, -2n, 3n, -2n],
  ])('%s: 2.6 → %s, −2.6 → %s, 2.4 → %s, −2.4 → %s', (mode, a, b, c, e) => {
    expect([rounded(13n, 5n, mode), rounded(-13n, 5n, mode), rounded(12n, 5n, mode), rounded(-12n, 5n, mode)]).toEqual([
      a,
      b,
      c,
      e,
    ]);
  });

  it.each<RoundingMode>(['half-up', 'half-down', 'half-even', 'up', 'down', 'floor', 'ceiling'])(
    'kills mutant: an exact quotient is rounded (%s: 6 / 3 = 2, −6 / 3 = −2, 0 / 7 = 0)',
    (mode) => {
      expect([rounded(6n, 3n, mode), rounded(-6n, 3n, mode), rounded(0n, 7n, mode)]).toEqual([2n, -2n, 0n]);
    },
  );

  it('kills mutant: a negative divisor is not turned round (5 / −2 = −2.5, −13 / −5 = 2.6)', () => {
    // the sign of a quotient is the product of the signs: 5 / −2 = −2.5, −13 / −5 = 2.6, 12 / −5 = −2.4
    expect(rounded(5n, -2n, 'half-up')).toBe(-3n);
    expect(rounded(5n, -2n, 'half-down')).toBe(-2n);
    expect(rounded(5n, -2n, 'floor')).toBe(-3n);
    expect(rounded(5n, -2n, 'ceiling')).toBe(-2n);
    expect(rounded(-13n, -5n, 'floor')).toBe(2n);
    expect(rounded(-13n, -5n, 'half-even')).toBe(3n);
    expect(rounded(12n, -5n, 'up')).toBe(-3n);
  });

  it('kills mutant: the zero divisor is left to bigint division (its own message, in our words)', () => {
    // our message is lower-case "division by zero"; bigint's own is "Division by zero"
    expect(() => rounded(1n, 0n, 'half-up')).toThrowError(/^division by zero$/);
    expect(() => rounded(0n, 0n, 'floor')).toThrowError(RangeError);
  });
});
