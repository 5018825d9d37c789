import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, type ContractInput, type MeasurementInput } from '../../src/index.js';
import { text, unitsOf } from './contract-arbitrary.js';

/*
 * Property tests of points schemes: the payment is monotone in achievement (never less for more
 * achieved), never above points available × the value of a point (as rounded where declared), and what the payer
 * pays is exactly what the providers receive.
 */

const PERIOD = 'p1';
const pence = (amount: string) => unitsOf(amount, 2);

const scenario = fc.record({
  points: fc.integer({ min: 1, max: 100 }),
  lower: fc.integer({ min: 0, max: 9_000 }),
  width: fc.integer({ min: 1, max: 1_000 }),
  value: fc.bigInt({ min: 1n, max: 100_000n }),
  denominator: fc.integer({ min: 1, max: 5_000 }),
  numerators: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  rounding: fc.option(
    fc.record({ points: fc.integer({ min: 0, max: 4 }), valuePerPoint: fc.integer({ min: 0, max: 4 }) }),
    {
      nil: undefined,
    },
  ),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

function build(s: Scenario, numerators: number[]): { contract: ContractInput; measurements: MeasurementInput[] } {
  const practices = numerators.map((_, i) => `practice-${i}`);
  return {
    contract: {
      id: 'points',
      name: 'Points',
      version: '1',
      currency: 'GBP',
      term: { start: '2026-04-01', end: '2027-03-31' },
      periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
      parties: [
        { id: 'icb', name: 'ICB', role: 'commissioner' },
        ...practices.map((id) => ({ id, name: id, role: 'provider' as const })),
      ],
      pools: [
        {
          id: 'qof',
          kind: 'points',
          name: 'Points',
          payer: 'icb',
          valuePerPoint: text(s.value, 2),
          indicators: [
            {
              id: 'i1',
              name: 'Indicator',
              points: String(s.points),
              lower: text(BigInt(s.lower), 2),
              upper: text(BigInt(s.lower + s.width), 2),
              measure: 'i1',
            },
          ],
          ...(s.rounding ? { rounding: s.rounding } : {}),
        },
      ],
    },
    measurements: numerators.map((n, i) => ({
      metric: 'i1',
      period: PERIOD,
      party: practices[i]!,
      numerator: String(n % (s.denominator + 1)),
      denominator: String(s.denominator),
      status: 'final' as const,
    })),
  };
}

const run = (s: Scenario, numerators = s.numerators) => {
  const { contract, measurements } = build(s, numerators);
  return settle(contract, measurements, { period: PERIOD });
};

describe('points schemes on random declarations', () => {
  it('pay no more than all the points are worth, and the payer pays exactly what the providers receive', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const settlement = run(s);
        const scheme = settlement.pointsSchemes[0]!;
        let received = 0n;
        for (const participant of scheme.participants) {
          const payment = pence(participant.total);
          expect(payment >= 0n).toBe(true);
          // at most points available × the value of a point (as rounded where declared), to the penny
          const pointValue = unitsOf(participant.indicators[0]!.valuePerPoint, 18); // at 18 decimals
          const ceiling = (BigInt(s.points) * pointValue + 10n ** 16n - 1n) / 10n ** 16n; // in pence, rounded up
          expect(payment <= ceiling, `${payment} > ${ceiling}`).toBe(true);
          received += payment;
        }
        expect(pence(scheme.total)).toBe(received);
        expect(scheme.conservation).toEqual({ in: scheme.total, out: scheme.total, difference: '0.00' });
        expect(settlement.parties.reduce((sum, p) => sum + pence(p.priced), 0n)).toBe(0n);
      }),
      { numRuns: 200 },
    );
  });

  it('never pay less for more achieved', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 5_000 }), (s, more) => {
        const n = s.numerators[0]! % (s.denominator + 1);
        fc.pre(n + more <= s.denominator);
        const before = run(s, [n]).pointsSchemes[0]!.total;
        const after = run(s, [n + more]).pointsSchemes[0]!.total;
        expect(pence(after) >= pence(before)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
