import { describe, expect, it } from 'vitest';
import { settle, type ContractInput, type MeasurementInput } from '../../src/index.js';

// Six metrics of equal weight: 1/6 is 0.1666… with no end. At 18 decimal places, rounded half-even
// it is 0.166666666666666667 and six of them make 1.000000000000000002, a pool score above 1.
// Weights are rounded down instead: six of 0.166666666666666666 make 0.999999999999999996.
const metrics = Array.from({ length: 6 }, (_, i) => ({
  id: `m${i + 1}`,
  name: `Metric ${i + 1}`,
  unit: '%',
  direction: 'higher-is-better' as const,
  scoring: { type: 'binary' as const, target: '90' },
}));
const contract: ContractInput = {
  id: 'six',
  name: 'Six metrics',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: '2026-27', start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'icb', name: 'ICB', role: 'commissioner' },
    { id: 'acute', name: 'Acute', role: 'provider', contractValue: '1000000.00' },
  ],
  pools: [
    {
      id: 'pool',
      kind: 'outcome',
      name: 'Pool',
      contributions: [{ party: 'icb', amount: '600000.00' }],
      metrics,
      unearned: { to: 'commissioner', party: 'icb' },
    },
  ],
};
const allMet: MeasurementInput[] = metrics.map((m) => ({
  metric: m.id,
  period: '2026-27',
  value: '95',
  status: 'final',
}));

describe('six metrics of equal weight, all met', () => {
  it('weigh 0.166666666666666666 each, rounded down, so the pool score is not above 1', () => {
    const s = settle(contract, allMet, { period: '2026-27' });
    expect(s.metrics.map((m) => m.weight)).toEqual(Array(6).fill('0.166666666666666666'));
    expect(s.pools[0]!.score).toBe('0.999999999999999996');
  });

  it('still pay the whole pool: £600,000.00 × 0.999999999999999996 rounds to £600,000.00', () => {
    const s = settle(contract, allMet, { period: '2026-27' });
    expect(s.pools[0]!.earned).toBe('600000.00');
    expect(s.parties.find((p) => p.id === 'acute')!.earned).toBe('600000.00');
  });
});
