import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput } from '../../src/index.js';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const settlement = settle(defineContract(read('contract.json')), read('measurements.json') as MeasurementInput[], {
  period: '2026-27',
});
const card = settlement.rateCards[0]!;
const claim = (outcome: string, person: string | null) =>
  card.claims.find((c) => c.outcome === outcome && c.person === person)!;

describe('the Home First outcomes rate card, 2026-27', () => {
  it('holds person P001’s £3,900.00 of outcomes to the £3,000.00 per-person cap, pro rata', () => {
    // 1,200 + 1,800 + 900 = 3,900; × 3,000/3,900: 923.0769… / 1,384.6153… / 692.3076… → floors
    // 923.07 + 1,384.61 + 692.30 = 2,999.98; two pennies to the largest remainders (.69 and .77 of a
    // penny: home-90 and reduced-care) → 923.08 / 1,384.61 / 692.31; then the contract cap (below)
    expect(claim('home-90', 'P001').cuts[0]).toEqual({ cap: 'per-person', amount: '276.92' });
    expect(claim('home-180', 'P001').cuts[0]).toEqual({ cap: 'per-person', amount: '415.39' });
    expect(claim('reduced-care', 'P001').cuts[0]).toEqual({ cap: 'per-person', amount: '207.69' });
  });

  it('holds the £162,000.00 of claims to the £150,000.00 contract cap, pro rata (25/27)', () => {
    // bulk claims 80 × 1,200 = 96,000; 30 × 1,800 = 54,000; 10 × 900 = 9,000; + P001's 3,000 = 162,000
    expect(card.claims.map((c) => [c.outcome, c.person, c.claimed, c.paid])).toEqual([
      ['home-180', null, '54000.00', '50000.00'], //        54,000 × 25/27
      ['home-180', 'P001', '1800.00', '1282.05'], //         1,384.61 × 25/27 = 1,282.046…
      ['home-90', null, '96000.00', '88888.89'], //         96,000 × 25/27 = 88,888.888…
      ['home-90', 'P001', '1200.00', '854.70'], //           923.08 × 25/27 = 854.703…
      ['reduced-care', null, '9000.00', '8333.33'], //       9,000 × 25/27 = 8,333.333…
      ['reduced-care', 'P001', '900.00', '641.03'], //       692.31 × 25/27 = 641.027…
    ]);
    expect(card.caps.map((c) => [c.id, c.cut])).toEqual([
      ['per-person', '900.00'],
      ['contract', '12000.00'],
    ]);
  });

  it('has the council pay 80 % and the national fund 20 %, up to its £28,000.00 budget', () => {
    // 150,000 × 80 % = 120,000; × 20 % = 30,000, over the 28,000 budget: 2,000 unfunded
    expect(card.payers).toEqual([
      { party: 'county-council', percent: '80', owed: '120000.00', paid: '120000.00', unfunded: '0.00' },
      { party: 'national-fund', percent: '20', owed: '30000.00', paid: '28000.00', unfunded: '2000.00' },
    ]);
    expect(card.providers).toEqual([{ party: 'home-first', claimed: '162900.00', received: '148000.00' }]);
    expect(settlement.parties.map((p) => [p.id, p.priced])).toEqual([
      ['county-council', '-120000.00'],
      ['home-first', '148000.00'],
      ['national-fund', '-28000.00'],
    ]);
  });
});
