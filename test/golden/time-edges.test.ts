// Edges of time found by mutation testing: each test here failed when one line of src/ was
// changed (the month of a declared instalment, a segment's pro rata base, the default expected
// achievement, the party in a revision check, the last day of a year's parts).
import { describe, expect, it } from 'vitest';
import { restate, settle, type ContractInput, type MeasurementInput } from '../../src/index.js';
import { icb, outcomePool, timeContract } from '../fixtures/time-contract.js';

const YEAR = { start: '2025-04-01', end: '2026-03-31' };
const base = (o: Partial<ContractInput> = {}): ContractInput =>
  timeContract({
    id: 'k',
    name: 'K',
    term: { start: '2025-04-01', end: '2027-03-31' },
    periods: [
      { id: 'y', ...YEAR },
      { id: 'y2', start: '2026-04-01', end: '2027-03-31' },
    ],
    parties: [icb(), { id: 'p', name: 'P', role: 'provider', contractValue: '1200.00' }],
    pools: [
      outcomePool({
        id: 'pool',
        name: 'Pool',
        contributions: [{ party: 'icb', amount: '1000.00' }],
        distribution: { basis: 'equal' },
      }),
    ],
    ...o,
  });
const ms = (period = 'y', value = '70'): MeasurementInput[] => [{ metric: 'm', period, value, status: 'final' }];
const poa = (s: ReturnType<typeof settle>, id: string) => s.paymentsOnAccount.find((x) => x.id === id)!.parties[0]!;

describe('payments on account and segments, at their edges', () => {
  it('pays declared instalments from month 1, the year’s first month, and a joiner only in its months in force', () => {
    const s = settle(
      base({
        paymentsOnAccount: [
          {
            id: 'dec',
            pays: 'guaranteed',
            instalments: [
              { month: 1, percent: '50' },
              { month: 7, percent: '50' },
            ],
          },
        ],
      }),
      ms(),
      { period: 'y' },
    );
    expect(poa(s, 'dec').instalments.map((i) => [i.due, i.amount])).toEqual([
      ['2025-04-01', '600.00'],
      ['2025-10-01', '600.00'],
    ]);
    const j = settle(
      base({
        parties: [
          { id: 'icb', name: 'ICB', role: 'commissioner' },
          { id: 'p', name: 'P', role: 'provider', contractValue: '1460.00', joins: '2025-10-01' },
        ],
        paymentsOnAccount: [
          {
            id: 'dec',
            pays: 'guaranteed',
            instalments: [
              { month: 1, percent: '50' },
              { month: 7, percent: '50' },
            ],
          },
        ],
      }),
      ms(),
      { period: 'y' },
    );
    // 1,460 x 182/365 = 728.00, all in the October instalment (April is before it joins)
    expect(poa(j, 'dec').instalments.map((i) => [i.due, i.amount])).toEqual([['2025-10-01', '728.00']]);
  });
  it('counts every instalment of the year as paid on account when a variation splits the year', () => {
    const s = settle(
      base({
        paymentsOnAccount: [{ id: 'g', pays: 'guaranteed', frequency: 'month' }],
        variations: [
          {
            id: 'v',
            effectiveFrom: '2025-10-01',
            version: '2',
            changes: [{ path: 'pools/incentive/metrics/m/scoring/max', value: '70' }].map((c) => ({
              ...c,
              path: 'pools/pool/metrics/m/scoring/max',
            })),
          },
        ],
      }),
      ms(),
      { period: 'y' },
    );
    expect(s.segments).toHaveLength(2);
    expect(s.parties.find((p) => p.id === 'p')!.reconciliation!.paidOnAccount).toBe('1200.00');
    expect(poa(s, 'g').paid).toBe('1200.00');
  });
  it('gives each segment’s pro rata as a part of what is settled (the year to date), not of the year', () => {
    const s = settle(
      base({
        variations: [
          {
            id: 'v',
            effectiveFrom: '2025-10-01',
            version: '2',
            changes: [{ path: 'pools/pool/metrics/m/scoring/max', value: '70' }],
          },
        ],
      }),
      ms(),
      { period: 'y', asOf: '2025-12-31' },
    );
    // 1 Apr - 30 Sep 183 days, 1 Oct - 31 Dec 92 days, of 275
    expect(s.segments.map((x) => x.proRata)).toEqual([
      '183 of 275 days (actual/actual)',
      '92 of 275 days (actual/actual)',
    ]);
  });
  it('rounds the expected percentage of a declared amount by the contract’s mode (half-up)', () => {
    const s = settle(
      base({
        paymentsOnAccount: [
          { id: 'o', pays: 'outcome', pool: 'pool', expected: '50', expectedOf: { p: '1000.01' }, frequency: 'year' },
        ],
      }),
      ms(),
      { period: 'y' },
    );
    // 50 % x 1,000.01 = 500.005 -> 500.01 half-up
    expect(poa(s, 'o').year).toBe('500.01');
  });
  it('expects 100 % when no expected achievement is declared', () => {
    const s = settle(
      base({ paymentsOnAccount: [{ id: 'o', pays: 'outcome', pool: 'pool', frequency: 'year' }] }),
      ms(),
      { period: 'y' },
    );
    expect(poa(s, 'o').year).toBe('1000.00');
  });
});

describe('a restatement of figures given per party', () => {
  it('compares revisions party by party, so another party’s lower revision is no step back', () => {
    const c: ContractInput = {
      id: 'rc',
      name: 'RC',
      version: '1',
      currency: 'GBP',
      term: YEAR,
      periods: [{ id: 'y', ...YEAR }],
      parties: [
        { id: 'icb', name: 'ICB', role: 'commissioner' },
        { id: 'p1', name: 'P1', role: 'provider', contractValue: '100.00' },
        { id: 'p2', name: 'P2', role: 'provider', contractValue: '100.00' },
      ],
      pools: [
        {
          id: 'card',
          kind: 'rate-card',
          name: 'Card',
          outcomes: [{ id: 'o', name: 'O', price: '10.00', measure: 'count' }],
          payers: [{ party: 'icb', percent: '100' }],
        },
      ],
    };
    const m: MeasurementInput[] = [
      { metric: 'count', period: 'y', party: 'p1', value: '1', status: 'provisional', revision: 1 },
      { metric: 'count', period: 'y', party: 'p1', value: '2', status: 'final', revision: 2 },
      { metric: 'count', period: 'y', party: 'p2', value: '3', status: 'final', revision: 1 },
    ];
    const prev = settle(c, m, { period: 'y' });
    expect(() => restate(prev, c, m)).not.toThrow();
  });
});

describe('a year to date one day short of the year', () => {
  it('gets 364 of 365 days of the year’s amount', () => {
    const s = settle(
      base({
        pools: [{ ...(base().pools[0] as object), contributions: [{ party: 'icb', amount: '365000.00' }] } as never],
      }),
      ms(),
      { period: 'y', asOf: '2026-03-30' },
    );
    expect(s.resolution.partOfYear).toBe('364 of 365 days (actual/actual)');
    expect(s.pools[0]!.funding).toBe('364000.00');
  });
});
