import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, type ContractInput, type PooledBudgetPoolInput } from '../../src/index.js';
import { text, unitsOf } from './contract-arbitrary.js';

/*
 * Property tests of pooled budgets: conservation (contributions = spend + partners' shares +
 * unfunded, exactly), no partner beyond its maximum contribution, every waterfall order giving
 * the same net, and partners' shares within a penny of their exact shares. Money in bigint pence.
 */

const PERIOD = 'p1';
const pence = (amount: string) => unitsOf(amount, 2);

const scenario = fc.record({
  partners: fc.array(
    fc.record({
      amount: fc.bigInt({ min: 0n, max: 10n ** 10n }),
      headroom: fc.option(fc.bigInt({ min: 0n, max: 10n ** 9n }), { nil: undefined }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  // each line's share of the budget (weights) and its spend as a multiple of its budget, in per mille
  lines: fc.array(fc.record({ weight: fc.integer({ min: 1, max: 100 }), spend: fc.integer({ min: 0, max: 2_000 }) }), {
    minLength: 1,
    maxLength: 5,
  }),
  reservePerMille: fc.integer({ min: 0, max: 200 }),
  waterfall: fc.constantFrom(
    ['underspends', 'reserve', 'partners'] as const,
    ['reserve', 'underspends', 'partners'] as const,
    ['partners'] as const,
    ['reserve', 'partners'] as const,
  ),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

function build(s: Scenario, waterfall: readonly ('underspends' | 'reserve' | 'partners')[] = s.waterfall) {
  const total = s.partners.reduce((sum, p) => sum + p.amount, 0n);
  const reserve = (total * BigInt(s.reservePerMille)) / 1000n;
  const toLines = total - reserve;
  const weightSum = BigInt(s.lines.reduce((sum, l) => sum + l.weight, 0));
  // line budgets by weight, the rest on the first line so they add up exactly
  const budgets = s.lines.map((l) => (toLines * BigInt(l.weight)) / weightSum);
  budgets[0] = budgets[0]! + toLines - budgets.reduce((a, b) => a + b, 0n);
  const contract: ContractInput = {
    id: 'pooled',
    name: 'Pooled',
    version: '1',
    currency: 'GBP',
    term: { start: '2026-04-01', end: '2027-03-31' },
    periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
    parties: s.partners.map((_, i) => ({ id: `c${i}`, name: `c${i}`, role: 'commissioner' as const })),
    pools: [
      {
        id: 's75',
        kind: 'pooled-budget',
        name: 'Pooled',
        contributions: s.partners.map((p, i) => ({
          party: `c${i}`,
          amount: text(p.amount, 2),
          ...(p.headroom === undefined ? {} : { maximum: text(p.amount + p.headroom, 2) }),
        })),
        lines: budgets.map((budget, i) => ({ id: `l${i}`, name: `l${i}`, budget: text(budget, 2), measure: `l${i}` })),
        ...(reserve > 0n ? { reserve: text(reserve, 2) } : {}),
        split: { basis: 'contribution' },
        waterfall: [...waterfall],
      },
    ],
  };
  const measurements = budgets.map((budget, i) => ({
    metric: `l${i}`,
    period: PERIOD,
    value: text((budget * BigInt(s.lines[i]!.spend)) / 1000n, 2),
    status: 'final' as const,
  }));
  return { contract, measurements, total };
}

describe('pooled budgets on random declarations', () => {
  it('conserve the pool and hold every partner within its maximum contribution', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        fc.pre(s.partners.some((p) => p.amount > 0n));
        const { contract, measurements, total } = build(s);
        const pool = settle(contract, measurements, { period: PERIOD }).pooledBudgets[0]!;
        const spend = measurements.reduce((sum, m) => sum + pence(m.value), 0n);
        const shares = pool.partners.reduce((sum, p) => sum + pence(p.amount), 0n);
        expect(pence(pool.contributed)).toBe(total);
        expect(total).toBe(spend + shares + pence(pool.unfunded));
        expect(pence(pool.net)).toBe(total - spend);
        pool.partners.forEach((p) => {
          const partner = s.partners[Number(p.party.slice(1))]!;
          if (partner.headroom !== undefined) expect(-pence(p.amount) <= partner.headroom).toBe(true);
          if (pence(pool.net) > 0n) expect(pence(p.amount) >= 0n).toBe(true);
          if (pence(pool.net) < 0n) expect(pence(p.amount) <= 0n).toBe(true);
        });
        if (s.partners.every((p) => p.headroom === undefined)) expect(pool.unfunded).toBe('0.00');
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same net and shares whatever the waterfall order', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        fc.pre(s.partners.some((p) => p.amount > 0n));
        const results = [
          ['underspends', 'reserve', 'partners'] as const,
          ['reserve', 'underspends', 'partners'] as const,
          ['partners'] as const,
        ].map((order) => {
          const { contract, measurements } = build(s, order);
          const pool = settle(contract, measurements, { period: PERIOD }).pooledBudgets[0]!;
          return [pool.net, pool.partners.map((p) => p.amount), pool.unfunded];
        });
        expect(results[1]).toEqual(results[0]);
        expect(results[2]).toEqual(results[0]);
      }),
      { numRuns: 100 },
    );
  });

  it('gives a byte-identical settlement whatever the order of partners, lines and measurements', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        fc.pre(s.partners.some((p) => p.amount > 0n));
        const { contract, measurements } = build(s);
        const pool = contract.pools[0] as PooledBudgetPoolInput;
        const reversed: ContractInput = {
          ...contract,
          parties: [...contract.parties].reverse(),
          pools: [{ ...pool, contributions: [...pool.contributions].reverse(), lines: [...pool.lines].reverse() }],
        };
        expect(JSON.stringify(settle(reversed, [...measurements].reverse(), { period: PERIOD }))).toBe(
          JSON.stringify(settle(contract, measurements, { period: PERIOD })),
        );
      }),
      { numRuns: 100 },
    );
  });
});
