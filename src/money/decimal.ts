import { isDecimalText } from '../base/decimal-text.js';
import { divideRounded, type RoundingMode } from './rounding.js';

/** Decimal places kept by every ratio (a division) unless a contract declares otherwise (design.md section 4). */
export const RATIO_DECIMAL_PLACES = 18;

const powers: bigint[] = [1n];

/** 10^n as a bigint, cached. */
export function pow10(n: number): bigint {
  for (let i = powers.length; i <= n; i++) powers.push(powers[i - 1]! * 10n);
  return powers[n]!;
}

/** `units / 10^scale` as plain text with exactly `scale` places ("3334", 2 → "33.34"), never "-0". */
export function unitsText(units: bigint, scale: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/**
 * An exact decimal number: `coefficient / 10^scale`. Immutable. Sums, differences and
 * products are exact; a quotient is rounded to a declared number of places (default 18,
 * half-even), the only place where precision is given up. This is the whole arithmetic of the
 * library (design.md section 4): bigint fixed point, checked against big.js in the tests.
 */
export class Decimal {
  private constructor(
    readonly coefficient: bigint,
    readonly scale: number,
  ) {}

  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);
  static readonly HUNDRED = new Decimal(100n, 0);

  /** Strictly parses a plain decimal string ("1250000.00", "-0.5"); anything else gives `undefined`. */
  static parse(text: unknown): Decimal | undefined {
    if (!isDecimalText(text)) return undefined;
    const point = text.indexOf('.');
    if (point < 0) return new Decimal(BigInt(text), 0);
    return new Decimal(BigInt(text.slice(0, point) + text.slice(point + 1)), text.length - point - 1);
  }

  /**
   * Parses a decimal string that a schema has already accepted (a contract's amount, a
   * measurement's value): a value that is not one is an engine bug, never bad input, and throws
   * rather than travelling on as `undefined`.
   * @example
   * Decimal.of('2.5').toPlainString(); // '2.5'
   */
  static of(text: unknown): Decimal {
    const value = Decimal.parse(text);
    if (value === undefined)
      throw new Error(`internal: ${JSON.stringify(text)} is not a decimal string, though a schema accepted it`);
    return value;
  }

  /** `units / 10^scale`, e.g. `fromUnits(3334n, 2)` is 33.34. */
  static fromUnits(units: bigint, scale: number): Decimal {
    return new Decimal(units, scale);
  }

  static fromInteger(value: bigint | number): Decimal {
    return new Decimal(BigInt(value), 0);
  }

  /** How many decimal places the value is written with (trailing zeros count: "1.50" has 2). */
  get decimalPlaces(): number {
    return this.scale;
  }

  sign(): -1 | 0 | 1 {
    return this.coefficient === 0n ? 0 : this.coefficient < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.coefficient === 0n;
  }

  negate(): Decimal {
    return new Decimal(-this.coefficient, this.scale);
  }

  abs(): Decimal {
    return this.coefficient < 0n ? this.negate() : this;
  }

  plus(other: Decimal): Decimal {
    if (this.scale === other.scale) return new Decimal(this.coefficient + other.coefficient, this.scale);
    if (this.scale > other.scale)
      return new Decimal(this.coefficient + other.coefficient * pow10(this.scale - other.scale), this.scale);
    return new Decimal(this.coefficient * pow10(other.scale - this.scale) + other.coefficient, other.scale);
  }

  minus(other: Decimal): Decimal {
    return this.plus(other.negate());
  }

  times(other: Decimal): Decimal {
    return new Decimal(this.coefficient * other.coefficient, this.scale + other.scale);
  }

  /**
   * `this / divisor` rounded to `places` decimal places with `mode` (default 18, half-even).
   * @throws RangeError on a zero divisor: callers rule that out and report it in the user's words.
   */
  dividedBy(divisor: Decimal, places = RATIO_DECIMAL_PLACES, mode: RoundingMode = 'half-even'): Decimal {
    // this/divisor = (c1 / 10^s1) / (c2 / 10^s2); scaled by 10^places: c1 * 10^(s2 + places) / (c2 * 10^s1)
    const numerator = this.coefficient * pow10(divisor.scale + places);
    const denominator = divisor.coefficient * pow10(this.scale);
    return new Decimal(divideRounded(numerator, denominator, mode), places);
  }

  /** Rounded to `places` decimal places; a value already that short is returned as it is, padded. */
  round(places: number, mode: RoundingMode): Decimal {
    if (places >= this.scale) return new Decimal(this.coefficient * pow10(places - this.scale), places);
    return new Decimal(divideRounded(this.coefficient, pow10(this.scale - places), mode), places);
  }

  /** The value in units of 10^-places (e.g. pence for places = 2), rounded with `mode` if needed. */
  toUnits(places: number, mode: RoundingMode = 'floor'): bigint {
    return this.round(places, mode).coefficient;
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const difference = this.minus(other).coefficient;
    return difference === 0n ? 0 : difference < 0n ? -1 : 1;
  }

  eq(other: Decimal): boolean {
    return this.compare(other) === 0;
  }
  lt(other: Decimal): boolean {
    return this.compare(other) < 0;
  }
  lte(other: Decimal): boolean {
    return this.compare(other) <= 0;
  }
  gt(other: Decimal): boolean {
    return this.compare(other) > 0;
  }
  gte(other: Decimal): boolean {
    return this.compare(other) >= 0;
  }

  static min(a: Decimal, b: Decimal): Decimal {
    return a.lte(b) ? a : b;
  }
  static max(a: Decimal, b: Decimal): Decimal {
    return a.gte(b) ? a : b;
  }
  /** `value` held inside [low, high]. */
  static clamp(value: Decimal, low: Decimal, high: Decimal): Decimal {
    return Decimal.min(Decimal.max(value, low), high);
  }

  /** The same value with trailing zeros after the point removed ("2.500" → "2.5"). */
  normalize(): Decimal {
    let { coefficient, scale } = this;
    while (scale > 0 && coefficient % 10n === 0n) {
      coefficient /= 10n;
      scale--;
    }
    return scale === this.scale ? this : new Decimal(coefficient, scale);
  }

  /** The text, once made: a settlement's trace writes the same ratio several times. */
  private text: string | undefined;

  /** Plain decimal text with exactly `scale` places: never an exponent, never "-0". */
  toString(): string {
    if (this.text !== undefined) return this.text;
    return (this.text = unitsText(this.coefficient, this.scale));
  }

  /** Plain text rounded (or padded) to exactly `places` decimal places. */
  toFixed(places: number, mode: RoundingMode = 'half-even'): string {
    return this.round(places, mode).toString();
  }

  /**
   * Exact text with at least `places` decimal places: an amount in a currency's minor units even
   * when it is worked to more ("2118243.5" → "2118243.50"; "1728394.505" stays as it is). Padded,
   * never rounded, so the text is always the exact value.
   */
  toAtLeast(places: number): string {
    const exact = this.normalize();
    return exact.scale >= places ? exact.toString() : exact.round(places, 'floor').toString();
  }

  /** Shortest exact text: trailing zeros after the point removed. */
  toPlainString(): string {
    const text = this.toString();
    if (this.scale === 0) return text;
    let end = text.length;
    while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
    if (text.charCodeAt(end - 1) === 46 /* . */) end--;
    return end === text.length ? text : text.slice(0, end);
  }

  toJSON(): string {
    return this.toString();
  }
}
