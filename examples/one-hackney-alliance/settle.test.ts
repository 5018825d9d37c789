import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineContract, settle } from '../../src/index.js';

const read = (file: string): unknown => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
const settlement = settle(defineContract(read('contract.json')), read('measurements.json') as never, {
  period: '2026-27',
});
const party = (id: string) => settlement.parties.find((p) => p.id === id)!;
const metric = (id: string) => settlement.metrics.find((m) => m.id === id)!;

describe('the One Hackney-style alliance example, 2026-27', () => {
  it('funds the pool with the ICB’s £1m and 1.5 % of every provider’s contract value', () => {
    // provider contract values add up to £347,680,000.00; 1.5 % of that is £5,215,200.00; + £1,000,000.00
    expect(settlement.pools[0]!.funding).toBe('6215200.00');
    expect(party('acute').contributed).toBe('2730000.00'); // 1.5 % × £182,000,000.00
    expect(party('acute').guaranteed).toBe('179270000.00');
  });

  it('scores each outcome from the measurements as the contract says', () => {
    // admissions: 5,712 / 22,400 × 1,000 = 255 per 1,000; linear from 262 (score 0) to 235.8 (score 1):
    // (255 − 262) / (235.8 − 262) = 7 / 26.2 = 0.267175572519083969 (18 places, half-even)
    expect(metric('emergency-admissions-75').measured).toBe('255');
    expect(metric('emergency-admissions-75').score).toBe('0.267175572519083969');
    // deaths at home: 624 / 1,200 × 100 = 52 %; linear 46 → 56: (52 − 46) / 10 = 0.6
    expect(metric('death-usual-residence').score).toBe('0.6');
    // delayed transfers: (1,240 − 1,054) / 1,240 = 15 % improvement; 0 % → 20 %: 0.75
    expect(metric('delayed-transfers').score).toBe('0.75');
    // care plans: 2,361 / (3,050 − 18) × 100 = 77.87 %, in the 75 % band: 0.5
    expect(metric('shared-care-plans').score).toBe('0.5');
  });

  it('earns funding × weighted score, rounded once for the pool', () => {
    // 0.35 × 0.267175572519083969 + 0.25 × 0.6 + 0.2 × 0.75 + 0.2 × 0.5 = 0.49351145038167938915
    // × £6,215,200.00 = £3,067,272.366…, rounded half-up: £3,067,272.37
    expect(settlement.pools[0]!.score).toBe('0.49351145038167938915');
    expect(settlement.pools[0]!.earnedByScore).toBe('3067272.37');
  });

  it('forfeits the out-of-hours provider’s part for missing data returns and redistributes it to the others', () => {
    const pool = settlement.pools[0]!;
    expect(party('out-of-hours').earned).toBe('0.00');
    expect(pool.forfeited).toBe(party('out-of-hours').pools[0]!.forfeited);
    const redistributed = settlement.parties.reduce((s, p) => s + BigInt(p.redistributed.replace('.', '')), 0n);
    expect(redistributed).toBe(BigInt(pool.forfeited.replace('.', '')));
  });

  it('returns the unearned money to the ICB and conserves the pool to the penny', () => {
    expect(party('nel-icb').returned).toBe(settlement.pools[0]!.unearned);
    expect(settlement.pools[0]!.conservation).toEqual({ in: '6215200.00', out: '6215200.00', difference: '0.00' });
  });

  it('is provisional while the care-plan audit is provisional', () => {
    expect(settlement.status).toBe('provisional');
  });
});
