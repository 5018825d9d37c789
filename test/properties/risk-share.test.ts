import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, type ContractInput, type MeasurementInput, type RiskSharePoolInput } from '../../src/index.js';
import { text, unitsOf } from './contract-arbitrary.js';

/*
 * Property tests of risk-share pools (design.md section 5, invariants 1, 2, 3 and 5, as the issue
 * states them for risk sharing): conservation for every order of application, caps and limits
 * never exceeded, a larger surplus never lowers the alliance's share, mirror symmetry where the
 * declaration is symmetric, and determinism under permutation. Money is compared in bigint pence.
 */

const PERIOD = 'p1';
const pence = (amount: string) => unitsOf(amount, 2);
const abs = (x: bigint) => (x < 0n ? -x : x);

type StepInput = RiskSharePoolInput['steps'][number];

const percent = fc.integer({ min: 0, max: 10_000 }).map((n) => text(BigInt(n), 2)); // 0.00 to 100.00
/** A sharing rate: below 1 % it says it is a percentage, since a bare "0.5" is refused as ambiguous. */
const sharingRate = fc
  .integer({ min: 0, max: 10_000 })
  .map((n) => (n > 0 && n < 100 ? { percent: text(BigInt(n), 2) } : text(BigInt(n), 2)));
const smallPercent = fc.integer({ min: 0, max: 1_000 }).map((n) => text(BigInt(n), 2)); // 0.00 to 10.00
const money = (max: bigint) => fc.bigInt({ min: 0n, max }).map((n) => text(n, 2));

/** Marginal bands from 0 with increasing cut points (in per cent of the budget), the last open. */
const bands = fc.uniqueArray(fc.integer({ min: 1, max: 2_000 }), { maxLength: 3 }).chain((cuts) => {
  const sorted = [...cuts].sort((a, b) => a - b).map((n) => text(BigInt(n), 2));
  return fc.array(sharingRate, { minLength: sorted.length + 1, maxLength: sorted.length + 1 }).map((rates) =>
    rates.map((rate, i) => ({
      from: i === 0 ? '0' : sorted[i - 1]!,
      ...(i < sorted.length ? { to: sorted[i]! } : {}),
      percent: rate,
    })),
  );
});

/** One step of each kind, with random parameters; `exact` leaves out the steps that round. */
const stepArbs = (exact: boolean): fc.Arbitrary<StepInput>[] => [
  fc.record({
    id: fc.constant('corridor'),
    type: fc.constant('corridor' as const),
    gain: smallPercent,
    loss: smallPercent,
    sharing: fc.constantFrom('first-pound' as const, 'beyond-corridor' as const),
  }),
  fc.record({
    id: fc.constant('rate'),
    type: fc.constant('rate' as const),
    gain: fc.record({ percent: sharingRate }),
    loss: fc.oneof(
      fc.record({ percent: sharingRate }),
      fc.record({ oneMinusGain: fc.constant(true as const), floor: fc.constant('40'), ceiling: fc.constant('75') }),
    ),
  }),
  fc.record({ id: fc.constant('bands'), type: fc.constant('bands' as const), gain: bands, loss: bands }),
  fc.record({
    id: fc.constant('cap'),
    type: fc.constant('cap' as const),
    applies: fc.constantFrom('gain' as const, 'loss' as const),
    limits: fc.array(fc.oneof(fc.record({ amount: money(10n ** 9n) }), fc.record({ percentOfBudget: smallPercent })), {
      minLength: 1,
      maxLength: 2,
    }),
  }),
  fc.record({
    id: fc.constant('deduction'),
    type: fc.constant('deduction' as const),
    applies: fc.constantFrom('gain' as const, 'loss' as const, 'both' as const),
    percent: smallPercent,
  }),
  fc.record({
    id: fc.constant('adjustment'),
    type: fc.constant('adjustment' as const),
    amount: fc.bigInt({ min: -(10n ** 8n), max: 10n ** 8n }).map((n) => text(n, 2)),
  }),
  ...(exact
    ? []
    : [
        fc.record({
          id: fc.constant('event'),
          type: fc.constant('adjustment' as const),
          exceptional: fc.record({
            affectedMonths: fc.integer({ min: 1, max: 12 }).map(String),
            months: fc.constant('12'),
            affectedPopulation: percent,
          }),
        }),
        fc.record({
          id: fc.constant('round'),
          type: fc.constant('round' as const),
          places: fc.integer({ min: 0, max: 2 }),
        }),
      ]),
];

