import { describe, expect, it } from 'vitest';
import { settle, type ContractInput, type PooledBudgetPoolInput } from '../../src/index.js';

/*
 * Worked examples: a section 75 pooled budget of an ICB and a council. Rules: contributions =
 * the lines' budgets + the reserve; an overspend is met by the declared waterfall (default: other
 * lines' underspends, the reserve, the partners); what is left for the partners (+ returned,
 * − added) is split by contribution or fixed shares, largest remainder, each partner capped at
 * its maximum contribution with the excess passed to the others, and any excess nobody can take
 * shown as unfunded. Every figure below is worked by hand.
 */

const PERIOD = '2026-27';

const contract = (pool: Partial<PooledBudgetPoolInput>): ContractInput => ({
  id: 'pooled',
  name: 'Pooled budget',
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
      id: 's75',
      kind: 'pooled-budget',
      name: 'Section 75 pooled budget',
      contributions: [
        { party: 'icb', amount: '6000000.00' },
        { party: 'council', amount: '4000000.00' },
      ],
      lines: [{ id: 'care', name: 'Community care', budget: '10000000.00', measure: 'care-spend' }],
      split: { basis: 'contribution' },
      ...pool,
    },
  ],
});
const spend = (measure: string, value: string) => ({
  metric: measure,
  period: PERIOD,
  value,
  status: 'final' as const,
});
const pence = (amount: string) => BigInt(amount.replace('.', ''));

describe('a £10,000,000.00 pooled budget (ICB 60 %, council 40 %) overspent by £1,000,000.00', () => {
  // net = 10,000,000 − 11,000,000 = −1,000,000; ICB 60 % → −600,000.00; council 40 % → −400,000.00
  const settlement = settle(contract({}), [spend('care-spend', '11000000.00')], { period: PERIOD });
  const pool = settlement.pooledBudgets[0]!;

  it('has the ICB add £600,000.00 and the council £400,000.00', () => {
    expect(pool.net).toBe('-1000000.00');
    expect(pool.partners.map((p) => [p.party, p.amount])).toEqual([
      ['council', '-400000.00'],
      ['icb', '-600000.00'],
    ]);
    expect(settlement.parties.map((p) => [p.id, p.shared])).toEqual([
      ['council', '-400000.00'],
      ['icb', '-600000.00'],
    ]);
  });

  it('conserves the pool: contributions = spend + the partners’ shares', () => {
    expect(pool.conservation).toEqual({ in: '10000000.00', out: '10000000.00', difference: '0.00' });
    expect(pool.waterfall.map((w) => [w.source, w.amount])).toEqual([
      ['underspends', '0.00'],
      ['reserve', '0.00'],
      ['partners', '1000000.00'],
    ]);
  });
});

describe('an overspend met first by another line’s underspend, then by the reserve', () => {
  /*
   * lines: residential 6,000,000.00 spent 6,500,000.00 (over 500,000); home care 3,500,000.00
   * spent 3,300,000.00 (under 200,000); reserve 500,000.00 (6m + 4m = 9.5m + 0.5m)
   * default waterfall: underspends 200,000 → reserve 300,000 → partners 0
   * left: underspends 0 + reserve 200,000 → returned 200,000: ICB 120,000.00, council 80,000.00
   * with the reserve first: reserve 500,000 → underspends 0 → partners 0; left: underspends
   * 200,000 + reserve 0 → the same 200,000 returned (the order changes who covers what, not the net)
   */
  const pool = (waterfall?: ('underspends' | 'reserve' | 'partners')[]) =>
    contract({
      lines: [
        { id: 'home-care', name: 'Home care', budget: '3500000.00', measure: 'home-care-spend' },
        { id: 'residential', name: 'Residential care', budget: '6000000.00', measure: 'residential-spend' },
      ],
      reserve: '500000.00',
      ...(waterfall ? { waterfall } : {}),
    });
  const measured = [spend('home-care-spend', '3300000.00'), spend('residential-spend', '6500000.00')];

  it('uses £200,000.00 of underspends and £300,000.00 of reserve, and returns £200,000.00', () => {
    const result = settle(pool(), measured, { period: PERIOD }).pooledBudgets[0]!;
    expect([result.overspend, result.underspend]).toEqual(['500000.00', '200000.00']);
    expect(result.waterfall.map((w) => [w.source, w.amount])).toEqual([
      ['underspends', '200000.00'],
      ['reserve', '300000.00'],
      ['partners', '0.00'],
    ]);
    expect(result.net).toBe('200000.00');
    expect(result.partners.map((p) => p.amount)).toEqual(['80000.00', '120000.00']);
    expect(result.conservation.difference).toBe('0.00');
  });

  it('with the reserve first, uses £500,000.00 of reserve and returns the same £200,000.00', () => {
    const result = settle(pool(['reserve', 'underspends', 'partners']), measured, { period: PERIOD }).pooledBudgets[0]!;
    expect(result.waterfall.map((w) => [w.source, w.amount])).toEqual([
      ['reserve', '500000.00'],
      ['underspends', '0.00'],
      ['partners', '0.00'],
    ]);
    expect(result.net).toBe('200000.00');
    expect(result.partners.map((p) => p.amount)).toEqual(['80000.00', '120000.00']);
  });
});

