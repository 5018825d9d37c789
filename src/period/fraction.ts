import { divideRounded, type RoundingMode } from '../money/rounding.js';

/** An exact non-negative ratio of whole numbers, kept reduced: 182/365, 6/12 = 1/2. */
export interface Fraction {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};

export function fraction(numerator: bigint, denominator: bigint): Fraction {
  const g = gcd(numerator, denominator) || 1n;
  return { numerator: numerator / g, denominator: denominator / g };
}

export const ONE: Fraction = { numerator: 1n, denominator: 1n };

export const addFractions = (a: Fraction, b: Fraction): Fraction =>
  fraction(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);

export const divideFractions = (a: Fraction, b: Fraction): Fraction =>
  fraction(a.numerator * b.denominator, a.denominator * b.numerator);

export const isOne = (f: Fraction) => f.numerator === f.denominator;

/** `units × f`, rounded once to the minor unit with `mode`. */
export const scaleUnits = (units: bigint, f: Fraction, mode: RoundingMode): bigint =>
  divideRounded(units * f.numerator, f.denominator, mode);

/** "182/365", or "1" for one. */
export const fractionText = (f: Fraction) =>
  f.denominator === 1n ? `${f.numerator}` : `${f.numerator}/${f.denominator}`;

const lcm = (a: bigint, b: bigint) => {
  let [x, y] = [a, b];
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
};

/**
 * Fractions as whole-number weights in the same proportions (each numerator over a common
 * denominator): 30/365 and 31/365 → 30 and 31; 1/2 and 1/3 → 3 and 2. A split by these weights is
 * a split by the fractions, exactly.
 */
export function wholeWeights(fractions: readonly Fraction[]): bigint[] {
  const common = fractions.reduce((l, f) => lcm(l, f.denominator), 1n);
  return fractions.map((f) => (f.numerator * common) / f.denominator);
}
