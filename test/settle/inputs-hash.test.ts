import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput } from '../../src/index.js';
import { canonicalJson } from '../../src/settle/canonical.js';
import { sha256Hex } from '../../src/settle/sha256.js';

/*
 * The inputs hash lets an auditor check, years later, that a settlement was made from the files
 * in hand. The core computes SHA-256 itself (browsers have no synchronous digest), so it is
 * checked here against Node's crypto, and the canonical text against JSON itself.
 */

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

  it('sorts object keys in code-point order and escapes what JSON escapes', () => {
    expect(canonicalJson({ b: '2', a: 'say "hi"\\n', é: '\u2028', '\u{1F600}': 1, '\uFFFD': 2 })).toBe(
      '{"a":"say \\"hi\\"\\\\n","b":"2","é":"\u2028","\uFFFD":2,"\u{1F600}":1}',
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

describe('a settlement’s inputs hash', () => {
  const read = (file: string): unknown =>
    JSON.parse(readFileSync(new URL(`../../examples/one-hackney-alliance/${file}`, import.meta.url), 'utf8'));
  const contract = defineContract(read('contract.json'));
  const measurements = read('measurements.json') as MeasurementInput[];

  it('is SHA-256 of the documented canonical text, reproducible without the library', () => {
    const settlement = settle(contract, measurements, { period: '2026-27' });
    // README: sha256(canonical {"contract": sha256(canonical contract), "measurements": [this period's], "period"})
    const contractHash = nodeSha(canonicalJson(contract));
    const used = measurements.filter((m) => m.period === '2026-27');
    expect(settlement.inputsHash).toBe(
      nodeSha(canonicalJson({ contract: contractHash, measurements: used, period: '2026-27' })),
    );
  });

  it('changes when any measured figure changes, and not when the measurements are reordered', () => {
    const base = settle(contract, measurements, { period: '2026-27' }).inputsHash;
    expect(settle(contract, [...measurements].reverse(), { period: '2026-27' }).inputsHash).toBe(base);
    const changed = measurements.map((m, i) => (i === 0 ? { ...m, source: `${m.source ?? ''} (restated)` } : m));
    expect(settle(contract, changed, { period: '2026-27' }).inputsHash).not.toBe(base);
  });
});

// Two inputs hashes changed when the canonical form came to be derived from the schemas' marks
// (issue 11): the hand-kept list of order-free keys had missed a points scheme's indicators and
// participants and a rate card's outcomes, providers, caps and payers, so declaring them in another
// order gave an identical settlement a different hash. Now they are sorted like every other set:
// each example's hash is the one its expected/ settlement holds, and its lists reversed give it too.
describe('the inputs hashes changed by sorting the lists the old canonical form missed', () => {
  const CHANGED = [
    {
      example: 'care-homes-vanguard',
      period: '2026-27',
      lists: ['indicators'],
      before: '92b207d4249502724c785256854ad00cb0efbef28aac7c6871f9baecb791153d',
      after: '6ab92637a56fe320451a264d222d22a647f87be42c979abf914c5d8c60cb8d26',
    },
    {
      example: 'outcomes-rate-card',
      period: '2026-27',
      lists: ['outcomes', 'caps', 'payers'],
      before: '76dd2f6b612f6d4fe74dffd215b262e99e1c34b729ea1288fa3fd2ddaecf3e03',
      after: 'c39362b8d915de4eb711de62eaa9ead4a6d6e420fce34526392fec774013771a',
    },
  ];
  for (const { example, period, lists, before, after } of CHANGED) {
    it(`${example}: ${before.slice(0, 8)}… became ${after.slice(0, 8)}…, whatever the order of its ${lists.join(', ')}`, () => {
      const read = (file: string): unknown =>
        JSON.parse(readFileSync(new URL(`../../examples/${example}/${file}`, import.meta.url), 'utf8'));
      const declared = read('contract.json') as { pools: Record<string, unknown>[] };
      const measurements = read('measurements.json') as MeasurementInput[];
      const hash = (contract: unknown) => settle(defineContract(contract), measurements, { period }).inputsHash;
      expect(hash(declared)).toBe(after);
      expect(after).not.toBe(before);
      const reversed = {
        ...declared,
        pools: declared.pools.map((pool) =>
          Object.fromEntries(
            Object.entries(pool).map(([k, v]) => [k, lists.includes(k) && Array.isArray(v) ? [...v].reverse() : v]),
          ),
        ),
      };
      expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(declared));
      expect(hash(reversed)).toBe(after);
      const expected = read(`expected/settlement-${period}.json`) as { inputsHash: string };
      expect(expected.inputsHash).toBe(after);
    });
  }
});
