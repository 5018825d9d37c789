import { describe, expect, it } from 'vitest';
import { explain, settle } from '../../src/index.js';
import { savingsContract, US_YEAR } from '../golden/helpers.js';

/*
 * An explanation passes through a step that did not apply (issue 13, item 3): a loss in a pool
 * whose withhold applies to gains only used to end at "not applied: a deduction from gains only"
 * and never reach the rate or the variance. Both sides are shared at 50 %; spend 104,000,000.00
 * against the benchmark 100,000,000.00 is a loss of 4,000,000.00; the withhold skips it and the
 * rate takes 50 %: the alliance bears 2,000,000.00.
 */
describe('explain through skipped steps', () => {
  const s = settle(
    savingsContract({
      sides: 'both',
      steps: [
        { id: 'withhold', type: 'deduction', applies: 'gain', percent: '2' },
        { id: 'rate', type: 'rate', gain: { percent: '50' }, loss: { percent: '50' } },
      ],
    }),
    [{ metric: 'spend', period: US_YEAR, value: '104000000.00', status: 'final' }],
    { period: US_YEAR },
  );

  it('reaches the variance from the alliance’s share, through the withhold that did not apply', () => {
    const pool = s.riskShares[0]!;
    expect(pool.allianceShare).toBe('-2000000.00');
    const withhold = pool.steps.find((step) => step.id === 'withhold')!;
    expect(withhold.applied).toBe(false);
    const text = explain(s, withhold.trace.amount);
    const lines = text.split('\n');
    // the skipped step, then what it was given: the side's amount, then the variance it is the magnitude of
    expect(lines[1]).toContain('not applied: a deduction from gains only');
    expect(lines[0]).toBe('step withhold (deduction) of pool share = 4000000.00');
    expect(text).toMatch(/the loss the steps of pool share are given = 4000000\.00/);
    expect(text).toMatch(/variance of pool share = -4000000\.00/);
  });
});
