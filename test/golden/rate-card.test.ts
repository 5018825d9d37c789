import { describe, expect, it } from 'vitest';
import {
  settle,
  validateContract,
  type ContractInput,
  type MeasurementInput,
  type RateCardInput,
} from '../../src/index.js';

/*
 * Worked examples: a rate card paying a price per outcome achieved. Claims are count × price;
 * caps apply in the declared order, cutting the claims of a group over the cap pro rata (largest
 * remainder) or the least protected outcomes first; payers split each payment by their shares
 * (largest remainder) and pay only up to their budgets.
 */

const PERIOD = '2026-27';
const card = (extra: Partial<RateCardInput>): ContractInput => ({
  id: 'rate-card',
  name: 'Rate card',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'council', name: 'Council', role: 'commissioner' },
    { id: 'national-fund', name: 'National fund', role: 'commissioner' },
    { id: 'p1', name: 'Provider 1', role: 'provider' },
    { id: 'p2', name: 'Provider 2', role: 'provider' },
  ],
  pools: [
    {
      id: 'outcomes',
      kind: 'rate-card',
      name: 'Outcomes rate card',
      outcomes: [
        { id: 'housing', name: 'Stable housing for 6 months', price: '5000.00', measure: 'housing' },
        { id: 'employment', name: 'In work for 13 weeks', price: '4000.00', measure: 'employment' },
        { id: 'home', name: 'Supported to stay at home', price: '10000.00', measure: 'home' },
      ],
      payers: [{ party: 'council', percent: '100' }],
      ...extra,
    },
  ],
});
const count = (metric: string, party: string, value: string, person?: string): MeasurementInput => ({
  metric,
  period: PERIOD,
  party,
  value,
  status: 'final',
  ...(person ? { person } : {}),
});
const run = (contract: ContractInput, measurements: MeasurementInput[]) =>
  settle(contract, measurements, { period: PERIOD }).rateCards[0]!;

describe('a per-person cap', () => {
  // person A: housing £5,000.00 + employment £4,000.00 = £9,000.00 over the £8,200.00 cap
  const measurements = [count('housing', 'p1', '1', 'A'), count('employment', 'p1', '1', 'A')];
  const caps = { caps: [{ id: 'person', per: 'person' as const, amount: '8200.00' }], capOrder: ['person'] };

  it('pays £8,200.00, cutting both claims pro rata: £4,555.56 and £3,644.44', () => {
    // 8,200 × 5/9 = 4,555.555… → 4,555.55; 8,200 × 4/9 = 3,644.444… → 3,644.44; one penny left to the
    // larger remainder (housing, .555… of a penny against .444…) → 4,555.56 + 3,644.44 = 8,200.00
    const result = run(card(caps), measurements);
    expect(result.claims.map((c) => [c.outcome, c.claimed, c.paid, c.cuts])).toEqual([
      ['employment', '4000.00', '3644.44', [{ cap: 'person', amount: '355.56' }]],
      ['housing', '5000.00', '4555.56', [{ cap: 'person', amount: '444.44' }]],
    ]);
    expect(result.providers).toEqual([{ party: 'p1', claimed: '9000.00', received: '8200.00' }]);
  });

  it('cuts the least protected outcome first when the contract says so', () => {
    // priority housing, then employment: the £800.00 over the cap comes off employment
    const result = run(card({ ...caps, cut: 'priority', priority: ['housing', 'employment'] }), measurements);
    expect(result.claims.map((c) => [c.outcome, c.paid])).toEqual([
      ['employment', '3200.00'],
      ['housing', '5000.00'],
    ]);
  });
});

describe('a contract cap of £3,000,000.00 over claims of £3,100,000.00', () => {
  // p1: 200 × £10,000 = £2,000,000; p2: 110 × £10,000 = £1,100,000
  const measurements = [count('home', 'p1', '200'), count('home', 'p2', '110')];
  const contractCap = {
    caps: [{ id: 'contract', per: 'contract' as const, amount: '3000000.00' }],
    capOrder: ['contract'],
  };

  it('pays £3,000,000.00, cut pro rata and shown claim by claim', () => {
    // 3,000,000 × 2/3.1 = 1,935,483.870967… → 1,935,483.87; × 1.1/3.1 = 1,064,516.129032… → 1,064,516.12;
    // one penny left to the larger remainder (p2) → 1,064,516.13
    const result = run(card(contractCap), measurements);
    expect(result.claims.map((c) => [c.provider, c.paid, c.cuts])).toEqual([
      ['p1', '1935483.87', [{ cap: 'contract', amount: '64516.13' }]],
      ['p2', '1064516.13', [{ cap: 'contract', amount: '35483.87' }]],
    ]);
    expect(result.caps).toEqual([expect.objectContaining({ id: 'contract', cut: '100000.00' })]);
  });

  it('splits each payment 80 : 20 with a national top-up payer, within its budget', () => {
    // national 20 % of 3,000,000 = 600,000, over its 500,000 budget: it pays 500,000, split over the
    // providers in proportion to what it owed them; 100,000 is unfunded
    const result = run(
      card({
        ...contractCap,
        payers: [
          { party: 'council', percent: '80' },
          { party: 'national-fund', percent: '20', budget: '500000.00' },
        ],
      }),
      measurements,
    );
    expect(result.payers).toEqual([
      { party: 'council', percent: '80', owed: '2400000.00', paid: '2400000.00', unfunded: '0.00' },
      { party: 'national-fund', percent: '20', owed: '600000.00', paid: '500000.00', unfunded: '100000.00' },
    ]);
    const received = result.providers.reduce((s, p) => s + BigInt(p.received.replace('.', '')), 0n);
    expect(received).toBe(290000000n); // 2,400,000 + 500,000, in pence
  });
});

describe('prices by cohort and by period', () => {
  it('uses a cohort price first, then the price for the period, then the standard price', () => {
    // home: standard 10,000.00, 12,000.00 in 2026-27, 15,000.00 for the complex-needs cohort
    const priced = card({
      outcomes: [
        {
          id: 'home',
          name: 'Home',
          price: '10000.00',
          measure: 'home',
          periodPrices: { '2026-27': '12000.00' },
          cohortPrices: { 'complex-needs': '15000.00' },
        },
      ],
    });
    const result = run(priced, [{ ...count('home', 'p1', '2'), cohort: 'complex-needs' }, count('home', 'p2', '1')]);
    expect(result.claims.map((c) => [c.provider, c.price, c.claimed])).toEqual([
      ['p1', '15000.00', '30000.00'],
      ['p2', '12000.00', '12000.00'],
    ]);
  });
});

describe('rate card mistakes', () => {
  it('refuses payer shares not adding up to 100 % and a cap order naming an unknown cap', () => {
    const result = validateContract(
      card({
        caps: [{ id: 'person', per: 'person', amount: '8200.00' }],
        capOrder: ['persn'],
        payers: [
          { party: 'council', percent: '80' },
          { party: 'national-fund', percent: '10' },
        ],
      }),
    );
    expect(result.success ? [] : result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'pools[0].payers', code: 'shares_not_100' }),
        expect.objectContaining({ path: 'pools[0].capOrder[0]', code: 'unknown_cap' }),
        expect.objectContaining({ path: 'pools[0].caps[0]', code: 'cap_not_in_order' }),
      ]),
    );
  });

  it('refuses a negative or fractional count', () => {
    expect(() => run(card({}), [count('home', 'p1', '-1')])).toThrow(/whole number, 0 or more/);
    expect(() => run(card({}), [count('home', 'p1', '1.5')])).toThrow(/whole number, 0 or more/);
  });
});
