import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput } from '../../src/index.js';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const contract = defineContract(read('contract.json'));
const measurements = read('measurements.json') as MeasurementInput[];
const settlement = settle(contract, measurements, { period: '2026' });
const pool = settlement.riskShares[0]!;
const party = (id: string) => settlement.parties.find((p) => p.id === id)!;

describe('the Lakeside ACO shared-savings example, 2026', () => {
  it('finds savings of $5,432,117.00 against the $120,000,000.00 benchmark', () => {
    // 120,000,000.00 − 114,567,883.00 = 5,432,117.00, 4.53 % of the benchmark
    expect(pool.variance).toBe('5432117.00');
    expect(pool.side).toBe('gain');
  });

  it('applies each step in the agreed order', () => {
    expect(pool.steps.map((s) => [s.id, s.amount])).toEqual([
      // 4.53 % ≥ the 2 % minimum savings rate: shared from the first dollar
      ['minimum-savings-rate', '5432117.00'],
      // 50 % × quality 0.92 = 46 %: 5,432,117 × 0.46 = 2,498,773.82
      ['sharing-rate', '2498773.82'],
      // 2 % withheld: 2,498,773.82 × 0.98 = 2,448,798.3436
      ['withhold', '2448798.3436'],
      // cap 10 % × 120,000,000 = 12,000,000: not reached
      ['performance-cap', '2448798.3436'],
      // paid in whole dollars, half-up: 2,448,798
      ['whole-dollars', '2448798.00'],
    ]);
    expect(pool.allianceShare).toBe('2448798.00');
  });

  it('splits the shared savings by contract value 42 : 68 : 10', () => {
    // 2,448,798 × 42/120 = 857,079.30; × 68/120 = 1,387,652.20; × 10/120 = 204,066.50 (no cents left over)
    expect(pool.parts.map((p) => [p.party, p.amount, p.unitsAdded])).toEqual([
      ['northside-physicians', '857079.30', 0],
      ['riverside-fqhc', '204066.50', 0],
      ['valley-hospital', '1387652.20', 0],
    ]);
  });

  it('leaves the payer the rest of the savings, and adds up', () => {
    // 5,432,117.00 − 2,448,798.00 = 2,983,319.00
    expect(pool.commissionerShare).toBe('2983319.00');
    expect(pool.conservation).toEqual({ variance: '5432117.00', shared: '5432117.00', difference: '0.00' });
    expect(party('lakeside-health-plan').total).toBe('2983319.00');
    // contract value + shared savings: 42,000,000.00 + 857,079.30
    expect(party('northside-physicians').total).toBe('42857079.30');
  });

  it('shares nothing when the savings fall short of the 2 % minimum', () => {
    // 120,000,000 × 2 % = 2,400,000: spend of 117,600,000.01 saves 2,399,999.99
    const short = measurements.map((m) => (m.metric === 'attributed-spend' ? { ...m, value: '117600000.01' } : m));
    const result = settle(contract, short, { period: '2026' }).riskShares[0]!;
    expect(result.allianceShare).toBe('0.00');
    expect(result.commissionerShare).toBe('2399999.99');
  });
});

describe('an overspend under the one-sided agreement ("sides": "gain")', () => {
  // README: "there is no downside risk in this agreement: if they spend more than the benchmark, we
  // bear it". Spend 125,000,000.00 against 120,000,000.00: a loss of 5,000,000.00, wholly the plan's.
  const spent = measurements.map((m) => (m.metric === 'attributed-spend' ? { ...m, value: '125000000.00' } : m));
  const over = settle(contract, spent, { period: '2026' });
  const share = over.riskShares[0]!;

  it('charges the groups nothing and leaves the whole 5,000,000.00 with the health plan', () => {
    expect(share.variance).toBe('-5000000.00');
    expect(share.side).toBe('loss');
    expect(share.allianceShare).toBe('0.00');
    expect(share.commissionerShare).toBe('-5000000.00');
    expect(share.parts.map((p) => p.amount)).toEqual(['0.00', '0.00', '0.00']);
    expect(share.steps.every((s) => !s.applied)).toBe(true);
    expect(over.trace[share.trace.allianceShare]!.formula).toContain('does not share losses ("sides": "gain")');
  });
});
