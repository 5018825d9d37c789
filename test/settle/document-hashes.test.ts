import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as canonicalizeModule from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput } from '../../src/index.js';
import { canonicalJson, jcs } from '../../src/settle/canonical.js';
import { sha256Hex } from '../../src/settle/sha256.js';

/*
 * A settlement's hashes let an auditor check, years later, that it was made from the files in
 * hand and has not been edited since (design.md section 8). Each is SHA-256 over RFC 8785 (JCS)
 * text, so each is checked here against tools that are not this library: Node's own SHA-256 and
 * `canonicalize`, the JCS implementation by one of the RFC's authors.
 */

// a CommonJS package whose types declare an ES default export: its module.exports is the default
const canonicalize = canonicalizeModule.default as unknown as (value: unknown) => string | undefined;

/** JCS by the independent implementation, of the value as JSON would write it (undefined dropped). */
const otherJcs = (value: unknown): string => {
  const text = canonicalize(JSON.parse(JSON.stringify(value)));
  if (text === undefined) throw new Error('canonicalize gave nothing');
  return text;
};

const nodeSha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with Node’s crypto at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const text = 'a'.repeat(length);
      expect(sha256Hex(text), `length ${length}`).toBe(nodeSha(text));
    }
  });

  it('agrees with Node’s crypto on any text, including characters outside ASCII', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(nodeSha(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('canonicalJson', () => {
  it('is JSON that reads back as the same value, with undefined members dropped', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, 'x'] })).toBe('{"b":1,"c":[null,"x"]}');
  });

  it('sorts object keys by UTF-16 code units, as RFC 8785 does, and escapes what JSON escapes', () => {
    // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FFFD in UTF-16 (not in code points)
    expect(canonicalJson({ b: '2', a: 'say "hi"\\n', é: '\u2028', '\u{1F600}': 1, '\uFFFD': 2 })).toBe(
      '{"a":"say \\"hi\\"\\\\n","b":"2","é":"\u2028","\u{1F600}":1,"\uFFFD":2}',
    );
  });

  it('jcs gives the same text as an independent RFC 8785 implementation, on any JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(jcs(value)).toBe(otherJcs(value));
      }),
      { numRuns: 500 },
    );
    // the RFC's own example of number forms (section 3.2.2.3) and of key order (3.2.3)
    expect(jcs({ numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001] })).toBe(
      '{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}',
    );
    expect(
      jcs({ '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew', '1': 'One', '\u{1f600}': 'Emoji' }),
    ).toBe(
      otherJcs({
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '\ufb33': 'Hebrew',
        '1': 'One',
        '\u{1f600}': 'Emoji',
      }),
    );
  });

  it('ignores the order of sets (parties, metrics, measurements …) but not of other arrays', () => {
    const a = { parties: [{ id: 'b' }, { id: 'a' }], bands: [{ at: '2' }, { at: '1' }] };
    const b = { parties: [{ id: 'a' }, { id: 'b' }], bands: [{ at: '2' }, { at: '1' }] };
    const c = { parties: [{ id: 'a' }, { id: 'b' }], bands: [{ at: '1' }, { at: '2' }] };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).not.toBe(canonicalJson(c));
  });
});

describe('a settlement document’s hashes', () => {
  const read = (file: string): unknown =>
    JSON.parse(readFileSync(new URL(`../../examples/one-hackney-alliance/${file}`, import.meta.url), 'utf8'));
  const contract = defineContract(read('contract.json'));
  const measurements = read('measurements.json') as MeasurementInput[];
  const options = { period: '2026-27', knownAt: '2027-05-31' } as const;
  const settlement = settle(contract, measurements, options);

  it('records every option it was settled with, null where none was given', () => {
    expect(settlement.options).toEqual({ period: '2026-27', asOf: null, knownAt: '2027-05-31', broughtForward: null });
    expect(settle(contract, measurements, { period: '2026-27' }).options.knownAt).toBeNull();
  });

  it('gives the contract’s and the measurements’ hashes, reproducible without the library', () => {
    // the contract: its canonical form (defaults filled, sets sorted), hashed by Node's SHA-256
    expect(settlement.contractHash).toBe(nodeSha(canonicalJson(contract)));
    // the measurements given for the period, every revision, as a sorted set
    const used = measurements.filter((m) => m.period === '2026-27');
    expect(settlement.measurementsHash).toBe(nodeSha(canonicalJson(used, 'measurements')));
  });

  it('hashes its inputs as JCS of { contractHash, measurementsHash, options }, as any JCS tool does', () => {
    const { contractHash, measurementsHash } = settlement;
    expect(settlement.inputsHash).toBe(
      nodeSha(otherJcs({ contractHash, measurementsHash, options: settlement.options })),
    );
  });

  it('hashes itself: SHA-256 of the JCS text of the document without its settlementHash (the README’s one-liner)', () => {
    // README: node -e '…delete d.settlementHash; process.stdout.write(canonicalize(d))' < settlement.json | sha256sum
    const written = JSON.parse(JSON.stringify(settlement, null, 2)) as Record<string, unknown>;
    delete written.settlementHash;
    expect(settlement.settlementHash).toBe(nodeSha(otherJcs(written)));
  });

  it('is written byte-identically twice, and with the measurements in any order', () => {
    const again = settle(contract, [...measurements].reverse(), options);
    expect(JSON.stringify(again, null, 2)).toBe(JSON.stringify(settlement, null, 2));
  });

  it('changes its measurements hash when any measured figure changes, and not its contract hash', () => {
    const changed = measurements.map((m, i) => (i === 0 ? { ...m, source: `${m.source ?? ''} (restated)` } : m));
    const other = settle(contract, changed, options);
    expect(other.measurementsHash).not.toBe(settlement.measurementsHash);
    expect(other.inputsHash).not.toBe(settlement.inputsHash);
    expect(other.contractHash).toBe(settlement.contractHash);
  });

  it('changes its inputs hash with knownAt, which it records', () => {
    const other = settle(contract, measurements, { period: '2026-27' });
    expect(other.inputsHash).not.toBe(settlement.inputsHash);
    expect(other.measurementsHash).toBe(settlement.measurementsHash);
  });
});

// A contract's hash is the same whatever the order of its sets, including those a points scheme
// and a rate card declare (indicators; outcomes, caps, payers), which the schemas mark order-free.
describe('a contract’s hash ignores the order of its sets', () => {
  const CASES = [
    { example: 'care-homes-vanguard', period: '2026-27', lists: ['indicators'] },
    { example: 'outcomes-rate-card', period: '2026-27', lists: ['outcomes', 'caps', 'payers'] },
  ];
  for (const { example, period, lists } of CASES) {
    it(`${example}: the same hash whatever the order of its ${lists.join(', ')}`, () => {
      const read = (file: string): unknown =>
        JSON.parse(readFileSync(new URL(`../../examples/${example}/${file}`, import.meta.url), 'utf8'));
      const declared = read('contract.json') as { pools: Record<string, unknown>[] };
      const measurements = read('measurements.json') as MeasurementInput[];
      const hash = (contract: unknown) => settle(defineContract(contract), measurements, { period }).contractHash;
      const reversed = {
        ...declared,
        pools: declared.pools.map((pool) =>
          Object.fromEntries(
            Object.entries(pool).map(([k, v]) => [k, lists.includes(k) && Array.isArray(v) ? [...v].reverse() : v]),
          ),
        ),
      };
      expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(declared));
      expect(hash(reversed)).toBe(hash(declared));
      const expected = read(`expected/settlement-${period}.json`) as { contractHash: string };
      expect(expected.contractHash).toBe(hash(declared));
    });
  }
});
