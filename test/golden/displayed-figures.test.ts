import { describe, expect, it } from 'vitest';
import { settle, type ContractInput } from '../../src/index.js';

/*
 * Displayed figures are the figures computed (issue 12, "Why"): an outturn of 90.015 against a
 * budget of 100.00 used to show as 90.02 (half-even display) while the variance, 100.00 − 90.015
 * = 9.985, was rounded half-up to 9.99, so the settlement read 100.00 − 90.02 = 9.99. A measured
 * outturn is now money first: rounded to the minor unit with the contract's mode, then subtracted.
 */
const PERIOD = 'y1';
const contract = (mode: 'half-up' | 'half-down', perMember: boolean): ContractInput => ({
  id: 'display',
  name: 'Display',
  version: '1',
  currency: 'GBP',
  rounding: { mode },
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'icb', name: 'ICB', role: 'commissioner' },
    { id: 'trust', name: 'Trust', role: 'provider', contractValue: '1000.00' },
  ],
  pools: [
    {
      id: 'system',
      kind: 'risk-share',
      name: 'System',
      ...(perMember ? { budgets: { trust: '100.00' } } : { budget: '100.00' }),
      outturn: { measure: 'spend' },
      commissioner: 'icb',
      steps: [{ id: 'all', type: 'rate', gain: { percent: '100' }, loss: { percent: '100' } }],
      order: ['all'],
      distribution: { basis: 'equal' },
    },
  ],
});
const pool = (mode: 'half-up' | 'half-down', perMember = false) =>
  settle(
    contract(mode, perMember),
    [{ metric: 'spend', period: PERIOD, value: '90.015', status: 'final', ...(perMember ? { party: 'trust' } : {}) }],
    { period: PERIOD },
  ).riskShares[0]!;

describe('a sub-penny outturn is rounded with the contract’s mode before the variance', () => {
  it('half-up: 90.015 → 90.02, and 100.00 − 90.02 = 9.98 as shown', () => {
    const p = pool('half-up');
    expect([p.budget, p.outturn, p.variance, p.allianceShare]).toEqual(['100.00', '90.02', '9.98', '9.98']);
  });

  it('half-down: 90.015 → 90.01, and 100.00 − 90.01 = 9.99', () => {
    const p = pool('half-down');
    expect([p.outturn, p.variance]).toEqual(['90.01', '9.99']);
  });

  it('per member, the row shows the same figures: 100.00 − 90.02 = 9.98', () => {
    const p = pool('half-up', true);
    expect(p.members).toEqual([{ party: 'trust', budget: '100.00', outturn: '90.02', variance: '9.98' }]);
    expect(p.variance).toBe('9.98');
  });
});
