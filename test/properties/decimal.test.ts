import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/money/decimal.js';
import type { RoundingMode } from '../../src/money/rounding.js';

/*
 * Property tests for the bigint Decimal (design.md section 4: "whatever runs, the results are
 * identical to the exact decimal definition, and a property test shows it"). The oracle is
 * big.js through a private constructor, so its global DP/RM are never touched.
 */

const Dec = Big();
Dec.DP = 18;
Dec.RM = Big.roundHalfEven;

/** big.js rounding mode for each of our modes that big.js has. */
const BIG_MODES = {
  'half-up': Big.roundHalfUp,
  'half-even': Big.roundHalfEven,
  down: Big.roundDown,
  up: Big.roundUp,
} as const satisfies Partial<Record<RoundingMode, Big.RoundingMode>>;
type BigMode = keyof typeof BIG_MODES;
const bigModes = Object.keys(BIG_MODES) as BigMode[];

/** `units / 10^scale` as plain text, written here independently of the code under test. */
function text(units: bigint, scale: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** big.js text with exactly `places` decimals and never "-0.00" (big.js keeps the sign of a negative zero). */
function bigText(value: Big.Big, places: number): string {
  const out = value.toFixed(places);
  return /^-0(?:\.0*)?$/.test(out) ? out.slice(1) : out;
}

/** Random plain decimal strings: small and large magnitudes, 0 to 30 decimals, negatives, zero. */
const decimalText = fc
  .tuple(
    fc.oneof(
      fc.bigInt({ min: -1000n, max: 1000n }),
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
    ),
    fc.integer({ min: 0, max: 30 }),
  )
  .map(([units, scale]) => ({ value: text(units, scale), scale }));

const parse = (value: string): Decimal => {
  const parsed = Decimal.parse(value);
  if (!parsed) throw new Error(`Decimal.parse rejected ${value}`);
  return parsed;
};

describe('Decimal agrees with big.js', () => {
  it('parses every plain decimal string to the same value, keeping its decimal places', () => {
    fc.assert(
      fc.property(decimalText, ({ value, scale }) => {
        const parsed = parse(value);
        expect(parsed.scale).toBe(scale);
        expect(parsed.toString()).toBe(bigText(new Dec(value), scale));
      }),
      { numRuns: 300 },
    );
  });

  it('adds, subtracts and multiplies exactly, with the scale the definition gives', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = parse(a.value);
        const y = parse(b.value);
        const sumScale = Math.max(a.scale, b.scale);
        const productScale = a.scale + b.scale;
        const sum = x.plus(y);
        const difference = x.minus(y);
        const product = x.times(y);
        expect(sum.scale).toBe(sumScale);
        expect(difference.scale).toBe(sumScale);
        expect(product.scale).toBe(productScale);
        expect(sum.toString()).toBe(bigText(new Dec(a.value).plus(b.value), sumScale));
        expect(difference.toString()).toBe(bigText(new Dec(a.value).minus(b.value), sumScale));
        expect(product.toString()).toBe(bigText(new Dec(a.value).times(b.value), productScale));
      }),
      { numRuns: 300 },
    );
  });

  it('compares and takes the sign as big.js does', () => {
    fc.assert(
      fc.property(decimalText, decimalText, (a, b) => {
        const x = parse(a.value);
        const y = parse(b.value);
        expect(x.compare(y)).toBe(new Dec(a.value).cmp(b.value));
        expect(x.sign()).toBe(new Dec(a.value).cmp(0));
        expect(x.eq(y)).toBe(new Dec(a.value).eq(b.value));
      }),
      { numRuns: 300 },
    );
  });

  it('divides to 18 decimal places, half-even, as big.js does', () => {
    fc.assert(
      fc.property(
        decimalText,
        decimalText.filter((d) => !new Dec(d.value).eq(0)),
        (a, b) => {
          const quotient = parse(a.value).dividedBy(parse(b.value), 18, 'half-even');
          expect(quotient.scale).toBe(18);
          expect(quotient.toString()).toBe(bigText(new Dec(a.value).div(b.value), 18));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('divides to any number of places with half-up, half-even, down and up as big.js does', () => {
    const Other = Big();
    fc.assert(
      fc.property(
        decimalText,
        decimalText.filter((d) => !new Dec(d.value).eq(0)),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom(...bigModes),
        (a, b, places, mode) => {
          Other.DP = places;
          Other.RM = BIG_MODES[mode];
          const quotient = parse(a.value).dividedBy(parse(b.value), places, mode);
          expect(quotient.scale).toBe(places);
          expect(quotient.toString()).toBe(bigText(new Other(a.value).div(b.value), places));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('rounds to 2 places with half-up, half-even, down and up as big.js does, negatives included', () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom(...bigModes), (a, mode) => {
        const rounded = parse(a.value).round(2, mode);
        expect(rounded.scale).toBe(2);
        expect(rounded.toString()).toBe(bigText(new Dec(a.value).round(2, BIG_MODES[mode]), 2));
      }),
      { numRuns: 400 },
    );
  });

  it('rounds exact ties (…5 in the third place) with each mode as big.js does', () => {
    const ties = fc
      .bigInt({ min: -(10n ** 9n), max: 10n ** 9n })
      .map((units) => text(units * 10n + (units < 0n ? -5n : 5n), 3));
    fc.assert(
      fc.property(ties, fc.constantFrom(...bigModes), (value, mode) => {
        expect(parse(value).round(2, mode).toString()).toBe(bigText(new Dec(value).round(2, BIG_MODES[mode]), 2));
      }),
      { numRuns: 300 },
    );
  });

  it('rounds floor and ceiling as down and up on the matching side of zero', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 20 }), (a, places) => {
        const big = new Dec(a.value);
        const negative = big.lt(0);
        const floor = bigText(big.round(places, negative ? Big.roundUp : Big.roundDown), places);
        const ceiling = bigText(big.round(places, negative ? Big.roundDown : Big.roundUp), places);
        expect(parse(a.value).round(places, 'floor').toString()).toBe(floor);
        expect(parse(a.value).round(places, 'ceiling').toString()).toBe(ceiling);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Decimal.parse', () => {
  it.each([
    '1e6',
    '1E6',
    '1,000',
    '1 000',
    ' 1',
    '1 ',
    '+1',
    '01',
    '-01',
    '00.5',
    '1.',
    '.5',
    '-.5',
    '-',
    '',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '£1',
    '1.2.3',
    '--1',
  ])('rejects %j', (value) => {
    expect(Decimal.parse(value)).toBeUndefined();
  });

  it.each([[1], [1.5], [0], [Number.NaN], [Number.POSITIVE_INFINITY], [1n], [null], [undefined], [{}], [['1']]])(
    'rejects the non-string %s',
    (value) => {
      expect(Decimal.parse(value)).toBeUndefined();
    },
  );

  it('accepts a string exactly when it is a plain decimal, and then reads the value big.js reads', () => {
    const noisy = fc.oneof(
      decimalText.map((d) => d.value),
      fc.stringMatching(/^[-+ .,eE0-9]{0,12}$/),
    );
    fc.assert(
      fc.property(noisy, (value) => {
        const plain = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/.test(value);
        const parsed = Decimal.parse(value);
        expect(parsed !== undefined).toBe(plain);
        if (parsed) expect(new Dec(parsed.toString()).eq(new Dec(value))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
