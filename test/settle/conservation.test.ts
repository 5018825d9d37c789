import { afterEach, describe, expect, it, vi } from 'vitest';
import * as allocation from '../../src/money/allocate.js';
import { settle, type ContractInput, type RiskSharePoolInput } from '../../src/index.js';

// Issue 12, item 7: a conservation record that can fail. The risk-share pool's record used to be
// charged + (variance − members) + carried, the variance by construction. The commissioner's side
// is now worked out from the alliance's share, independently of the split, so an allocation that
// makes a penny shows as a difference of one penny.
vi.mock('../../src/money/allocate.js', async (original) => {
  const actual = await original<typeof allocation>();
  return {
    ...actual,
    allocateUnits: vi.fn(actual.allocateUnits),
    allocateUnitsCapped: vi.fn(actual.allocateUnitsCapped),
  };
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

/**
 * Breaks the allocation of exactly `total` minor units (between `between` parties, when given):
 * its first part gets one unit more than it should, a penny made from nothing. Every other
 * allocation in the settlement is left as it is.
 */
async function makeAPennyWhenSplitting(
  total: bigint,
  which: 'allocateUnits' | 'allocateUnitsCapped',
  between?: number,
) {
  const actual = await vi.importActual<typeof allocation>('../../src/money/allocate.js');
  const real = actual[which] as (...args: unknown[]) => allocation.UnitShare[];
  vi.mocked(allocation[which]).mockImplementation(((...args: unknown[]) => {
    const parts = real(...args);
    if (args[0] !== total || (between !== undefined && parts.length !== between)) return parts;
    const [first, ...rest] = parts;
    return [{ ...first!, units: first!.units + 1n }, ...rest];
  }) as never);
}

const year: Pick<ContractInput, 'id' | 'name' | 'version' | 'currency' | 'term' | 'periods'> = {
  id: 'conservation',
  name: 'Conservation',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
};

describe('the conservation records of the other pools catch a penny made by a broken split', () => {
  afterEach(() => {
    vi.mocked(allocation.allocateUnits).mockReset();
    vi.mocked(allocation.allocateUnitsCapped).mockReset();
  });

  // Outcome pool: 1,000.00 from the ICB; one metric on linear 60 → 80 measured 70 earns half,
  // 500.00, split between a and b by their equal contract values (250.00 each); the unearned
  // 500.00 goes back to the contributor, the ICB. 1,000.00 in, 1,000.00 out.
  const outcome: ContractInput = {
    ...year,
    parties: [
      { id: 'icb', name: 'ICB', role: 'commissioner' },
      { id: 'a', name: 'A', role: 'provider', contractValue: '100000.00' },
      { id: 'b', name: 'B', role: 'provider', contractValue: '100000.00' },
    ],
    pools: [
      {
        id: 'quality',
        kind: 'outcome',
        name: 'Quality',
        contributions: [{ party: 'icb', amount: '1000.00' }],
        metrics: [
          {
            id: 'home-first',
            name: 'Home first',
            unit: '%',
            direction: 'higher-is-better',
            scoring: { type: 'linear', min: '60', max: '80' },
          },
        ],
        unearned: { to: 'contributors' },
      },
    ],
  };
  const outcomePool = () =>
    settle(outcome, [{ metric: 'home-first', period: PERIOD, value: '70', status: 'final' }], { period: PERIOD })
      .pools[0]!;

  it('outcome pool: 1,000.00 in and out when the splits add up', () => {
    const pool = outcomePool();
    expect([pool.earned, pool.unearned]).toEqual(['500.00', '500.00']);
    expect(pool.conservation).toEqual({ in: '1000.00', out: '1000.00', difference: '0.00' });
  });

  it('outcome pool: a penny made splitting the 500.00 earned shows as −0.01', async () => {
    await makeAPennyWhenSplitting(50000n, 'allocateUnits', 2);
    const pool = outcomePool();
    expect(pool.allocation.map((a) => a.amount).sort()).toEqual(['250.00', '250.01']);
    expect(pool.conservation).toEqual({ in: '1000.00', out: '1000.01', difference: '-0.01' });
  });

  it('outcome pool: a penny made returning the 500.00 unearned shows as −0.01', async () => {
    await makeAPennyWhenSplitting(50000n, 'allocateUnits', 1);
    const pool = outcomePool();
    expect(pool.unearnedTo.parts).toEqual([{ party: 'icb', amount: '500.01' }]);
    expect(pool.conservation.difference).toBe('-0.01');
  });

  // Pooled budget: 6,000.00 + 4,000.00 = 10,000.00 for one line that spends 9,000.00; the
  // 1,000.00 underspend goes back 600.00 / 400.00 by contribution.
  const pooled: ContractInput = {
    ...year,
    parties: [
      { id: 'council', name: 'Council', role: 'commissioner' },
      { id: 'icb', name: 'ICB', role: 'commissioner' },
    ],
    pools: [
      {
        id: 's75',
        kind: 'pooled-budget',
        name: 'Section 75',
        contributions: [
          { party: 'icb', amount: '6000.00' },
          { party: 'council', amount: '4000.00' },
        ],
        lines: [{ id: 'care', name: 'Care', budget: '10000.00', measure: 'care-spend' }],
        split: { basis: 'contribution' },
      },
    ],
  };
  const pooledPool = () =>
    settle(pooled, [{ metric: 'care-spend', period: PERIOD, value: '9000.00', status: 'final' }], {
      period: PERIOD,
    }).pooledBudgets[0]!;

  it('pooled budget: 10,000.00 in and out when the split adds up', () => {
    const pool = pooledPool();
    expect(pool.partners.map((p) => [p.party, p.amount])).toEqual([
      ['council', '400.00'],
      ['icb', '600.00'],
    ]);
    expect(pool.conservation).toEqual({ in: '10000.00', out: '10000.00', difference: '0.00' });
  });

  it('pooled budget: a penny made splitting the 1,000.00 underspend shows as −0.01', async () => {
    await makeAPennyWhenSplitting(100000n, 'allocateUnits');
    const pool = pooledPool();
    expect(pool.conservation).toEqual({ in: '10000.00', out: '10000.01', difference: '-0.01' });
  });

  // Rate card: p1 claims 3 × 1,000.00 = 3,000.00, paid 50/50 by the council and a national fund
  // (1,500.00 each); the fund's budget is 1,000.00, so 500.00 of its part is unfunded.
  const card: ContractInput = {
    ...year,
    parties: [
      { id: 'council', name: 'Council', role: 'commissioner' },
      { id: 'fund', name: 'National fund', role: 'commissioner' },
      { id: 'p1', name: 'Provider 1', role: 'provider' },
    ],
    pools: [
      {
        id: 'outcomes',
        kind: 'rate-card',
        name: 'Outcomes',
        outcomes: [{ id: 'housing', name: 'Housed', price: '1000.00', measure: 'housing' }],
        payers: [
          { party: 'council', percent: '50' },
          { party: 'fund', percent: '50', budget: '1000.00' },
        ],
      },
    ],
  };
  const cardResult = () =>
    settle(card, [{ metric: 'housing', period: PERIOD, party: 'p1', value: '3', status: 'final' }], {
      period: PERIOD,
    }).rateCards[0]!;

  it('rate card: 3,000.00 claimed = 2,500.00 received + 500.00 unfunded', () => {
    const result = cardResult();
    expect(result.providers).toEqual([{ party: 'p1', claimed: '3000.00', received: '2500.00' }]);
    expect(result.conservation).toEqual({ in: '3000.00', out: '3000.00', difference: '0.00' });
  });

  it('rate card: a penny made splitting the 3,000.00 between the payers shows as −0.01', async () => {
    await makeAPennyWhenSplitting(300000n, 'allocateUnits');
    expect(cardResult().conservation).toEqual({ in: '3000.00', out: '3000.01', difference: '-0.01' });
  });

  it('rate card: a penny made paying the fund’s 1,000.00 budget shows as −0.01', async () => {
    await makeAPennyWhenSplitting(100000n, 'allocateUnits');
    const result = cardResult();
    expect(result.providers[0]!.received).toBe('2500.01');
    expect(result.conservation).toEqual({ in: '3000.00', out: '3000.01', difference: '-0.01' });
  });
});

describe('the conservation record of a pool whose variance runs outturn − budget', () => {
  afterEach(() => vi.mocked(allocation.allocateUnits).mockReset());
  // outturn 1,100.00 against 1,000.00: +100.00, 50 % = 50.00 paid to a and b (25.00 each) by the ICB
  const activity = (): ContractInput => ({
    ...contract,
    pools: [{ ...(contract.pools[0] as RiskSharePoolInput), variance: 'outturn-minus-budget', sides: 'both' }],
  });
  const run = () =>
    settle(activity(), [{ metric: 'spend', period: PERIOD, value: '1100.00', status: 'final' }], { period: PERIOD })
      .riskShares[0]!;

  it('adds the sides up to zero: the ICB pays the 50.00 the members are paid', () => {
    const p = run();
    expect([p.allianceShare, p.commissionerShare]).toEqual(['50.00', '-50.00']);
    expect(p.conservation).toEqual({ variance: '0.00', shared: '0.00', difference: '0.00' });
  });

  it('shows the penny a split makes', async () => {
    await makeAPennyWhenSplitting(5000n, 'allocateUnits');
    expect(run().conservation).toEqual({ variance: '0.00', shared: '0.01', difference: '-0.01' });
  });
});
