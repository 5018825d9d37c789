import { describe, expect, it } from 'vitest';
import { settle, validateContract, type ContractInput } from '../../src/index.js';

/*
 * Worked example: a block contract whose payment rises and falls with activity at a marginal
 * rate. Baseline 40,000,000.00 of activity; activity above or below it is paid (or repaid) at
 * 60 %. The variance runs outturn − budget, so more activity is the provider's gain:
 *
 *   43,000,000.00 − 40,000,000.00 = +3,000,000.00 → 60 % → the provider is paid +1,800,000.00 more
 *   38,000,000.00 − 40,000,000.00 = −2,000,000.00 → 60 % → the provider repays     1,200,000.00
 *
 * and the commissioner pays (or is repaid) exactly that: the two sides add up to zero.
 */

const PERIOD = '2026-27';
const contract = (variance?: 'outturn-minus-budget' | 'budget-minus-outturn'): ContractInput => ({
  id: 'block',
  name: 'Block contract with a marginal rate',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'icb', name: 'ICB', role: 'commissioner' },
    { id: 'trust', name: 'Acute trust', role: 'provider' },
  ],
  pools: [
    {
      id: 'activity',
      kind: 'risk-share',
      name: 'Activity above and below the baseline',
      budgetKind: 'baseline',
      budget: '40000000.00',
      ...(variance ? { variance } : {}),
      outturn: { measure: 'activity-value' },
      commissioner: 'icb',
      sides: 'both',
      steps: [{ id: 'marginal', type: 'rate', gain: { percent: '60' }, loss: { percent: '60' } }],
      order: ['marginal'],
      distribution: { basis: 'equal' },
    },
  ],
});
const run = (activity: string, variance: 'outturn-minus-budget' | 'budget-minus-outturn' = 'outturn-minus-budget') =>
  settle(contract(variance), [{ metric: 'activity-value', period: PERIOD, value: activity, status: 'final' }], {
    period: PERIOD,
  });
const sharedBy = (settlement: ReturnType<typeof run>) => settlement.parties.map((p) => [p.id, p.shared]);

describe('payments that rise with activity: 60 % marginal rate around a 40m baseline', () => {
  it('activity of 43m pays the provider +1,800,000.00, paid by the commissioner', () => {
    const settlement = run('43000000.00');
    const pool = settlement.riskShares[0]!;
    expect([pool.variance, pool.side, pool.allianceShare]).toEqual(['3000000.00', 'gain', '1800000.00']);
    expect(sharedBy(settlement)).toEqual([
      ['icb', '-1800000.00'],
      ['trust', '1800000.00'],
    ]);
    expect(pool.conservation).toEqual({ variance: '0.00', shared: '0.00', difference: '0.00' });
    expect(settlement.trace['pool:activity:variance']!.formula).toBe(
      'outturn − budget = 43000000.00 − 40000000.00 = 3000000.00: above the budget (gain: the members are paid more)',
    );
  });

  it('activity of 38m has the provider repay 1,200,000.00 to the commissioner', () => {
    const settlement = run('38000000.00');
    const pool = settlement.riskShares[0]!;
    expect([pool.variance, pool.side, pool.allianceShare]).toEqual(['-2000000.00', 'loss', '-1200000.00']);
    expect(sharedBy(settlement)).toEqual([
      ['icb', '1200000.00'],
      ['trust', '-1200000.00'],
    ]);
    expect(pool.conservation.difference).toBe('0.00');
  });

  it('activity on the baseline moves nothing', () => {
    expect(sharedBy(run('40000000.00'))).toEqual([
      ['icb', '0.00'],
      ['trust', '0.00'],
    ]);
  });

  it('left out, the variance runs budget − outturn as before: 43m is an overspend the provider shares', () => {
    const settlement = run('43000000.00', 'budget-minus-outturn');
    expect([settlement.riskShares[0]!.variance, settlement.riskShares[0]!.allianceShare]).toEqual([
      '-3000000.00',
      '-1800000.00',
    ]);
    expect(settlement.riskShares[0]!.conservation).toEqual({
      variance: '-3000000.00',
      shared: '-3000000.00',
      difference: '0.00',
    });
  });

  it('refuses a variance direction it does not know, naming the two', () => {
    const input = contract() as unknown as { pools: Record<string, unknown>[] };
    input.pools[0]!.variance = 'outturn-budget';
    const issue = validateContract(input).issues[0]!;
    expect([issue.path, issue.message]).toEqual([
      'pools[0].variance',
      'variance must be one of "budget-minus-outturn", "outturn-minus-budget", got "outturn-budget"',
    ]);
  });
});