describe('partners capped at their maximum contributions', () => {
  /*
   * overspend 1,000,000; ICB may add at most 6,300,000 − 6,000,000 = 300,000, the council
   * 4,500,000 − 4,000,000 = 500,000: room 800,000 → 200,000 unfunded
   * split of 800,000 by 60:40 would be 480,000 / 320,000: the ICB is held to 300,000 and the
   * other 500,000 goes to the council, which exactly fills its room
   */
  const settlement = settle(
    contract({
      contributions: [
        { party: 'icb', amount: '6000000.00', maximum: '6300000.00' },
        { party: 'council', amount: '4000000.00', maximum: '4500000.00' },
      ],
    }),
    [spend('care-spend', '11000000.00')],
    { period: PERIOD },
  );
  const pool = settlement.pooledBudgets[0]!;

  it('holds each partner to its maximum and shows £200,000.00 unfunded', () => {
    expect(pool.partners.map((p) => [p.party, p.amount, p.capped])).toEqual([
      ['council', '-500000.00', true],
      ['icb', '-300000.00', true],
    ]);
    expect(pool.unfunded).toBe('-200000.00');
    // in 10,000,000 = out: spend 11,000,000 − 800,000 − 200,000
    expect(pool.conservation).toEqual({ in: '10000000.00', out: '10000000.00', difference: '0.00' });
  });
});

describe('the pennies of an odd over- or underspend', () => {
  /*
   * overspend 100.01 split 60:40: exact 60.006 and 40.004 → floors 60.00 + 40.00 = 100.00; one
   * penny left, to the larger remainder (ICB, .006) → ICB −60.01, council −40.00. An underspend of
   * 100.01 gives exactly the opposite.
   */
  it('splits −100.01 as −60.01 / −40.00 and +100.01 as +60.01 / +40.00', () => {
    for (const [value, icb, council] of [
      ['10000100.01', '-60.01', '-40.00'],
      ['9999899.99', '60.01', '40.00'],
    ] as const) {
      const pool = settle(contract({}), [spend('care-spend', value)], { period: PERIOD }).pooledBudgets[0]!;
      expect(pool.partners.map((p) => [p.party, p.amount])).toEqual([
        ['council', council],
        ['icb', icb],
      ]);
      expect(pool.partners.find((p) => p.party === 'icb')!.unitsAdded).toBe(1);
      expect(pool.partners.reduce((s, p) => s + pence(p.amount), 0n)).toBe(pence(pool.net));
    }
  });

  it('splits by fixed shares when declared', () => {
    // underspend 1,000.00 split 50:50 → 500.00 each, whatever the contributions
    const pool = settle(
      contract({ split: { basis: 'fixed', shares: { icb: '50', council: '50' } } }),
      [spend('care-spend', '9999000.00')],
      { period: PERIOD },
    ).pooledBudgets[0]!;
    expect(pool.partners.map((p) => p.amount)).toEqual(['500.00', '500.00']);
  });
});
