import { describe, expect, it } from 'vitest';
import { settle } from '../../src/index.js';
import { Decimal } from '../../src/money/decimal.js';
import { binary, type BinaryRule } from '../../src/score/binary/index.js';
import type { MetricFacts } from '../../src/score/rule.js';
import { commissioner, contract, expectConserved, metricOf, PERIOD, provider, value } from '../golden/helpers.js';

// Source of the rule: src/score/binary/index.ts (doc comment and @example) and design.md section 2
// ("binary"): 1 when the target is met (at least as good as it, in the metric's direction),
// otherwise 0. Exactly on the target counts as met.

const higher: MetricFacts = { direction: 'higher-is-better' };
const lower: MetricFacts = { direction: 'lower-is-better' };
const rule = (target: string): BinaryRule => ({ type: 'binary', target });
const score = (r: BinaryRule, measured: string, facts: MetricFacts) =>
  binary.score(r, Decimal.parse(measured)!, facts, 18).score.toPlainString();

describe('binary scoring, higher is better, target 95', () => {
  it('counts exactly the target as met', () => {
    expect(score(rule('95'), '95', higher)).toBe('1');
    expect(score(rule('95'), '95.000', higher)).toBe('1');
    expect(score(rule('95.0'), '95', higher)).toBe('1');
  });

  it('scores 1 above the target and 0 just below it', () => {
    expect(score(rule('95'), '99', higher)).toBe('1');
    expect(score(rule('95'), '94.99', higher)).toBe('0');
  });

  it('shows the comparison it made', () => {
    const working = binary.score(rule('95'), Decimal.parse('95')!, higher, 18);
    expect(working.formula).toContain('≥ 95');
    expect(working.inputs).toEqual({ target: '95' });
  });
});

describe('binary scoring, lower is better, target 4 (hours)', () => {
  it('counts exactly the target as met', () => {
    expect(score(rule('4'), '4', lower)).toBe('1');
    expect(score(rule('4'), '4.00', lower)).toBe('1');
  });

  it('scores 1 below (better than) the target and 0 just above it', () => {
    expect(score(rule('4'), '3.5', lower)).toBe('1');
    expect(score(rule('4'), '4.01', lower)).toBe('0');
    expect(binary.score(rule('4'), Decimal.parse('4')!, lower, 18).formula).toContain('≤ 4');
  });
});

describe('binary scoring through settle', () => {
  it('pays a metric whose value is exactly on target in full, both directions', () => {
    const settlement = settle(
      contract({
        parties: [commissioner('icb'), provider('trust', '1000000.00')],
        pools: [
          {
            id: 'outcomes',
            kind: 'outcome',
            name: 'Outcomes',
            contributions: [{ party: 'icb', amount: '1000.00' }],
            metrics: [
              {
                id: 'flu-vaccination',
                name: 'Flu vaccination uptake',
                unit: '%',
                direction: 'higher-is-better',
                scoring: { type: 'binary', target: '95' },
              },
              {
                id: 'four-hour-waits',
                name: 'Longest wait',
                unit: 'hours',
                direction: 'lower-is-better',
                scoring: { type: 'binary', target: '4' },
              },
            ],
            unearned: { to: 'commissioner', party: 'icb' },
          },
        ],
      }),
      [value('flu-vaccination', '95'), value('four-hour-waits', '4')],
      { period: PERIOD },
    );
    expect(metricOf(settlement, 'flu-vaccination').score).toBe('1');
    expect(metricOf(settlement, 'four-hour-waits').score).toBe('1');
    expect(settlement.pools[0]!.earnedByScore).toBe('1000.00');
    expectConserved(settlement);
  });
});
