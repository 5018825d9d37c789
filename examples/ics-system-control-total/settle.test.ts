import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput } from '../../src/index.js';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const contract = defineContract(read('contract.json'));
const measurements = read('measurements.json') as MeasurementInput[];
const settlement = settle(contract, measurements, { period: '2026-27' });
const pool = settlement.riskShares[0]!;

describe('the Riverton ICS system control total, 2026-27', () => {
  it('adds up each trust’s position into a system deficit of £8,150,000.00', () => {
    expect(pool.members).toEqual([
      { party: 'community', budget: '180000000.00', outturn: '181900000.00', variance: '-1900000.00' },
      { party: 'mental-health', budget: '220000000.00', outturn: '218600000.00', variance: '1400000.00' },
      { party: 'north-acute', budget: '620000000.00', outturn: '631400000.00', variance: '-11400000.00' },
      { party: 'south-acute', budget: '480000000.00', outturn: '476250000.00', variance: '3750000.00' },
    ]);
    // budgets 1,500,000,000.00; outturn 1,508,150,000.00 → −8,150,000.00
    expect([pool.budget, pool.outturn, pool.variance]).toEqual(['1500000000.00', '1508150000.00', '-8150000.00']);
  });

  it('shares half of the deficit with the trusts: £4,075,000.00', () => {
    expect(pool.steps.map((s) => [s.id, s.amount])).toEqual([
      // tolerance 0.5 % × 1,500,000,000 = 7,500,000; 8,150,000 ≥ 7,500,000 → shared from the first pound
      ['tolerance', '8150000.00'],
      // 50 %
      ['shares', '4075000.00'],
      // limit 2 % × 1,500,000,000 = 30,000,000: not reached
      ['loss-limit', '4075000.00'],
    ]);
    expect(pool.allianceShare).toBe('-4075000.00');
  });

  it('splits it by control total, the spare penny to the largest remainder', () => {
    // 4,075,000 × 620/1,500 = 1,684,333.333…; × 480/1,500 = 1,304,000; × 180/1,500 = 489,000;
    // × 220/1,500 = 597,666.666… → floors add to 4,074,999.99; the last penny goes to the largest
    // remainder, mental health (.666… beats north acute's .333…)
    expect(pool.parts.map((p) => [p.party, p.floor, p.unitsAdded, p.amount])).toEqual([
      ['community', '-489000.00', 0, '-489000.00'],
      ['mental-health', '-597666.66', 1, '-597666.67'],
      ['north-acute', '-1684333.33', 0, '-1684333.33'],
      ['south-acute', '-1304000.00', 0, '-1304000.00'],
    ]);
  });

  it('leaves the ICB the other half, and adds up to the deficit', () => {
    expect(pool.commissionerShare).toBe('-4075000.00');
    expect(pool.conservation).toEqual({ variance: '-8150000.00', shared: '-8150000.00', difference: '0.00' });
    // contract value less its share of the deficit: 620,000,000.00 − 1,684,333.33
    expect(settlement.parties.find((p) => p.id === 'north-acute')!.total).toBe('618315666.67');
  });

  it('shares nothing inside the 0.5 % tolerance', () => {
    // north acute at 626,900,000 instead: outturn 626,900,000 + 476,250,000 + 181,900,000 + 218,600,000
    // = 1,503,650,000 → a deficit of 3,650,000, under the 7,500,000 tolerance: the ICB bears it all
    const within = measurements.map((m) => (m.party === 'north-acute' ? { ...m, value: '626900000.00' } : m));
    const result = settle(contract, within, { period: '2026-27' }).riskShares[0]!;
    expect(result.variance).toBe('-3650000.00');
    expect(result.allianceShare).toBe('0.00');
    expect(result.commissionerShare).toBe('-3650000.00');
  });
});
