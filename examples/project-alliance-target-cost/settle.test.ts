import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput } from '../../src/index.js';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const contract = defineContract(read('contract.json'));
const measurements = read('measurements.json') as MeasurementInput[];
const at = (cost: string) =>
  settle(contract, [{ ...measurements[0]!, value: cost }], { period: 'completion' }).riskShares[0]!;
const amounts = (pool: ReturnType<typeof at>) => pool.parts.map((p) => [p.party, p.amount, p.capped]);

describe('the Northfield project alliance, at the final account of £110,000,000.00', () => {
  const settlement = settle(contract, measurements, { period: 'completion' });
  const pool = settlement.riskShares[0]!;

  it('caps the participants’ pain at their £4,000,000.00 of fees', () => {
    // overrun 10,000,000 × 50 % = 5,000,000 → held to the 4,000,000 of fees at risk
    expect(pool.steps.map((s) => [s.id, s.amount])).toEqual([
      ['fifty-fifty', '5000000.00'],
      ['fees-at-risk', '4000000.00'],
    ]);
    expect(pool.allianceShare).toBe('-4000000.00');
  });

  it('holds each participant to its own fee, the owner taking what they cannot', () => {
    // 25 : 50 : 25 of 4,000,000 = 1,000,000 / 2,000,000 / 1,000,000; the designer's and the imaging
    // supplier's fees at risk are 800,000 each, so 200,000 of each passes to the owner
    expect(amounts(pool)).toEqual([
      ['constructor', '-2000000.00', false],
      ['designer', '-800000.00', true],
      ['imaging', '-800000.00', true],
    ]);
    expect(pool.overflowToCommissioner).toBe('-400000.00');
    // the owner bears 10,000,000 − 3,600,000 = 6,400,000
    expect(pool.commissionerShare).toBe('-6400000.00');
    expect(pool.conservation.difference).toBe('0.00');
  });
});

describe('other final accounts', () => {
  it('£92,000,000.00: £8,000,000.00 under target, £4,000,000.00 gain to the participants (no fee cap on gains)', () => {
    const pool = at('92000000.00');
    expect(pool.allianceShare).toBe('4000000.00');
    expect(amounts(pool)).toEqual([
      ['constructor', '2000000.00', false],
      ['designer', '1000000.00', false],
      ['imaging', '1000000.00', false],
    ]);
    expect(pool.commissionerShare).toBe('4000000.00');
  });

  it('£106,000,000.00: £3,000,000.00 of pain, within every fee', () => {
    // 6,000,000 × 50 % = 3,000,000 → 750,000 / 1,500,000 / 750,000
    const pool = at('106000000.00');
    expect(amounts(pool)).toEqual([
      ['constructor', '-1500000.00', false],
      ['designer', '-750000.00', false],
      ['imaging', '-750000.00', false],
    ]);
    expect(pool.commissionerShare).toBe('-3000000.00');
  });
});
