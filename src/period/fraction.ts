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