const scenario = (exact: boolean) =>
  fc.record({
    budget: fc.bigInt({ min: 1n, max: 10n ** 11n }),
    outturn: fc.bigInt({ min: 0n, max: 2n * 10n ** 11n }),
    steps: fc.subarray(stepArbs(exact), { minLength: 1 }).chain((arbs) => fc.tuple(...arbs)),
    order: fc.nat(),
    members: fc.array(fc.bigInt({ min: 1n, max: 10n ** 10n }), { minLength: 1, maxLength: 5 }),
    basis: fc.constantFrom('equal' as const, 'contract-value' as const, 'fixed' as const),
    caps: fc.array(fc.option(fc.bigInt({ min: 0n, max: 10n ** 9n }), { nil: undefined }), {
      minLength: 5,
      maxLength: 5,
    }),
    overflow: fc.constantFrom('others' as const, 'commissioner' as const),
  });
type Scenario = typeof scenario extends (exact: boolean) => fc.Arbitrary<infer S> ? S : never;

/** A permutation of `items` picked by `seed`. */
function permute<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  const out: T[] = [];
  let n = seed;
  while (copy.length > 0) {
    out.push(copy.splice(n % copy.length, 1)[0]!);
    n = Math.floor(n / 7) + 3;
  }
  return out;
}

function build(s: Scenario, outturn = s.outturn): { contract: ContractInput; measurements: MeasurementInput[] } {
  const members = s.members.map((value, i) => ({ id: `m${i}`, value }));
  // fixed shares: integer percentages adding to 100, the remainder on the first member
  const each = Math.floor(100 / members.length);
  const shares = Object.fromEntries(
    members.map((m, i) => [m.id, String(i === 0 ? 100 - each * (members.length - 1) : each)]),
  );
  const caps = Object.fromEntries(
    members.flatMap((m, i) => (s.caps[i] === undefined ? [] : [[m.id, [{ amount: text(s.caps[i]!, 2) }]]])),
  );
  // both sides are shared: with no rate or bands drawn, all of what the other steps leave (100 %)
  const sharing = s.steps.some((step) => step.type === 'rate' || step.type === 'bands');
  const all: StepInput = { id: 'all', type: 'rate', gain: { percent: '100' }, loss: { percent: '100' } };
  const steps = sharing ? s.steps : [...s.steps, all];
  const pool: RiskSharePoolInput = {
    id: 'system',
    kind: 'risk-share',
    name: 'System',
    budget: text(s.budget, 2),
    sides: 'both',
    outturn: { measure: 'spend' },
    commissioner: 'icb',
    steps,
    order: permute(
      steps.map((step) => step.id),
      s.order,
    ),
    distribution: {
      basis: s.basis,
      ...(s.basis === 'fixed' ? { shares } : {}),
      ...(Object.keys(caps).length > 0 ? { caps, overflow: s.overflow } : {}),
    },
  };
  return {
    contract: {
      id: 'risk',
      name: 'Risk share',
      version: '1',
      currency: 'GBP',
      term: { start: '2026-04-01', end: '2027-03-31' },
      periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
      parties: [
        { id: 'icb', name: 'ICB', role: 'commissioner' },
        ...members.map((m) => ({ id: m.id, name: m.id, role: 'provider' as const, contractValue: text(m.value, 2) })),
      ],
      pools: [pool],
    },
    measurements: [{ metric: 'spend', period: PERIOD, value: text(outturn, 2), status: 'final' }],
  };
}

const run = (s: Scenario, outturn?: bigint) => {
  const { contract, measurements } = build(s, outturn);
  return settle(contract, measurements, { period: PERIOD });
};

