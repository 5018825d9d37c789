import { describe, expect, it } from 'vitest';
import { settle } from '../../src/index.js';
import { savingsContract, spendOf, US_YEAR } from './helpers.js';

/*
 * Step amounts are shown in the currency's minor units, like every other amount, and act on the
 * magnitude of the variance (issue 12, item 6). Before, a step amount was the shortest exact text
 * ("2118243.5", "8150000"), unlike every other amount in the settlement.
 */

const options = { period: US_YEAR };

describe('step amounts in minor units', () => {
  it('50 % of a saving of 4,236,487.00 is shown as 2118243.50, not 2118243.5', () => {
    const contract = savingsContract({ sides: 'gain', steps: [{ id: 'rate', type: 'rate', gain: { percent: '50' } }] });
    const pool = settle(contract, spendOf('95763513.00'), options).riskShares[0]!;
    expect(pool.steps.map((s) => s.amount)).toEqual(['2118243.50']);
    expect(pool.allianceShare).toBe('2118243.50');
  });

  it('an amount worked to more places than the currency has is shown exactly, never rounded', () => {
    // 33.3333 % of 1,000,000.01 = 333,333 + 0.00333333 = 333,333.00333333: the step shows it exactly; the share is rounded once
    const contract = savingsContract({
      sides: 'gain',
      steps: [{ id: 'rate', type: 'rate', gain: { percent: '33.3333' } }],
    });
    const pool = settle(contract, spendOf('98999999.99'), options).riskShares[0]!;
    expect(pool.steps[0]!.amount).toBe('333333.00333333');
    expect(pool.allianceShare).toBe('333333.00');
  });
});

describe('steps act on magnitudes: a negative adjustment on a loss lowers what the members bear', () => {
  // a loss of 1,500,000.00 shared at 50 % is 750,000.00 borne; an adjustment of −100,000.00 (say,
  // an agreed allowance) acts on that magnitude: 750,000.00 − 100,000.00 = 650,000.00, so the
  // members bear −650,000.00, not −850,000.00
  const contract = savingsContract({
    sides: 'both',
    steps: [
      { id: 'rate', type: 'rate', gain: { percent: '50' }, loss: { percent: '50' } },
      { id: 'allowance', type: 'adjustment', applies: 'loss', amount: '-100000.00' },
    ],
  });
  const pool = settle(contract, spendOf('101500000.00'), options).riskShares[0]!;

  it('the steps run on the magnitude 1,500,000.00, in cents', () => {
    expect(pool.variance).toBe('-1500000.00');
    expect(pool.steps.map((s) => [s.id, s.amount])).toEqual([
      ['rate', '750000.00'],
      ['allowance', '650000.00'],
    ]);
  });

  it('the sign is put back at the end: the members bear −650,000.00, the commissioner −850,000.00', () => {
    expect([pool.allianceShare, pool.commissionerShare]).toEqual(['-650000.00', '-850000.00']);
  });
});
