import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, type ContractInput, type MeasurementInput } from '../../src/index.js';
import { text, unitsOf } from './contract-arbitrary.js';

/*
 * Design.md section 5, invariant 4, second half: "parties with identical declarations differ by
 * at most one minor unit", at either rounding point. Two to six providers share one contract
 * value and the same accountability; a few others differ. Funding, metrics and measured values
 * are random, so the per-metric amounts have odd pennies that a per-metric split would keep
 * handing to the same provider.
 */

const PERIOD = 'p1';

const scenario = fc.record({
  twins: fc.integer({ min: 2, max: 6 }),
  others: fc.array(fc.bigInt({ min: 1n, max: 10n ** 10n }), { maxLength: 4 }),
  twinValue: fc.bigInt({ min: 1n, max: 10n ** 10n }),
  funding: fc.bigInt({ min: 1n, max: 10n ** 9n }),
  // per metric: binary (met or not) or linear 0 → 100 measured at a value with two decimals
  metrics: fc.array(fc.record({ linear: fc.boolean(), measured: fc.integer({ min: 0, max: 10_000 }) }), {
    minLength: 1,
    maxLength: 12,
  }),
  point: fc.constantFrom('pool' as const, 'metric' as const),
  basis: fc.constantFrom('contract-value' as const, 'equal' as const),
});

describe('parties with identical declarations', () => {
  it('are paid within one penny of each other, whatever the rounding point', () => {
    fc.assert(
      fc.property(scenario, ({ twins, others, twinValue, funding, metrics, point, basis }) => {
        const twinIds = Array.from({ length: twins }, (_, i) => `twin-${i}`);
        const parties: ContractInput['parties'] = [
          { id: 'icb', name: 'ICB', role: 'commissioner' },
          ...twinIds.map((id) => ({ id, name: id, role: 'provider' as const, contractValue: text(twinValue, 2) })),
          ...others.map((v, i) => ({
            id: `other-${i}`,
            name: `other ${i}`,
            role: 'provider' as const,
            contractValue: text(v, 2),
          })),
        ];
        const contract: ContractInput = {
          id: 'twins',
          name: 'Identical providers',
          version: '1',
          currency: 'GBP',
          term: { start: '2026-04-01', end: '2027-03-31' },
          periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
          rounding: { point },
          parties,
          pools: [
            {
              id: 'pool',
              kind: 'outcome',
              name: 'Pool',
              contributions: [{ party: 'icb', amount: text(funding, 2) }],
              distribution: { basis },
              metrics: metrics.map((m, i) => ({
                id: `m${i}`,
                name: `m${i}`,
                unit: '%',
                direction: 'higher-is-better' as const,
                scoring: m.linear
                  ? { type: 'linear' as const, min: '0', max: '100' }
                  : { type: 'binary' as const, target: '50' },
              })),
              unearned: { to: 'contributors' },
            },
          ],
        };
        const measurements: MeasurementInput[] = metrics.map((m, i) => ({
          metric: `m${i}`,
          period: PERIOD,
          value: text(BigInt(m.measured), 2),
          status: 'final',
        }));
        const settlement = settle(contract, measurements, { period: PERIOD });
        const paid = settlement.parties.filter((p) => p.id.startsWith('twin-')).map((p) => unitsOf(p.earned, 2));
        const most = paid.reduce((a, b) => (a > b ? a : b));
        const least = paid.reduce((a, b) => (a < b ? a : b));
        expect(most - least, paid.map(String).join(', ')).toBeLessThanOrEqual(1n);
      }),
      { numRuns: 300 },
    );
  });
});
