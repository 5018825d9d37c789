import { describe, expect, it } from 'vitest';
import {
  ContractError,
  defineContract,
  diffSettlements,
  explain,
  settle,
  validateContract,
  type ContractInput,
} from '../../src/index.js';
import { variedYear as contract } from '../fixtures/time-contract.js';

/*
 * Worked examples of a contract varied part-way through a year. The year 1 April 2025 to
 * 31 March 2026 has 365 days; the ICB puts £365,000.00 (£1,000.00 a day) into an outcome pool
 * for one provider, on a metric scored linearly from 60 to 80. Variation 1, in force from
 * 1 October 2025 (Deed of Variation 1, clause 3), lowers the top of the scale to 70. The
 * provider measures 70: 0.5 on the first version's scale, 1 on the second's.
 */

const measurements = [{ metric: 'm', period: '2025-26', value: '70', status: 'final' as const }];
const earned = (c: ContractInput) =>
  settle(c, measurements, { period: '2025-26' }).parties.find((p) => p.id === 'provider')!.earned;

describe('a period that spans a variation', () => {
  it('is split pro rata by default: each version settles its own days', () => {
    // 1 April – 30 September: 183 days → 183,000.00 × 0.5 = 91,500.00 under version 1.0
    // 1 October – 31 March: 182 days → 182,000.00 × 1 = 182,000.00 under version 1.1
    // the year: 91,500.00 + 182,000.00 = 273,500.00; the ICB keeps 91,500.00
    const settlement = settle(contract(), measurements, { period: '2025-26' });
    expect(settlement.segments.map((s) => [s.start, s.end, s.contractVersion, s.proRata])).toEqual([
      ['2025-04-01', '2025-09-30', '1.0', '183 of 365 days (actual/actual)'],
      ['2025-10-01', '2026-03-31', '1.1', '182 of 365 days (actual/actual)'],
    ]);
    expect(settlement.segments.map((s) => s.settlement.pools[0]!.funding)).toEqual(['183000.00', '182000.00']);
    expect(settlement.segments.map((s) => s.settlement.metrics[0]!.score)).toEqual(['0.5', '1']);
    const provider = settlement.parties.find((p) => p.id === 'provider')!;
    expect(provider.earned).toBe('273500.00');
    expect(settlement.parties.find((p) => p.id === 'icb')!.returned).toBe('91500.00');
    expect(settlement.contract.version).toBe('1.1');
    expect(settlement.variations).toEqual([
      { id: 'var-1', effectiveFrom: '2025-10-01', version: '1.1', clause: 'Deed of Variation 1, clause 3' },
    ]);
    // the trace runs from the year's figure into each version's part
    expect(explain(settlement, provider.trace.earned, 1)).toContain(
      'outcome payments earned [version 1.1, 2025-10-01 to 2026-03-31] = 182000.00',
    );
    expect(settlement.trace[provider.trace.earned]!.inputs.map((i) => i.node)).toEqual([
      'segment:2025-04-01:party:provider:earned',
      'segment:2025-10-01:party:provider:earned',
    ]);
  });

  it('uses one version for the whole period when the contract says so', () => {
    // at start: 365,000.00 × 0.5 = 182,500.00; at end: 365,000.00 × 1 = 365,000.00
    expect(earned(contract({ variationsInPeriod: 'version-at-start' }))).toBe('182500.00');
    expect(earned(contract({ variationsInPeriod: 'version-at-end' }))).toBe('365000.00');
  });

  it('settles a period after the variation with the varied version only', () => {
    const settlement = settle(
      contract({ periods: [{ id: 'h2', start: '2025-10-01', end: '2026-03-31' }] }),
      [{ metric: 'm', period: 'h2', value: '70', status: 'final' }],
      { period: 'h2' },
    );
    expect(settlement.segments).toEqual([]);
    expect(settlement.contract.version).toBe('1.1');
    expect(settlement.metrics[0]!.score).toBe('1');
  });

  it('shows in a diff which variation changed the figures', () => {
    const { variations: _none, ...unvaried } = contract();
    const diff = diffSettlements(
      settle(unvaried, measurements, { period: '2025-26' }),
      settle(contract(), measurements, { period: '2025-26' }),
    );
    expect(diff.variations.map((v) => [v.id, v.change])).toEqual([['var-1', 'added']]);
    const change = diff.parties.find((p) => p.id === 'provider')!.changes.find((c) => c.figure === 'earned')!;
    // 182,500.00 without the variation → 273,500.00 with it
    expect(change).toMatchObject({ from: '182500.00', to: '273500.00', difference: '91000.00' });
  });
});

