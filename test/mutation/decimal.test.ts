import { describe, expect, it } from 'vitest';
import { Decimal, pow10, unitsText } from '../../src/money/decimal.js';
import { compareIds, sortById } from '../../src/money/order.js';

// Source of the rules: the doc comments of src/money/decimal.ts (design.md section 4: bigint
// fixed point; a quotient rounded to 18 places, half-even, unless told otherwise) and of
// src/money/order.ts (ids in Unicode code-point order). Figures are worked by hand beside them.

const d = (text: string) => Decimal.of(text);

describe('Decimal: parsing and text', () => {
  it('reads the places as written, and refuses what is not a decimal string in its own words', () => {
    expect([d('1.50').coefficient, d('1.50').scale, d('1.50').decimalPlaces]).toEqual([150n, 2, 2]);
    expect([d('-12').coefficient, d('-12').scale]).toEqual([-12n, 0]);
    expect(Decimal.parse('1e3')).toBeUndefined();
    expect(() => Decimal.of('1e3')).toThrowError(
      'internal: "1e3" is not a decimal string, though a schema accepted it',
    );
  });

  it('writes units with exactly the scale’s places, never "-0"', () => {
    // 3334 pence is 33.34; 5 pence is 0.05; −5 pence is −0.05; 7 with no places is 7
    expect([unitsText(3334n, 2), unitsText(5n, 2), unitsText(-5n, 2), unitsText(7n, 0)]).toEqual([
      '33.34',
      '0.05',
      '-0.05',
      '7',
    ]);
    expect(Decimal.fromUnits(-0n, 2).toString()).toBe('0.00');
    expect(JSON.stringify({ amount: d('2.50') })).toBe('{"amount":"2.50"}');
    // the same text twice (it is kept once made)
    const value = d('-0.10');
    expect([value.toString(), value.toString()]).toEqual(['-0.10', '-0.10']);
  });

  it('writes the shortest exact text: trailing zeros dropped, a whole number kept whole', () => {
    expect([d('2.500').toPlainString(), d('2.000').toPlainString(), d('100').toPlainString()]).toEqual([
      '2.5',
      '2',
      '100',
    ]);
    expect([d('-0.50').toPlainString(), d('10.01').toPlainString(), d('0').toPlainString()]).toEqual([
      '-0.5',
      '10.01',
      '0',
    ]);
    expect([d('2.500').normalize().toString(), d('100').normalize().toString()]).toEqual(['2.5', '100']);
  });

  it('writes at least the minor units, padded and never rounded', () => {
    // the doc comment: 2118243.5 → 2118243.50; 1728394.505 stays; 7 → 7.00; 1.50 → 1.50
    expect([
      d('2118243.5').toAtLeast(2),
      d('1728394.505').toAtLeast(2),
      d('7').toAtLeast(2),
      d('1.500').toAtLeast(2),
    ]).toEqual(['2118243.50', '1728394.505', '7.00', '1.50']);
  });

  it('caches powers of ten: 10^0 … 10^20', () => {
    expect([pow10(0), pow10(3), pow10(20), pow10(2)]).toEqual([1n, 1000n, 10n ** 20n, 100n]);
  });
});

