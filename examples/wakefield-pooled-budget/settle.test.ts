import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput } from '../../src/index.js';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const contract = defineContract(read('contract.json'));
const measurements = read('measurements.json') as MeasurementInput[];
const settlement = settle(contract, measurements, { period: '2026-27' });
const pool = settlement.pooledBudgets[0]!;
const party = (id: string) => settlement.parties.find((p) => p.id === id)!;

describe('the Wakefield £42m pooled budget, 2026-27', () => {
  it('is funded with £42,000,000.00: £41,500,000.00 of budget lines and a £500,000.00 reserve', () => {
    expect([pool.contributed, pool.reserve]).toEqual(['42000000.00', '500000.00']);
  });

  it('finds each line’s over- or underspend', () => {
    expect(pool.lines.map((l) => [l.id, l.variance])).toEqual([
      ['care-homes', '-305000.00'], //          11,400,000.00 − 11,705,000.00
      ['equipment', '-242500.01'], //            3,100,000.00 −  3,342,500.01
      ['intermediate-care', '-680000.00'], //    9,500,000.00 − 10,180,000.00
      ['neighbourhood-teams', '180000.00'], //  11,300,000.00 − 11,120,000.00
      ['reablement', '250000.00'], //            6,200,000.00 −  5,950,000.00
    ]);
    // overspends 305,000 + 242,500.01 + 680,000 = 1,227,500.01; underspends 180,000 + 250,000 = 430,000
    expect([pool.overspend, pool.underspend]).toEqual(['1227500.01', '430000.00']);
  });

  it('meets the overspend from underspends, then the reserve, then the partners', () => {
    // 1,227,500.01 − 430,000.00 (underspends) − 500,000.00 (reserve) = 297,500.01 left to the partners
    expect(pool.waterfall.map((w) => [w.source, w.amount])).toEqual([
      ['underspends', '430000.00'],
      ['reserve', '500000.00'],
      ['partners', '297500.01'],
    ]);
    expect(pool.net).toBe('-297500.01');
  });

  it('splits the partners’ part 26 : 16 by contribution, the odd penny to the larger remainder', () => {
    // 297,500.01 × 26/42 = 184,166.672857… → 184,166.67; × 16/42 = 113,333.337142… → 113,333.33;
    // together 297,500.00: the last penny goes to the council (.714… of a penny beats .285…)
    expect(pool.partners.map((p) => [p.party, p.floor, p.unitsAdded, p.amount, p.capped])).toEqual([
      ['nhs-wakefield', '-184166.67', 0, '-184166.67', false],
      ['wakefield-council', '-113333.33', 1, '-113333.34', false],
    ]);
    expect(pool.unfunded).toBe('0.00');
  });

  it('conserves the pool: £42,000,000.00 in = £42,297,500.01 spent − £297,500.01 added', () => {
    expect(pool.spend).toBe('42297500.01');
    expect(pool.conservation).toEqual({ in: '42000000.00', out: '42000000.00', difference: '0.00' });
    expect(party('nhs-wakefield').shared).toBe('-184166.67');
    expect(party('wakefield-council').total).toBe('-113333.34');
    // the providers run services from the pool but do not fund it: their totals are their contract values
    expect(party('mid-yorkshire').total).toBe('14200000.00');
  });
});