describe('a diff across a variation settled by one version', () => {
  it('traces the change in the score to the varied parameter', () => {
    // version-at-end settles the whole year on version 1.1: the top of the scale 80 → 70, so 70
    // scores 1 instead of 0.5, and the provider earns 365,000.00 instead of 182,500.00
    const { variations: _none, ...unvaried } = contract();
    const diff = diffSettlements(
      settle(unvaried, measurements, { period: '2025-26' }),
      settle(contract({ variationsInPeriod: 'version-at-end' }), measurements, { period: '2025-26' }),
    );
    const earned = diff.parties.find((p) => p.id === 'provider')!.changes.find((c) => c.figure === 'earned')!;
    expect(earned).toMatchObject({ from: '182500.00', to: '365000.00', because: ['metric:m:score'] });
    expect(diff.origins).toEqual([
      expect.objectContaining({
        node: 'metric:m:score',
        from: '0.5',
        to: '1',
        inputs: [{ name: 'max', from: '80', to: '70' }],
      }),
    ]);
    expect(diff.to.contractVersion).toBe('1.1');
  });
});

describe('variations that cannot be', () => {
  const issues = (overrides: Partial<ContractInput>) => {
    const result = validateContract(contract(overrides));
    return result.success ? [] : result.issues.map((i) => [i.path, i.code]);
  };
  const variation = (v: object) => ({
    id: 'v',
    effectiveFrom: '2025-10-01',
    version: '2',
    changes: [{ path: 'pools/incentive/metrics/m/scoring/max', value: '75' }],
    ...v,
  });

  it('refuses a variation dated before (or on) the contract start, or after its end', () => {
    expect(issues({ variations: [variation({ effectiveFrom: '2025-03-01' })] })).toEqual([
      ['variations[0].effectiveFrom', 'variation_before_start'],
    ]);
    expect(issues({ variations: [variation({ effectiveFrom: '2025-04-01' })] })).toEqual([
      ['variations[0].effectiveFrom', 'variation_before_start'],
    ]);
    expect(issues({ variations: [variation({ effectiveFrom: '2026-04-01' })] })).toEqual([
      ['variations[0].effectiveFrom', 'variation_outside_term'],
    ]);
  });

  it('refuses two versions in force from the same day', () => {
    expect(issues({ variations: [variation({}), variation({ id: 'w', version: '3' })] })).toEqual([
      ['variations[1].effectiveFrom', 'variations_overlap'],
    ]);
  });

  it('refuses a path that does not exist, or a part of the contract that cannot vary', () => {
    expect(
      issues({
        variations: [
          variation({
            changes: [
              { path: 'pools/incentive/metrics/nope/weight', value: '1' },
              { path: 'currency', value: 'EUR' },
              { path: 'pools//metrics', value: [] },
            ],
          }),
        ],
      }),
    ).toEqual([
      ['variations[0].changes[0].path', 'unknown_path'],
      ['variations[0].changes[1].path', 'not_variable'],
      ['variations[0].changes[2].path', 'unknown_path'],
    ]);
  });

  it('refuses a variation that makes an invalid contract, naming the version and the problem', () => {
    const result = validateContract(
      contract({
        variations: [variation({ changes: [{ path: 'pools/incentive/metrics/m/scoring/max', value: '50' }] })],
      }),
    );
    expect(result.success).toBe(false);
    const issue = result.issues[0]!;
    expect(issue.path).toBe('variations[0]');
    expect(issue.message).toMatch(/^in version 2 \(from 2025-10-01\): pools\[0\]\.metrics\[0\]\.scoring/);
    expect(() =>
      defineContract(
        contract({
          variations: [variation({ changes: [{ path: 'pools/incentive/metrics/m/scoring/max', value: '50' }] })],
        }),
      ),
    ).toThrow(ContractError);
  });

  it('leaves the declared contract as it was', () => {
    const input = contract();
    const copy = JSON.parse(JSON.stringify(input));
    settle(input, measurements, { period: '2025-26' });
    expect(input).toEqual(copy);
  });
});
