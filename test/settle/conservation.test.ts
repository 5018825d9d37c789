import { describe, expect, it, vi } from 'vitest';
import * as allocation from '../../src/money/allocate.js';
import { settle, type ContractInput } from '../../src/index.js';

// Issue 12, item 7: a conservation record that can fail. The risk-share pool's record used to be
// charged + (variance − members) + carried, the variance by construction. The commissioner's side
// is now worked out from the alliance's share, independently of the split, so an allocation that
// makes a penny shows as a difference of one penny.
vi.mock('../../src/money/allocate.js', async (original) => {
  const actual = await original<typeof allocation>();
  return { ...actual, allocateUnits: vi.fn(actual.allocateUnits) };
});

const PERIOD = 'y1';
const contract: ContractInput = {
  id: 'conservation',
  name: 'Conservation',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'icb', name: 'ICB', role: 'commissioner' },
    { id: 'a', name: 'A', role: 'provider' },
    { id: 'b', name: 'B', role: 'provider' },
  ],
  pools: [
    {
      id: 'system',
      kind: 'risk-share',
      name: 'System',
      budget: '1000.00',
      outturn: { measure: 'spend' },
      commissioner: 'icb',
      steps: [{ id: 'rate', type: 'rate', gain: { percent: '50' }, loss: { percent: '50' } }],
      order: ['rate'],
      distribution: { basis: 'equal' },
    },
  ],
};
const pool = () =>
  settle(contract, [{ metric: 'spend', period: PERIOD, value: '900.00', status: 'final' }], { period: PERIOD })
    .riskShares[0]!;

describe('the conservation record of a risk-share pool', () => {
  it('is zero when the split adds up: 100.00 variance, 50.00 to the members (25.00 each), 50.00 kept', () => {
    const p = pool();
    expect([p.allianceShare, p.commissionerShare, p.conservation.difference]).toEqual(['50.00', '50.00', '0.00']);
  });

  it('shows the penny an allocation makes', async () => {
    const actual = await vi.importActual<typeof allocation>('../../src/money/allocate.js');
    vi.mocked(allocation.allocateUnits).mockImplementationOnce((total, weights, scale) => {
      const [first, ...rest] = actual.allocateUnits(total, weights, scale);
      return [{ ...first!, units: first!.units + 1n }, ...rest]; // one penny made from nothing
    });
    const p = pool();
    expect(p.parts.map((part) => part.amount)).toEqual(['25.01', '25.00']);
    expect(p.commissionerShare).toBe('50.00');
    expect(p.conservation.difference).toBe('-0.01');
  });
});
