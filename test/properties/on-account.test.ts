import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type ContractInput, type MeasurementInput, type Settlement } from '../../src/index.js';
import { icb, outcomePool, timeContract } from '../fixtures/time-contract.js';

/*
 * Properties of payments on account for parties in force for part of the year, and for a year a
 * variation changes part-way (README, "Time: the year, payments on account, restatements"):
 * - a party's instalments add up exactly to its amount on account for the year, whatever its
 *   joining and leaving dates, the day count, the frequency or the declared instalment months;
 * - none falls due outside its time in force (as the version in force on that day has it);
 * - a declared `expectedOf` amount is that amount × the expected % × the party's time in force
 *   (the resolution's fraction), rounded half-up once; a guaranteed amount is its contract value
 *   for its time in force;
 * - with a variation, the instalments are those of the version before it falling due before it
 *   takes effect, then those of the version after it: each version settled alone gives them.
 * Money is compared in bigint minor units.
 */

const YEAR = { start: '2026-04-01', end: '2027-03-31' };
const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** The year's `n`th day (0 is 1 April 2026). */
const dayOfYear = (n: number) => isoOf(dayOf(YEAR.start) + n);

const pence = (amount: string) => {
  const [whole, fractionPart = ''] = amount.replace('-', '').split('.');
  const units = BigInt(whole!) * 100n + BigInt(fractionPart.padEnd(2, '0'));
  return amount.startsWith('-') ? -units : units;
};
const text = (units: bigint) => {
  const digits = (units < 0n ? -units : units).toString().padStart(3, '0');
  return `${units < 0n ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
};
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
/** a / b rounded half-up (a, b ≥ 0). */
const halfUp = (a: bigint, b: bigint) => (2n * a + b) / (2n * b);

interface ProviderArb {
  joins: number | null;
  leaves: number | null;
  contractValue: bigint;
  expectedOf: bigint;
}

const providerArb: fc.Arbitrary<ProviderArb> = fc
  .record({
    a: fc.integer({ min: 0, max: 364 }),
    b: fc.integer({ min: 0, max: 364 }),
    joins: fc.boolean(),
    leaves: fc.boolean(),
    contractValue: fc.bigInt({ min: 0n, max: 10_000_000_00n }),
    expectedOf: fc.bigInt({ min: 0n, max: 2_000_000_00n }),
  })
  .map(({ a, b, joins, leaves, contractValue, expectedOf }) => ({
    joins: joins ? Math.min(a, b) : null,
    leaves: leaves ? Math.max(a, b) : null,
    contractValue,
    expectedOf,
  }));

/** Distinct months with integer percentages adding up to 100 (some may be 0). */
const declaredArb = fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }).chain((months) =>
  fc
    .array(fc.integer({ min: 0, max: 100 }), { minLength: months.length - 1, maxLength: months.length - 1 })
    .map((cuts) => {
      const edges = [0, ...cuts.sort((x, y) => x - y), 100];
      return months.map((month, i) => ({ month, percent: `${edges[i + 1]! - edges[i]!}` }));
    }),
);

const scenarioArb = fc.record({
  dayCount: fc.constantFrom('actual/actual' as const, 'twelfths' as const),
  providers: fc.array(providerArb, { minLength: 1, maxLength: 3 }),
  pays: fc.constantFrom('guaranteed' as const, 'outcome' as const, 'expectedOf' as const),
  expected: fc.integer({ min: 0, max: 100 }),
  how: fc.oneof(
    fc.constantFrom('month' as const, 'quarter' as const, 'half-year' as const, 'year' as const).map((frequency) => ({
      frequency,
    })),
    declaredArb.map((instalments) => ({ instalments })),
  ),
  due: fc.constantFrom('start' as const, 'end' as const),
  variation: fc.option(
    fc.record({
      from: fc.integer({ min: 1, max: 364 }),
      expected: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
      // a provider (by index) made to leave on a day of the year (no earlier than it joins)
      leaves: fc.option(fc.record({ who: fc.nat(2), day: fc.integer({ min: 0, max: 364 }) }), { nil: undefined }),
    }),
    { nil: null },
  ),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

const ids = (s: Scenario) => s.providers.map((_, i) => `p${i}`);

/** The contract with the variation applied to it from the start (`applied`), or declared as a variation. */
function contractOf(s: Scenario, variation: 'declared' | 'none' | 'applied'): ContractInput {
  const v = s.variation;
  const leaver = v?.leaves && v.leaves.who < s.providers.length ? v.leaves : undefined;
  const leavesDay = (i: number, p: ProviderArb) =>
    variation === 'applied' && leaver?.who === i ? Math.max(leaver.day, p.joins ?? 0) : p.leaves;
  const expected = variation === 'applied' && v?.expected !== undefined ? v.expected : s.expected;
  const schedule = {
    id: 'on-account',
    ...(s.pays === 'guaranteed'
      ? { pays: 'guaranteed' as const }
      : {
          pays: 'outcome' as const,
          pool: 'incentive',
          expected: `${expected}`,
          ...(s.pays === 'expectedOf'
            ? { expectedOf: Object.fromEntries(s.providers.map((p, i) => [`p${i}`, text(p.expectedOf)])) }
            : {}),
        }),
    ...s.how,
    due: s.due,
  };
  const changes: { path: string; value: string }[] = [];
  if (v && variation === 'declared') {
    if (leaver)
      changes.push({
        path: `parties/p${leaver.who}/leaves`,
        value: dayOfYear(Math.max(leaver.day, s.providers[leaver.who]!.joins ?? 0)),
      });
    if (v.expected !== undefined && s.pays !== 'guaranteed')
      changes.push({ path: 'paymentsOnAccount/on-account/expected', value: `${v.expected}` });
  }
  return timeContract({
    id: 'prop',
    name: 'Property',
    term: YEAR,
    periods: [{ id: 'y', ...YEAR }],
    calendar: { dayCount: s.dayCount },
    parties: [
      icb(),
      ...s.providers.map((p, i) => {
        const leaves = leavesDay(i, p);
        return {
          id: `p${i}`,
          name: `P${i}`,
          role: 'provider' as const,
          contractValue: text(p.contractValue),
          ...(p.joins === null ? {} : { joins: dayOfYear(p.joins) }),
          ...(leaves === null ? {} : { leaves: dayOfYear(leaves) }),
        };
      }),
    ],
    pools: [outcomePool({ contributions: [{ party: 'icb', amount: '120000.00' }], distribution: { basis: 'equal' } })],
    paymentsOnAccount: [schedule],
    ...(changes.length > 0
      ? { variations: [{ id: 'var', effectiveFrom: dayOfYear(v!.from), version: '2', changes }] }
      : {}),
  });
}

const measurements: MeasurementInput[] = [{ metric: 'm', period: 'y', value: '70', status: 'final' }];
const settled = (input: ContractInput) => settle(defineContract(input), measurements, { period: 'y' });
const rowsOf = (s: Settlement) => new Map(s.paymentsOnAccount[0]!.parties.map((r) => [r.party, r]));

/** A party's first and last days in force in the year under a contract (its dates clamped to the year). */
const inForceOf = (input: ContractInput, party: string) => {
  const p = input.parties.find((x) => x.id === party)!;
  return { from: p.joins ?? YEAR.start, to: p.leaves ?? YEAR.end };
};

describe('payments on account for a party in force part of the year', () => {
  it('add up exactly to its amount on account and fall due inside its time in force, for any dates and instalments', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const input = contractOf(s, 'none');
        const settlement = settled(input);
        const rows = rowsOf(settlement);
        const fractions = new Map(settlement.resolution.inForce.map((p) => [p.party, p.fraction]));
        for (const [i, party] of ids(s).entries()) {
          const row = rows.get(party)!;
          const amounts = row.instalments.map((x) => pence(x.amount));
          expect(sum(amounts), `${party}'s instalments`).toBe(pence(row.year));
          expect(pence(row.paid)).toBe(pence(row.year));
          const { from, to } = inForceOf(input, party);
          for (const x of row.instalments) {
            expect(x.due >= from && x.due <= to, `${party} due ${x.due}, in force ${from} to ${to}`).toBe(true);
            expect(x.start <= x.due && x.due <= x.end).toBe(true);
          }
          const dues = row.instalments.map((x) => x.due);
          expect(dues).toEqual([...new Set(dues)].sort());
          // the amount for its time in force
          const [n, d = '1'] = (fractions.get(party) ?? '1').split('/');
          const [num, den] = [BigInt(n!), BigInt(d)];
          if (s.pays === 'expectedOf')
            expect(pence(row.year)).toBe(halfUp(s.providers[i]!.expectedOf * BigInt(s.expected) * num, 100n * den));
          if (s.pays === 'guaranteed')
            expect(row.year).toBe(settlement.parties.find((p) => p.id === party)!.contractValue);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('follow the version of the contract in force on each due date when a variation takes effect part-way', () => {
    fc.assert(
      fc.property(
        scenarioArb.filter((s) => s.variation !== null),
        (s) => {
          const declared = contractOf(s, 'declared');
          const settlement = settled(declared);
          const effectiveFrom = dayOfYear(s.variation!.from);
          const before = rowsOf(settled(contractOf(s, 'none')));
          const after = rowsOf(settled(contractOf(s, 'applied')));
          const applied = contractOf(s, 'applied');
          for (const [party, row] of rowsOf(settlement)) {
            // each version settled alone gives the instalments falling due in its days
            const expected = [
              ...before.get(party)!.instalments.filter((x) => x.due < effectiveFrom),
              ...after.get(party)!.instalments.filter((x) => x.due >= effectiveFrom),
            ];
            expect(row.instalments).toEqual(expected);
            expect(pence(row.year)).toBe(sum(row.instalments.map((x) => pence(x.amount))));
            expect(pence(row.paid)).toBe(pence(row.year));
            // never paid after it leaves, nor before it joins, as the version in force on the day has it
            for (const x of row.instalments.filter((x) => x.due >= effectiveFrom)) {
              const { from, to } = inForceOf(applied, party);
              expect(x.due >= from && x.due <= to, `${party} due ${x.due}`).toBe(true);
            }
          }
          // the reconciliation counts the same payments
          for (const party of settlement.parties.filter((p) => p.role === 'provider'))
            expect(party.reconciliation!.paidOnAccount).toBe(rowsOf(settlement).get(party.id)!.paid);
        },
      ),
      { numRuns: 80 },
    );
  });
});
