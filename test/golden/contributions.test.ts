import { describe, expect, it } from 'vitest';
import { settle } from '../../src/index.js';
import {
  commissioner,
  contract,
  expectConserved,
  linearMetric,
  partyOf,
  PERIOD,
  provider,
  value,
  type ContractRounding,
} from './helpers.js';

/*
 * Worked example: a provider holding a percentage of its contract value at risk.
 *
 * Source of the rules: src/contract/schema.ts (contribution `percentOfContractValue`: "this
 * percentage of the party's contract value, held at risk"); src/settle/types.ts
 * (PartyStatement.guaranteed: "contract value less what it put at risk"; total = guaranteed +
 * earned + redistributed + returned); the issue (2.5 % of £4,000,000.00 = £100,000.00).
 *
 *   community: contract value £4,000,000.00 × 2.5 % = £100,000.00 at risk
 *   guaranteed = £4,000,000.00 − £100,000.00 = £3,900,000.00
 *   one metric measured 70 on linear 60 → 80: score 0.5 → earns £50,000.00
 *   unearned £50,000.00 back to the contributors, i.e. all to community
 *   total = £3,900,000.00 + £50,000.00 + £50,000.00 = £4,000,000.00
 */

const build = (contractValue: string, rounding?: ContractRounding) =>
  contract({
    parties: [commissioner('icb'), provider('community', contractValue)],
    pools: [
      {
        id: 'at-risk',
        kind: 'outcome',
        name: 'Provider value at risk',
        contributions: [{ party: 'community', percentOfContractValue: '2.5', clause: 'Schedule 3 para 1.3' }],
        metrics: [linearMetric('home-first', '60', '80')],
        unearned: { to: 'contributors' },
      },
    ],
    ...(rounding ? { rounding } : {}),
  });

describe('2.5 % of a £4,000,000.00 contract value held at risk', () => {
  const settlement = settle(build('4000000.00'), [value('home-first', '70')], { period: PERIOD });

  it('funds the pool with £100,000.00', () => {
    const pool = settlement.pools[0]!;
    expect(pool.contributions).toEqual([{ party: 'community', amount: '100000.00' }]);
    expect(pool.funding).toBe('100000.00');
    const node = settlement.trace['pool:at-risk:contribution:community']!;
    expect(node.value).toBe('100000.00');
    expect(node.formula).toContain('2.5 %');
    expect(node.clause).toBe('Schedule 3 para 1.3');
  });

  it('guarantees the contract value less what is at risk: £3,900,000.00', () => {
    expect(partyOf(settlement, 'community')).toMatchObject({
      contractValue: '4000000.00',
      contributed: '100000.00',
      guaranteed: '3900000.00',
      earned: '50000.00',
      redistributed: '0.00',
      returned: '50000.00',
      total: '4000000.00',
    });
  });

  it('conserves the pool', () => {
    expect(settlement.pools[0]!.conservation).toEqual({ in: '100000.00', out: '100000.00', difference: '0.00' });
    expectConserved(settlement);
  });
});

describe('a percentage contribution that falls on half a penny is rounded with the contract’s mode', () => {
  /*
   * £1,000,000.20 × 2.5 % = £25,000.005 exactly
   *   half-up → £25,000.01 (guaranteed £1,000,000.20 − £25,000.01 = £975,000.19)
   *   half-even → £25,000.00 (0 is even; guaranteed £975,000.20)
   *   floor → £25,000.00; ceiling → £25,000.01
   */
  const at = (mode?: NonNullable<ContractRounding['mode']>) =>
    settle(build('1000000.20', mode ? { mode } : undefined), [value('home-first', '70')], { period: PERIOD });

  it.each([
    [undefined, '25000.01', '975000.19'],
    ['half-up', '25000.01', '975000.19'],
    ['half-even', '25000.00', '975000.20'],
    ['floor', '25000.00', '975000.20'],
    ['ceiling', '25000.01', '975000.19'],
  ] as const)('mode %s: contributes %s, guaranteed %s', (mode, contributed, guaranteed) => {
    const settlement = at(mode);
    expect(partyOf(settlement, 'community').contributed).toBe(contributed);
    expect(partyOf(settlement, 'community').guaranteed).toBe(guaranteed);
    expect(settlement.pools[0]!.funding).toBe(contributed);
    expectConserved(settlement);
  });
});
