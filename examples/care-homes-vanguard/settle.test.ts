import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type MeasurementInput } from '../../src/index.js';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const settlement = settle(defineContract(read('contract.json')), read('measurements.json') as MeasurementInput[], {
  period: '2026-27',
});
const scheme = settlement.pointsSchemes[0]!;
const rows = (party: string) =>
  scheme.participants
    .find((p) => p.party === party)!
    .indicators.map((i) => [i.id, i.achievement, i.points, i.valuePerPoint, i.payment]);

describe('enhanced health in care homes, 2026-27', () => {
  it('pays the primary care network £8,857.80', () => {
    expect(rows('riverside-pcn')).toEqual([
      // 780 per 1,000 beds, lower is better: (780 − 900) / (700 − 900) = 0.6 × 15 = 9 points × £150.00
      ['admissions', '780', '9', '150', '1350.00'],
      // 340 / (400 − 12 declined − 8 end of life) = 89.47…%: (89.47… − 70) / 20 × 30 = 29.21 points
      // (rounded to 2 places as declared) × £150.00 × 120/100 beds = £180.00 a point → £5,257.80
      ['care-plans', '89.473684210526315789', '29.21', '180', '5257.80'],
      // 150 / 200 = 75 %: (75 − 60) / 20 × 20 = 15 points × £150.00
      ['medication-reviews', '75', '15', '150', '2250.00'],
    ]);
    expect(scheme.participants[1]!.indicators[1]!.exclusions).toBe('20 (declined 12, end-of-life 8)');
  });

  it('pays the community trust £4,770.00', () => {
    expect(rows('community-trust')).toEqual([
      // 690: better than the 700 upper threshold → all 15 points
      ['admissions', '690', '15', '150', '2250.00'],
      // 252 / 300 = 84 %: (84 − 70) / 20 × 30 = 21 points × £150.00 × 80/100 = £120.00 a point
      ['care-plans', '84', '21', '120', '2520.00'],
      // 96 / 160 = 60 %: at the lower threshold → nothing
      ['medication-reviews', '60', '0', '150', '0.00'],
    ]);
  });

  it('has the ICB pay what the two providers receive', () => {
    expect(scheme.total).toBe('13627.80');
    expect(settlement.parties.map((p) => [p.id, p.priced])).toEqual([
      ['community-trust', '4770.00'],
      ['icb', '-13627.80'],
      ['riverside-pcn', '8857.80'],
    ]);
  });
});
