import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, type ContractInput, type MeasurementInput } from '../../src/index.js';
import { text, unitsOf } from './contract-arbitrary.js';

/*
 * Property tests of rate cards: no cap is ever exceeded, a provider with more outcomes is never
 * paid less (within a penny, under pro-rata cuts), and the payers' parts add up exactly to what
 * the providers receive, never past a payer's budget.
 */

const PERIOD = 'p1';
const pence = (amount: string) => unitsOf(amount, 2);

const scenario = fc.record({
  prices: fc.array(fc.bigInt({ min: 1n, max: 10n ** 7n }), { minLength: 1, maxLength: 3 }),
  // counts per provider, person and outcome
  counts: fc.array(
    fc.array(fc.array(fc.nat({ max: 20 }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
  personCap: fc.option(fc.bigInt({ min: 0n, max: 10n ** 8n }), { nil: undefined }),
  providerCap: fc.option(fc.bigInt({ min: 0n, max: 10n ** 9n }), { nil: undefined }),
  contractCap: fc.option(fc.bigInt({ min: 0n, max: 10n ** 9n }), { nil: undefined }),
  cut: fc.constantFrom('pro-rata' as const, 'priority' as const),
  localShare: fc.integer({ min: 0, max: 100 }),
  nationalBudget: fc.option(fc.bigInt({ min: 0n, max: 10n ** 9n }), { nil: undefined }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

function build(s: Scenario, counts = s.counts): { contract: ContractInput; measurements: MeasurementInput[] } {
  const outcomes = s.prices.map((price, i) => ({
    id: `o${i}`,
    name: `o${i}`,
    price: text(price, 2),
    measure: `o${i}`,
  }));
  const caps = [
    ...(s.personCap === undefined ? [] : [{ id: 'person', per: 'person' as const, amount: text(s.personCap, 2) }]),
    ...(s.providerCap === undefined
      ? []
      : [{ id: 'provider', per: 'provider' as const, amount: text(s.providerCap, 2) }]),
    ...(s.contractCap === undefined
      ? []
      : [{ id: 'contract', per: 'contract' as const, amount: text(s.contractCap, 2) }]),
  ];
  return {
    contract: {
      id: 'card',
      name: 'Card',
      version: '1',
      currency: 'GBP',
      term: { start: '2026-04-01', end: '2027-03-31' },
      periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
      parties: [
        { id: 'local', name: 'Local', role: 'commissioner' },
        { id: 'national', name: 'National', role: 'commissioner' },
        ...counts.map((_, i) => ({ id: `p${i}`, name: `p${i}`, role: 'provider' as const })),
      ],
      pools: [
        {
          id: 'card',
          kind: 'rate-card',
          name: 'Card',
          outcomes,
          ...(caps.length ? { caps, capOrder: caps.map((c) => c.id) } : {}),
          cut: s.cut,
          ...(s.cut === 'priority' ? { priority: outcomes.map((o) => o.id) } : {}),
          payers: [
            { party: 'local', percent: String(s.localShare) },
            {
              party: 'national',
              percent: String(100 - s.localShare),
              ...(s.nationalBudget === undefined ? {} : { budget: text(s.nationalBudget, 2) }),
            },
          ],
        },
      ],
    },
    measurements: counts.flatMap((persons, p) =>
      persons.flatMap((perOutcome, person) =>
        perOutcome.slice(0, s.prices.length).map((n, o) => ({
          metric: `o${o}`,
          period: PERIOD,
          party: `p${p}`,
          person: `person-${person}`,
          value: String(n),
          status: 'final' as const,
        })),
      ),
    ),
  };
}

const run = (s: Scenario, counts?: number[][][]) => {
  const { contract, measurements } = build(s, counts);
  return settle(contract, measurements, { period: PERIOD });
};

describe('rate cards on random declarations', () => {
  it('never exceed a cap, and the payers pay exactly what the providers receive, within budget', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const settlement = run(s);
        const card = settlement.rateCards[0]!;
        const byPerson = new Map<string, bigint>();
        const byProvider = new Map<string, bigint>();
        for (const claim of card.claims) {
          const paid = pence(claim.paid);
          expect(paid >= 0n && paid <= pence(claim.claimed)).toBe(true);
          const key = `${claim.provider}/${claim.person}`;
          byPerson.set(key, (byPerson.get(key) ?? 0n) + paid);
          byProvider.set(claim.provider, (byProvider.get(claim.provider) ?? 0n) + paid);
        }
        if (s.personCap !== undefined) for (const v of byPerson.values()) expect(v <= s.personCap).toBe(true);
        if (s.providerCap !== undefined) for (const v of byProvider.values()) expect(v <= s.providerCap).toBe(true);
        const claimsTotal = [...byProvider.values()].reduce((a, b) => a + b, 0n);
        if (s.contractCap !== undefined) expect(claimsTotal <= s.contractCap).toBe(true);
        const received = card.providers.reduce((sum, p) => sum + pence(p.received), 0n);
        const paid = card.payers.reduce((sum, p) => sum + pence(p.paid), 0n);
        expect(paid).toBe(received);
        expect(card.payers.reduce((sum, p) => sum + pence(p.owed), 0n)).toBe(claimsTotal);
        const national = card.payers.find((p) => p.party === 'national')!;
        if (s.nationalBudget !== undefined) expect(pence(national.paid) <= s.nationalBudget).toBe(true);
        expect(settlement.parties.reduce((sum, p) => sum + pence(p.priced), 0n)).toBe(0n);
        // the record: claims after caps = received + unfunded past budgets (issue 12, item 7)
        const unfunded = card.payers.reduce((sum, p) => sum + pence(p.unfunded), 0n);
        expect(pence(card.conservation.in)).toBe(claimsTotal);
        expect(card.conservation.difference).toBe('0.00');
        expect(pence(card.conservation.out)).toBe(received + unfunded);
      }),
      { numRuns: 200 },
    );
  });

  it('never pay a provider less (beyond a penny per cap applied) for one more outcome achieved, when cuts are pro rata', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (s, pick) => {
        const base = { ...s, cut: 'pro-rata' as const, nationalBudget: undefined };
        const counts = base.counts.map((persons) => persons.map((o) => [...o]));
        const p = pick % counts.length;
        const person = counts[p]!;
        const o = pick % base.prices.length;
        person[0]![o] = person[0]![o]! + 1;
        const claimed = (r: ReturnType<typeof run>) =>
          r.rateCards[0]!.claims.filter((c) => c.provider === `p${p}`).reduce((sum, c) => sum + pence(c.paid), 0n);
        // each pro-rata cut rounds by largest remainder, so each cap can move a provider's penny
        const stages = BigInt(
          [base.personCap, base.providerCap, base.contractCap].filter((c) => c !== undefined).length,
        );
        expect(claimed(run(base, counts)) >= claimed(run(base)) - stages).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
