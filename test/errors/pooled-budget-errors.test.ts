import { describe, expect, it } from 'vitest';
import { validateContract, type ContractInput, type PooledBudgetPoolInput } from '../../src/index.js';

/* Mistakes in a pooled budget declaration: each reported with its path, code and what is expected. */

const base = (pool: Partial<PooledBudgetPoolInput> = {}): ContractInput => ({
  id: 'pooled',
  name: 'Pooled budget',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: '2026-27', start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'council', name: 'Council', role: 'commissioner' },
    { id: 'icb', name: 'ICB', role: 'commissioner' },
  ],
  pools: [
    {
      id: 's75',
      kind: 'pooled-budget',
      name: 'Section 75',
      contributions: [
        { party: 'icb', amount: '6000000.00' },
        { party: 'council', amount: '4000000.00' },
      ],
      lines: [{ id: 'care', name: 'Care', budget: '10000000.00', measure: 'care-spend' }],
      split: { basis: 'contribution' },
      ...pool,
    },
  ],
});

const issuesOf = (contract: ContractInput) => {
  const result = validateContract(contract);
  return result.success ? [] : result.issues;
};

describe('pooled budget mistakes', () => {
  it('accepts the valid declaration', () => {
    expect(issuesOf(base())).toEqual([]);
  });

  it('refuses contributions that do not equal the lines’ budgets plus the reserve', () => {
    expect(issuesOf(base({ reserve: '100.00' }))).toContainEqual(
      expect.objectContaining({
        path: 'pools[0].contributions',
        code: 'pool_not_balanced',
        message: expect.stringMatching(/10000000.*10000100/),
      }),
    );
  });

  it('refuses a maximum below the contribution, an unknown partner and a partner named twice, all at once', () => {
    const issues = issuesOf(
      base({
        contributions: [
          { party: 'icb', amount: '6000000.00', maximum: '5000000.00' },
          { party: 'nhs-x', amount: '2000000.00' },
          { party: 'icb', amount: '2000000.00' },
        ],
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'pools[0].contributions[0].maximum', code: 'maximum_below_contribution' }),
        expect.objectContaining({ path: 'pools[0].contributions[1].party', code: 'unknown_party' }),
        expect.objectContaining({ path: 'pools[0].contributions[2].party', code: 'duplicate_contribution' }),
      ]),
    );
  });

  it('refuses fixed shares that do not add up to 100 or miss a partner', () => {
    expect(issuesOf(base({ split: { basis: 'fixed', shares: { icb: '70' } } }))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'pools[0].split.shares', code: 'missing_share' }),
        expect.objectContaining({ path: 'pools[0].split.shares', code: 'shares_not_100' }),
      ]),
    );
  });

  it('refuses a waterfall that names a source twice or does not end with the partners', () => {
    expect(issuesOf(base({ waterfall: ['reserve', 'reserve', 'underspends'] }))).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'pools[0].waterfall[1]', code: 'duplicate_step' }),
        expect.objectContaining({ path: 'pools[0].waterfall', code: 'waterfall_end' }),
      ]),
    );
  });

  it('refuses a negative or over-precise budget and an amount written as a number', () => {
    const issues = issuesOf(
      base({
        lines: [{ id: 'care', name: 'Care', budget: '-10000000.00', measure: 'care-spend' }],
        reserve: '0.001',
        contributions: [{ party: 'icb', amount: 6000000 as unknown as string }],
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'pools[0].lines[0].budget', code: 'negative_value' }),
        expect.objectContaining({ path: 'pools[0].reserve', code: 'too_many_decimals' }),
        expect.objectContaining({
          path: 'pools[0].contributions[0].amount',
          message: expect.stringContaining('the number 6000000'),
        }),
      ]),
    );
  });
});