describe('risk-share pools on random declarations', () => {
  it('conserve the variance: members’ parts plus the commissioner’s side add up to it exactly, in any order of steps', () => {
    fc.assert(
      fc.property(scenario(false), (s) => {
        const settlement = run(s);
        const pool = settlement.riskShares[0]!;
        const variance = s.budget - s.outturn;
        expect(pence(pool.variance)).toBe(variance);
        const parts = pool.parts.reduce((sum, p) => sum + pence(p.amount), 0n);
        expect(parts + pence(pool.commissionerShare)).toBe(variance);
        expect(pool.conservation.difference).toBe('0.00');
        // party statements carry the same figures
        const statements = settlement.parties.reduce((sum, p) => sum + pence(p.shared), 0n);
        expect(statements).toBe(variance);
      }),
      { numRuns: 200 },
    );
  });

  it('never exceed a cap, a limit or a member’s cap, and keep every part on the side of the variance', () => {
    fc.assert(
      fc.property(scenario(false), (s) => {
        const pool = run(s).riskShares[0]!;
        const side = pool.side;
        const amountAfter = new Map(pool.steps.map((step) => [step.id, step]));
        for (const step of s.steps) {
          if (step.type !== 'cap' || step.applies !== side) continue;
          const limit = step.limits
            .map((l) =>
              l.amount !== undefined
                ? pence(l.amount) * 10n ** 16n
                : s.budget * pence(l.percentOfBudget as string) * 10n ** 12n,
            )
            .reduce((a, b) => (b < a ? b : a));
          // the step's amount at 18 decimals against the limit at 18 decimals
          expect(unitsOf(amountAfter.get(step.id)!.amount, 18) <= limit).toBe(true);
        }
        s.members.forEach((_, i) => {
          const part = pool.parts.find((p) => p.party === `m${i}`)!;
          if (s.caps[i] !== undefined) expect(abs(pence(part.amount)) <= s.caps[i]!).toBe(true);
          if (side === 'gain') expect(pence(part.amount) >= 0n).toBe(true);
          if (side === 'loss') expect(pence(part.amount) <= 0n).toBe(true);
        });
        expect(abs(pence(pool.allianceShare)) >= pool.parts.reduce((sum, p) => sum + abs(pence(p.amount)), 0n)).toBe(
          true,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('never pay the alliance less for a larger surplus (each member within a penny)', () => {
    fc.assert(
      fc.property(scenario(true), fc.bigInt({ min: 1n, max: 10n ** 9n }), (s, more) => {
        fc.pre(s.outturn < s.budget && s.outturn >= more);
        const before = run(s).riskShares[0]!;
        const after = run(s, s.outturn - more).riskShares[0]!;
        expect(pence(after.allianceShare) >= pence(before.allianceShare)).toBe(true);
        for (const part of after.parts) {
          const earlier = before.parts.find((p) => p.party === part.party)!;
          expect(pence(part.amount) >= pence(earlier.amount) - 1n).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('mirror a symmetric declaration: a deficit gives exactly the negation of the same surplus', () => {
    const symmetric = scenario(true).map((s) => ({
      ...s,
      steps: s.steps.map((step): StepInput => {
        switch (step.type) {
          case 'corridor':
            return { ...step, loss: step.gain! };
          case 'rate':
            return { ...step, loss: step.gain! };
          case 'bands':
            return { ...step, loss: step.gain! };
          case 'deduction':
            return { ...step, applies: 'both' };
          case 'adjustment':
            return { ...step, applies: 'both' };
          default:
            return step;
        }
      }),
    }));
    fc.assert(
      fc.property(symmetric, (s) => {
        fc.pre(!s.steps.some((step) => step.type === 'cap'));
        const variance = s.budget - s.outturn;
        const surplus = run(s, s.budget - abs(variance)).riskShares[0]!;
        const deficit = run(s, s.budget + abs(variance)).riskShares[0]!;
        expect(pence(deficit.allianceShare)).toBe(-pence(surplus.allianceShare));
        expect(pence(deficit.commissionerShare)).toBe(-pence(surplus.commissionerShare));
        expect(deficit.parts.map((p) => -pence(p.amount))).toEqual(surplus.parts.map((p) => pence(p.amount)));
      }),
      { numRuns: 200 },
    );
  });

  it('give a byte-identical settlement whatever the order of parties, members, steps and shares in the file', () => {
    fc.assert(
      fc.property(scenario(false), fc.nat(), (s, seed) => {
        const { contract, measurements } = build(s);
        const pool = contract.pools[0] as RiskSharePoolInput;
        const shuffled: ContractInput = {
          ...contract,
          parties: permute(contract.parties, seed),
          pools: [
            {
              ...pool,
              steps: permute(pool.steps, seed + 1),
              members: permute(
                s.members.map((_, i) => `m${i}`),
                seed + 2,
              ),
              distribution: {
                ...pool.distribution,
                ...(pool.distribution.shares
                  ? { shares: Object.fromEntries(permute(Object.entries(pool.distribution.shares), seed + 3)) }
                  : {}),
              },
            },
          ],
        };
        const withMembers: ContractInput = {
          ...contract,
          pools: [{ ...pool, members: s.members.map((_, i) => `m${i}`) }],
        };
        expect(JSON.stringify(settle(shuffled, measurements, { period: PERIOD }))).toBe(
          JSON.stringify(settle(withMembers, measurements, { period: PERIOD })),
        );
      }),
      { numRuns: 100 },
    );
  });
});
