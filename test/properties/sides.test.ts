import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, type ContractInput, type RiskSharePoolInput } from '../../src/index.js';
import { text, unitsOf } from './contract-arbitrary.js';
import { isBelowOne } from '../../src/base/decimal-text.js';

// Issue 12: the members never bear any part of a side the contract does not share, and a side
// shared at a rate of r % never costs them more than r % of it (corridors, caps and deductions
// only ever lessen what the rate leaves).
const PERIOD = 'p1';
type Side = 'gain' | 'loss';
type StepInput = RiskSharePoolInput['steps'][number];
const percent = fc.integer({ min: 0, max: 10_000 }).map((n) => text(BigInt(n), 2));
const cents = (amount: string) => unitsOf(amount, 2);

/** Steps declared for one side only: a rate of r %, and any of a corridor, a cap and a deduction. */
const oneSided = (side: Side) =>
  fc
    .record({
      rate: percent,
      corridor: fc.option(
        fc.integer({ min: 0, max: 1_000 }).map((n) => text(BigInt(n), 2)),
        { nil: undefined },
      ),
      cap: fc.option(fc.bigInt({ min: 0n, max: 10n ** 10n }), { nil: undefined }),
      deduction: fc.option(percent, { nil: undefined }),
    })
    .map(({ rate, corridor, cap, deduction }): StepInput[] => [
      ...(corridor === undefined
        ? []
        : [{ id: 'corridor', type: 'corridor' as const, [side]: corridor, sharing: 'beyond-corridor' as const }]),
      // below 1 % the rate says it is a percentage: a bare "0.5" is refused as ambiguous
      { id: 'rate', type: 'rate', [side]: { percent: isBelowOne(rate) ? { percent: rate } : rate } },
      ...(cap === undefined
        ? []
        : [{ id: 'cap', type: 'cap' as const, applies: side, limits: [{ amount: text(cap, 2) }] }]),
      ...(deduction === undefined
        ? []
        : [{ id: 'deduction', type: 'deduction' as const, applies: side, percent: deduction }]),
    ]);

const contractFor = (side: Side, steps: StepInput[], budget: bigint, members: number): ContractInput => ({
  id: 'sides',
  name: 'Sides',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'icb', name: 'ICB', role: 'commissioner' },
    ...Array.from({ length: members }, (_, i) => ({ id: `m${i}`, name: `m${i}`, role: 'provider' as const })),
  ],
  pools: [
    {
      id: 'system',
      kind: 'risk-share',
      name: 'System',
      budget: text(budget, 2),
      sides: side,
      outturn: { measure: 'spend' },
      commissioner: 'icb',
      steps,
      order: steps.map((s) => s.id),
      distribution: { basis: 'equal' },
    },
  ],
});

const scenario = fc.constantFrom<Side>('gain', 'loss').chain((side) =>
  fc.record({
    side: fc.constant(side),
    steps: oneSided(side),
    budget: fc.bigInt({ min: 1n, max: 10n ** 11n }),
    outturn: fc.bigInt({ min: 0n, max: 2n * 10n ** 11n }),
    members: fc.integer({ min: 1, max: 4 }),
  }),
);

describe('the sides a risk-share pool shares', () => {
  it('the members bear no part of a side the contract does not share, and at most r % of one it does', () => {
    fc.assert(
      fc.property(scenario, ({ side, steps, budget, outturn, members }) => {
        const measurements = [{ metric: 'spend', period: PERIOD, value: text(outturn, 2), status: 'final' as const }];
        const pool = settle(contractFor(side, steps, budget, members), measurements, { period: PERIOD }).riskShares[0]!;
        const variance = cents(pool.variance);
        const parts = pool.parts.map((p) => cents(p.amount));
        if (pool.side !== side) {
          expect(parts.every((units) => units === 0n)).toBe(true);
          expect(cents(pool.commissionerShare)).toBe(variance);
          return;
        }
        // |alliance share| ≤ r % × |variance|, plus the half-penny the final rounding may add
        const magnitude = variance < 0n ? -variance : variance;
        const written = (
          steps.find((s) => s.type === 'rate') as { [k in Side]?: { percent: string | { percent: string } } }
        )[side]!.percent;
        const rate = cents(typeof written === 'string' ? written : written.percent);
        const share = cents(pool.allianceShare);
        const bound = (magnitude * rate + 9_999n) / 10_000n; // r in hundredths of a per cent, rounded up
        expect(share < 0n ? -share : share).toBeLessThanOrEqual(bound);
        expect(parts.every((units) => (side === 'gain' ? units >= 0n : units <= 0n))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
