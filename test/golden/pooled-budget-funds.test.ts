import { describe, expect, it } from 'vitest';
import { settle, validateContract, type ContractInput, type PooledBudgetPoolInput } from '../../src/index.js';

/*
 * Worked example: a pooled budget whose overspend is met by named sources in the declared order,
 * then the partners. Lines: acute 3,000,000.00 (spent 3,900,000.00: 900,000.00 over) and
 * community 2,000,000.00 (spent 1,750,000.00: 250,000.00 under); a 400,000.00 risk reserve and
 * 150,000.00 of uncommitted allocations. Contributions 5,550,000.00: ICB 3,330,000.00 (60 %),
 * council 2,220,000.00 (40 %).
 *
 *   overspend 900,000.00 = 250,000.00 underspends + 400,000.00 reserve + 150,000.00 uncommitted
 *                          + 100,000.00 left to the partners: ICB −60,000.00, council −40,000.00
 */

const PERIOD = '2026-27';
const contract = (pool: Partial<PooledBudgetPoolInput> = {}): ContractInput => ({
  id: 'pooled-funds',
  name: 'Pooled budget with named sources',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'council', name: 'Council', role: 'commissioner' },
    { id: 'icb', name: 'ICB', role: 'commissioner' },
  ],
  pools: [
    {
      id: 'bcf',
      kind: 'pooled-budget',
      name: 'Better Care Fund pool',
      contributions: [
        { party: 'icb', amount: '3330000.00' },
        { party: 'council', amount: '2220000.00' },
      ],
      lines: [
        { id: 'acute', name: 'Acute', budget: '3000000.00', measure: 'acute-spend' },
        { id: 'community', name: 'Community', budget: '2000000.00', measure: 'community-spend' },
      ],
      reserve: '400000.00',
      funds: [{ id: 'uncommitted', name: 'Uncommitted allocations', amount: '150000.00', clause: 'Schedule 2 para 4' }],
      waterfall: ['underspends', 'reserve', 'uncommitted', 'partners'],
      split: { basis: 'contribution' },
      ...pool,
    },
  ],
});
const spent = (acute: string, community: string) => [
  { metric: 'acute-spend', period: PERIOD, value: acute, status: 'final' as const },
  { metric: 'community-spend', period: PERIOD, value: community, status: 'final' as const },
];
const run = (input: ContractInput, acute = '3900000.00', community = '1750000.00') =>
  settle(input, spent(acute, community), { period: PERIOD }).pooledBudgets[0]!;
const waterfallOf = (pool: ReturnType<typeof run>) => pool.waterfall.map((w) => [w.source, w.amount]);

describe('an overspend of 900,000.00 met by named sources, in the declared order', () => {
  it('250,000.00 underspends, 400,000.00 reserve, 150,000.00 uncommitted, 100,000.00 to the partners', () => {
    const pool = run(contract());
    expect(pool.overspend).toBe('900000.00');
    expect(waterfallOf(pool)).toEqual([
      ['underspends', '250000.00'],
      ['reserve', '400000.00'],
      ['uncommitted', '150000.00'],
      ['partners', '100000.00'],
    ]);
    expect(pool.net).toBe('-100000.00');
    expect(pool.partners.map((p) => [p.party, p.amount])).toEqual([
      ['council', '-40000.00'],
      ['icb', '-60000.00'],
    ]);
    expect(pool.conservation).toEqual({ in: '5550000.00', out: '5550000.00', difference: '0.00' });
  });

  it('traces the named source with its name and clause', () => {
    const settlement = settle(contract(), spent('3900000.00', '1750000.00'), { period: PERIOD });
    const node = settlement.trace['pool:bcf:waterfall:uncommitted']!;
    expect([node.label, node.value, node.formula, node.clause]).toEqual([
      'overspend met by Uncommitted allocations (uncommitted) (pool bcf)',
      '150000.00',
      'the smaller of the overspend left (250000.00) and Uncommitted allocations (150000.00)',
      'Schedule 2 para 4',
    ]);
  });

  it('in another order, the sources meet it in that order: uncommitted first', () => {
    // an overspend of 500,000.00 (acute 3,500,000.00): uncommitted 150,000.00, then the reserve
    // 350,000.00, nothing from the underspends; the net is the same +300,000.00 either way
    // (250,000.00 underspent + 50,000.00 of the reserve left)
    const pool = run(contract({ waterfall: ['uncommitted', 'reserve', 'underspends', 'partners'] }), '3500000.00');
    expect(waterfallOf(pool)).toEqual([
      ['uncommitted', '150000.00'],
      ['reserve', '350000.00'],
      ['underspends', '0.00'],
      ['partners', '0.00'],
    ]);
    expect(pool.net).toBe('300000.00');
  });

  it('with no waterfall, the funds come after the reserve, as declared', () => {
    const pool = run(contract({ waterfall: undefined }));
    expect(waterfallOf(pool).map(([source]) => source)).toEqual(['underspends', 'reserve', 'uncommitted', 'partners']);
  });

  it('gives back what is left of a fund: no overspend returns the 150,000.00 with the rest', () => {
    // community underspent by 250,000.00, acute on budget: 250,000 + 400,000 + 150,000 = +800,000.00
    const pool = run(contract(), '3000000.00');
    expect(pool.net).toBe('800000.00');
    expect(pool.partners.map((p) => p.amount)).toEqual(['320000.00', '480000.00']);
  });
});

describe('named sources declared wrongly are refused', () => {
  const issues = (input: ContractInput) => validateContract(input).issues.map((i) => [i.path, i.code, i.message]);

  it('a waterfall naming something that is not a source of the pool', () => {
    expect(issues(contract({ waterfall: ['underspends', 'uncomitted', 'partners'] }))).toEqual([
      [
        'pools[0].waterfall[1]',
        'unknown_waterfall_source',
        `the waterfall names "uncomitted", which is not a source of pooled budget 'bcf' (its sources: "underspends", "reserve", "uncommitted", "partners")`,
      ],
    ]);
  });

  it('a fund called by a name the waterfall uses for itself', () => {
    const funds = [{ id: 'reserve', name: 'Second reserve', amount: '150000.00' }];
    expect(issues(contract({ funds, waterfall: undefined }))).toEqual([
      [
        'pools[0].funds[0].id',
        'fund_id_reserved',
        'a fund cannot be called "reserve", which the waterfall uses for the risk reserve: give it another id',
      ],
    ]);
  });

  it('contributions that do not cover the funds too', () => {
    const funds = [{ id: 'uncommitted', name: 'Uncommitted', amount: '250000.00' }];
    expect(issues(contract({ funds }))).toEqual([
      [
        'pools[0].contributions',
        'pool_not_balanced',
        "the contributions to pooled budget 'bcf' add up to 5550000, but its lines' budgets, reserve and funds add up to 5650000",
      ],
    ]);
  });
});
