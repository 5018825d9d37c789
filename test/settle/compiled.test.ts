import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { defineContract, settle, validateContract, type MeasurementInput } from '../../src/index.js';
import { compiledOf, sortedById, versionInForce } from '../../src/contract/compiled.js';
import { Decimal } from '../../src/money/decimal.js';

// defineContract returns the contract compiled once (issue 11): the data, frozen, with what
// settling works out held beside it instead of in module-level caches.
const read = (file: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../examples/one-hackney-alliance/${file}`, import.meta.url), 'utf8'));
const raw = read('contract.json') as Record<string, unknown>;
const measurements = read('measurements.json') as MeasurementInput[];

describe('a compiled contract', () => {
  it('reads as the contract data: no key of its own, the same JSON as what was declared parsed', () => {
    const contract = defineContract(raw);
    expect(Object.keys(contract).sort()).toEqual(Object.keys(raw).sort());
    expect(JSON.parse(JSON.stringify(contract))).toEqual(JSON.parse(JSON.stringify(raw)));
    expect(Object.isFrozen(contract)).toBe(true);
    expect(compiledOf(contract)).toBeDefined();
    expect(compiledOf(validateContract(raw).contract)).toBeDefined();
    expect(compiledOf(raw)).toBeUndefined();
    expect(compiledOf(Object.freeze({ ...contract }))).toBeUndefined();
  });

  it('holds the versions its variations make, each compiled in turn', () => {
    const acute = (raw.parties as { id: string; contractValue?: string }[]).find((p) => p.id === 'acute')!;
    const variation = (id: string, effectiveFrom: string) => ({
      id,
      effectiveFrom,
      version: id,
      changes: [{ path: 'parties/acute/contractValue', value: acute.contractValue }],
    });
    const contract = defineContract({
      ...raw,
      variations: [variation('1.2', '2027-01-01'), variation('1.1', '2026-10-01')],
    });
    const { versions } = compiledOf(contract)!;
    expect(versions.map((v) => [v.from, v.contract.version])).toEqual([
      ['2026-10-01', '1.1'],
      ['2027-01-01', '1.2'],
    ]);
    for (const v of versions) {
      expect(compiledOf(v.contract)).toBeDefined();
      expect(versionInForce(contract, v.from)).toBe(v.contract);
    }
    expect(versionInForce(contract, '1900-01-01')).toBe(contract);
  });

  it('works out its hash and resolutions the first time it is settled, and nothing anew after', () => {
    const contract = defineContract(raw);
    const memo = compiledOf(contract)!.memo;
    expect(memo.size).toBe(0);
    const first = JSON.stringify(settle(contract, measurements, { period: '2026-27' }));
    const held = memo.size;
    expect(held).toBeGreaterThan(1); // the contract's hash and the period's resolution at least
    for (let i = 0; i < 3; i++)
      expect(JSON.stringify(settle(contract, measurements, { period: '2026-27' }))).toBe(first);
    expect(memo.size).toBe(held);
  });

  it('parses its scoring thresholds, weights and gateway thresholds once: settling again parses only measured values', () => {
    const contract = defineContract(raw);
    const declared = new Set<string>();
    for (const pool of contract.pools) {
      if (pool.kind !== 'outcome') continue;
      for (const metric of pool.metrics) {
        const { type: _type, ...scoring } = metric.scoring;
        JSON.stringify(scoring, (_key, value: unknown) => (typeof value === 'string' && declared.add(value), value));
        if (metric.weight !== undefined) declared.add(metric.weight);
      }
      for (const gateway of pool.gateways ?? []) declared.add(gateway.threshold);
    }
    // a text that is also a measured value may be parsed as that value
    for (const m of measurements) for (const text of [m.value, m.numerator, m.denominator]) declared.delete(text ?? '');
    expect(declared.size).toBeGreaterThan(5);
    const parsedWhile = (run: () => void): Set<string> => {
      const parsed = new Set<string>();
      const parse = Decimal.parse.bind(Decimal);
      const spy = vi.spyOn(Decimal, 'parse').mockImplementation((text) => (parsed.add(String(text)), parse(text)));
      try {
        run();
      } finally {
        spy.mockRestore();
      }
      return parsed;
    };
    const first = parsedWhile(() => settle(contract, measurements, { period: '2026-27' }));
    expect([...declared].filter((text) => first.has(text)).length).toBeGreaterThan(0);
    const again = parsedWhile(() => settle(contract, measurements, { period: '2026-27' }));
    expect([...declared].filter((text) => again.has(text))).toEqual([]);
  });

  it('sorts an order-free list once, keeping the declared order in the data', () => {
    const contract = defineContract({ ...raw, parties: [...(raw.parties as { id: string }[])].reverse() });
    const sorted = sortedById(contract, contract.parties);
    expect(sorted.map((p) => p.id)).toEqual(contract.parties.map((p) => p.id).sort());
    expect(contract.parties.map((p) => p.id)).not.toEqual(sorted.map((p) => p.id));
    expect(sortedById(contract, contract.parties)).toBe(sorted);
  });

  it('is made afresh for a contract given as plain data, which settles the same', () => {
    const fresh = JSON.stringify(settle(raw as never, measurements, { period: '2026-27' }));
    expect(fresh).toBe(JSON.stringify(settle(defineContract(raw), measurements, { period: '2026-27' })));
    expect(Object.isFrozen(raw)).toBe(false);
  });
});