describe('Decimal: arithmetic', () => {
  it('adds and subtracts at the larger scale, whichever side it is on', () => {
    expect([d('1.5').plus(d('2.25')).toString(), d('2.25').plus(d('1.5')).toString()]).toEqual(['3.75', '3.75']);
    expect([d('1.50').plus(d('2.25')).toString(), d('3').minus(d('0.25')).toString()]).toEqual(['3.75', '2.75']);
    expect(d('0.25').minus(d('3')).toString()).toBe('-2.75');
  });

  it('multiplies exactly: the places add up', () => {
    expect(d('1.5').times(d('-0.25')).toString()).toBe('-0.375');
  });

  it('divides to 18 places, half-even, unless told otherwise', () => {
    // 2 / 3 = 0.666… → …667 (beyond the half); 1 / 8 to 2 places = 0.125, a tie, → 0.12 (even)
    expect(d('2').dividedBy(d('3')).toString()).toBe('0.666666666666666667');
    expect(d('1').dividedBy(d('8'), 2).toString()).toBe('0.12');
    expect(d('3').dividedBy(d('8'), 2).toString()).toBe('0.38');
    expect(d('1').dividedBy(d('8'), 2, 'up').toString()).toBe('0.13');
    // scales on both sides: 1.5 / 0.25 = 6; 0.3 / 1.50 = 0.2
    expect(d('1.5').dividedBy(d('0.25'), 0).toString()).toBe('6');
    expect(d('0.3').dividedBy(d('1.50'), 1).toString()).toBe('0.2');
  });

  it('rounds to fewer places with the mode, pads to more, and gives units floor by default', () => {
    expect([d('2.25').round(1, 'half-even').toString(), d('2.25').round(1, 'half-up').toString()]).toEqual([
      '2.2',
      '2.3',
    ]);
    expect([d('2.25').round(4, 'down').toString(), d('2.25').round(2, 'up').toString()]).toEqual(['2.2500', '2.25']);
    // toFixed defaults to half-even: 2.25 → 2.2, 2.35 → 2.4
    expect([d('2.25').toFixed(1), d('2.35').toFixed(1), d('2.25').toFixed(3)]).toEqual(['2.2', '2.4', '2.250']);
    // toUnits defaults to floor: −1.005 → −101 pence (towards minus infinity), 1.009 → 100
    expect([d('-1.005').toUnits(2), d('1.009').toUnits(2), d('1.005').toUnits(2, 'half-up')]).toEqual([
      -101n,
      100n,
      101n,
    ]);
  });

  it('knows its sign, zero, negation and magnitude', () => {
    expect([d('-0.01').sign(), d('0.00').sign(), d('3').sign()]).toEqual([-1, 0, 1]);
    expect([d('0.00').isZero(), d('0.01').isZero()]).toEqual([true, false]);
    expect([d('-2.5').abs().toString(), d('2.5').abs().toString(), d('2.5').negate().toString()]).toEqual([
      '2.5',
      '2.5',
      '-2.5',
    ]);
    expect(Decimal.fromInteger(-7).toString()).toBe('-7');
  });

  it('compares across scales', () => {
    const [a, b, c] = [d('1.50'), d('1.5'), d('1.51')];
    expect([a.compare(b), a.compare(c), c.compare(a)]).toEqual([0, -1, 1]);
    expect([a.eq(b), a.lt(c), a.lt(b), a.lte(b), a.lte(c), c.lte(a)]).toEqual([true, true, false, true, true, false]);
    expect([c.gt(a), a.gt(b), a.gte(b), c.gte(a), a.gte(c)]).toEqual([true, false, true, true, false]);
    expect([Decimal.min(a, c).toString(), Decimal.min(c, a).toString()]).toEqual(['1.50', '1.50']);
    expect([Decimal.max(a, c).toString(), Decimal.max(c, a).toString()]).toEqual(['1.51', '1.51']);
    // clamp 1.5 to [0, 1] is 1; −1 to [0, 1] is 0; 0.5 stays
    expect(['1.5', '-1', '0.5'].map((v) => Decimal.clamp(d(v), Decimal.ZERO, Decimal.ONE).toString())).toEqual([
      '1',
      '0',
      '0.5',
    ]);
    expect(Decimal.HUNDRED.toString()).toBe('100');
  });
});

describe('compareIds: code-point order', () => {
  it('orders by code unit within the Basic Multilingual Plane, and a prefix first', () => {
    expect([compareIds('a', 'b'), compareIds('b', 'a'), compareIds('a', 'a')]).toEqual([-1, 1, 0]);
    expect(compareIds('ab', 'a')).toBeGreaterThan(0);
    expect(compareIds('a', 'ab')).toBeLessThan(0);
    expect(compareIds('ab', 'ac')).toBe(-1);
  });

  it('puts a character above U+FFFF after U+E000 to U+FFFF, though its first code unit is smaller', () => {
    // U+10000 is the surrogate pair D800 DC00; U+E000 and U+FFFF are single code units above D800
    const astral = '\u{10000}';
    expect([compareIds(astral, '\uE000'), compareIds('\uE000', astral)]).toEqual([1, -1]);
    expect([compareIds(astral, '\uFFFF'), compareIds('\uFFFF', astral)]).toEqual([1, -1]);
    // both surrogates: by code unit (U+10001 after U+10000)
    expect(compareIds('\u{10001}', astral)).toBe(1);
    // the edges of the surrogate range: D800 and DFFF are surrogates, so they sort after E000
    expect([compareIds('\uD800', '\uE000'), compareIds('\uE000', '\uD800')]).toEqual([1, -1]);
    expect([compareIds('\uDFFF', '\uE000'), compareIds('\uE000', '\uDFFF')]).toEqual([1, -1]);
    // just outside it, D7FF is an ordinary code unit, before E000 and before a surrogate
    expect([compareIds('\uD7FF', '\uE000'), compareIds('\uD7FF', '\uD800')]).toEqual([-1, -1]);
  });

  it('sorts a copy by id, leaving the list as it was', () => {
    const items = [{ id: 'b' }, { id: '\u{10000}' }, { id: 'a' }, { id: '\uFFFF' }];
    expect(sortById(items).map((i) => i.id)).toEqual(['a', 'b', '\uFFFF', '\u{10000}']);
    expect(items.map((i) => i.id)).toEqual(['b', '\u{10000}', 'a', '\uFFFF']);
  });
});
