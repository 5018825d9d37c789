import { describe, expect, it } from 'vitest';
import { MeasurementError, settle, type MeasurementInput, type Settlement } from '../../src/index.js';
import {
  commissioner,
  contract,
  expectConserved,
  linearMetric,
  partyOf,
  PERIOD,
  provider,
  value,
  type PoolInput,
} from './helpers.js';

/*
 * Worked example: gateways (quality gates) that forfeit money earned by score, and where the
 * forfeited money goes.
 *
 * Source of the rules: the issue's required figures; src/contract/schema.ts (gateway scope "pool":
 * "failing forfeits the whole pool"; "provider": "each provider passes or fails on its own
 * measurement"; `forfeited` destination "to contributors (pro rata to contributions), kept by one
 * commissioner, or shared by the providers that earned", default "as unearned"); the routing in
 * src/settle/outcome-pool.ts (step 7; with nobody left earning, "earning-providers" falls back to
 * the contributors); design.md section 5 (conservation).
 *
 * The pool, common to every case:
 *   contributions: ICB £800,000.00 fixed; providers 2 % of contract value:
 *     a 2 % × £5,000,000.00 = £100,000.00, b 2 % × £3,000,000.00 = £60,000.00,
 *     c 2 % × £2,000,000.00 = £40,000.00;  funding £1,000,000.00
 *     (contributor shares 0.8 : 0.1 : 0.06 : 0.04)
 *   three equally weighted metrics (linear 60 → 80) measured 80, 70, 60: scores 1, 0.5, 0;
 *     pool score 0.4999999999999999995 → earned by score £500,000.00 (see three-metrics-commissioner)
 *   split by contract value 5 : 3 : 2 → a £250,000.00, b £150,000.00, c £100,000.00
 *   unearned £500,000.00 → kept by the ICB
 *   guaranteed = contract value − contributed: a £4,900,000.00, b £2,940,000.00, c £1,960,000.00
 */

type Forfeited = NonNullable<PoolInput['forfeited']>;
type Gateway = NonNullable<PoolInput['gateways']>[number];

const poolGateway: Gateway = {
  id: 'safeguarding',
  name: 'Safeguarding audit passed',
  scope: 'pool',
  measure: 'safeguarding-audit',
  direction: 'higher-is-better',
  threshold: '1',
  clause: 'Schedule 3 para 3.1',
};
const providerGateway: Gateway = {
  id: 'data-returns',
  name: 'Data returns submitted on time',
  scope: 'provider',
  measure: 'data-returns',
  direction: 'higher-is-better',
  threshold: '1',
  clause: 'Schedule 3 para 3.2',
};

const build = (gateway: Gateway, forfeited: Forfeited | undefined) =>
  contract({
    parties: [
      commissioner('icb'),
      provider('a', '5000000.00'),
      provider('b', '3000000.00'),
      provider('c', '2000000.00'),
    ],
    pools: [
      {
        id: 'outcomes',
        kind: 'outcome',
        name: 'Outcomes pool',
        contributions: [
          { party: 'icb', amount: '800000.00' },
          { party: 'a', percentOfContractValue: '2' },
          { party: 'b', percentOfContractValue: '2' },
          { party: 'c', percentOfContractValue: '2' },
        ],
        metrics: [linearMetric('m1', '60', '80'), linearMetric('m2', '60', '80'), linearMetric('m3', '60', '80')],
        gateways: [gateway],
        unearned: { to: 'commissioner', party: 'icb' },
        ...(forfeited ? { forfeited } : {}),
      },
    ],
  });
const scores = [value('m1', '80'), value('m2', '70'), value('m3', '60')];
const run = (gateway: Gateway, forfeited: Forfeited | undefined, gates: MeasurementInput[]): Settlement =>
  settle(build(gateway, forfeited), [...scores, ...gates], { period: PERIOD });

/** Per party: [earned, redistributed, returned] for the whole settlement. */
const figures = (settlement: Settlement) =>
  Object.fromEntries(settlement.parties.map((p) => [p.id, [p.earned, p.redistributed, p.returned]]));

describe('a pool gateway that fails forfeits everything earned by score', () => {
  const failed = [value('safeguarding-audit', '0')];

  it('records the gateway as not met, and each provider’s part as forfeited', () => {
    const settlement = run(poolGateway, { to: 'contributors' }, failed);
    expect(settlement.gateways).toEqual([
      expect.objectContaining({ id: 'safeguarding', party: null, measured: '0', threshold: '1', met: false }),
    ]);
    const pool = settlement.pools[0]!;
    expect(pool.earnedByScore).toBe('500000.00');
    expect(pool.earned).toBe('0.00');
    expect(pool.forfeited).toBe('500000.00');
    expect(pool.unearned).toBe('500000.00');
    const poolPart = (id: string) => partyOf(settlement, id).pools[0]!;
    expect([poolPart('a').earnedByScore, poolPart('a').earned, poolPart('a').forfeited]).toEqual([
      '250000.00',
      '0.00',
      '250000.00',
    ]);
    expect(poolPart('b').forfeited).toBe('150000.00');
    expect(poolPart('c').forfeited).toBe('100000.00');
  });

  it('to contributors: £500,000.00 back 0.8 : 0.1 : 0.06 : 0.04', () => {
    // ICB £500,000.00 × 0.8 = £400,000.00; a × 0.1 = £50,000.00; b × 0.06 = £30,000.00; c × 0.04 = £20,000.00
    const settlement = run(poolGateway, { to: 'contributors', clause: 'Schedule 3 para 3.4' }, failed);
    const pool = settlement.pools[0]!;
    expect(pool.forfeitedTo.parts).toEqual([
      { party: 'a', amount: '50000.00' },
      { party: 'b', amount: '30000.00' },
      { party: 'c', amount: '20000.00' },
      { party: 'icb', amount: '400000.00' },
    ]);
    // the ICB gets back £400,000.00 forfeited + keeps £500,000.00 unearned = £900,000.00
    expect(figures(settlement)).toEqual({
      a: ['0.00', '0.00', '50000.00'],
      b: ['0.00', '0.00', '30000.00'],
      c: ['0.00', '0.00', '20000.00'],
      icb: ['0.00', '0.00', '900000.00'],
    });
    // a: £4,900,000.00 guaranteed + £50,000.00 returned
    expect(partyOf(settlement, 'a').total).toBe('4950000.00');
    expect(pool.conservation).toEqual({ in: '1000000.00', out: '1000000.00', difference: '0.00' });
    expectConserved(settlement);
  });

  it('to the commissioner: the ICB keeps all £1,000,000.00', () => {
    const settlement = run(poolGateway, { to: 'commissioner', party: 'icb' }, failed);
    const pool = settlement.pools[0]!;
    expect(pool.forfeitedTo.parts).toEqual([{ party: 'icb', amount: '500000.00' }]);
    expect(figures(settlement)).toEqual({
      a: ['0.00', '0.00', '0.00'],
      b: ['0.00', '0.00', '0.00'],
      c: ['0.00', '0.00', '0.00'],
      icb: ['0.00', '0.00', '1000000.00'],
    });
    expect(partyOf(settlement, 'a').total).toBe('4900000.00'); // only its guaranteed payment
    expect(pool.conservation.difference).toBe('0.00');
    expectConserved(settlement);
  });

  it('with no destination declared: goes as the unearned money does (kept by the ICB)', () => {
    const settlement = run(poolGateway, undefined, failed);
    expect(settlement.pools[0]!.forfeitedTo.parts).toEqual([{ party: 'icb', amount: '500000.00' }]);
    expect(partyOf(settlement, 'icb').returned).toBe('1000000.00');
    expectConserved(settlement);
  });

  it('to earning providers: nobody earned, so it goes back to the contributors', () => {
    const settlement = run(poolGateway, { to: 'earning-providers' }, failed);
    const pool = settlement.pools[0]!;
    expect(pool.forfeitedTo.rule).toContain('no provider earned');
    expect(pool.forfeitedTo.parts).toEqual([
      { party: 'a', amount: '50000.00' },
      { party: 'b', amount: '30000.00' },
      { party: 'c', amount: '20000.00' },
      { party: 'icb', amount: '400000.00' },
    ]);
    expect(figures(settlement)).toEqual({
      a: ['0.00', '0.00', '50000.00'],
      b: ['0.00', '0.00', '30000.00'],
      c: ['0.00', '0.00', '20000.00'],
      icb: ['0.00', '0.00', '900000.00'],
    });
    expectConserved(settlement);
  });

  it('a pool gateway that is met forfeits nothing', () => {
    const settlement = run(poolGateway, { to: 'contributors' }, [value('safeguarding-audit', '1')]);
    const pool = settlement.pools[0]!;
    expect(settlement.gateways[0]!.met).toBe(true);
    expect(pool.earned).toBe('500000.00');
    expect(pool.forfeited).toBe('0.00');
    expect(pool.forfeitedTo.parts.every((p) => p.amount === '0.00')).toBe(true);
    expect(figures(settlement)).toEqual({
      a: ['250000.00', '0.00', '0.00'],
      b: ['150000.00', '0.00', '0.00'],
      c: ['100000.00', '0.00', '0.00'],
      icb: ['0.00', '0.00', '500000.00'],
    });
    expectConserved(settlement);
  });
});

describe('a provider gateway that b fails forfeits only b’s £150,000.00', () => {
  const gates = [
    value('data-returns', '1', { party: 'a' }),
    value('data-returns', '0', { party: 'b' }),
    value('data-returns', '1', { party: 'c' }),
  ];

  it('records each provider’s gateway, and forfeits b’s part only', () => {
    const settlement = run(providerGateway, { to: 'earning-providers' }, gates);
    expect(settlement.gateways.map((g) => [g.party, g.met])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
    const pool = settlement.pools[0]!;
    expect(pool.earnedByScore).toBe('500000.00');
    expect(pool.earned).toBe('350000.00'); // £250,000.00 + £100,000.00
    expect(pool.forfeited).toBe('150000.00');
    expect(partyOf(settlement, 'b').pools[0]!.forfeited).toBe('150000.00');
    expect(partyOf(settlement, 'a').pools[0]!.forfeited).toBe('0.00');
  });

  it('to earning providers: shared 250 : 100 by what a and c earned, the odd penny to a', () => {
    // £150,000.00 × 250/350 = £107,142.857142…; × 100/350 = £42,857.142857…
    // floors £107,142.85 + £42,857.14 = £149,999.99; the penny left goes to the larger remainder
    // (a: 0.714… of a penny, against c: 0.285…): a £107,142.86, c £42,857.14
    const settlement = run(providerGateway, { to: 'earning-providers' }, gates);
    const pool = settlement.pools[0]!;
    expect(pool.forfeitedTo.parts).toEqual([
      { party: 'a', amount: '107142.86' },
      { party: 'c', amount: '42857.14' },
    ]);
    expect(figures(settlement)).toEqual({
      a: ['250000.00', '107142.86', '0.00'],
      b: ['0.00', '0.00', '0.00'],
      c: ['100000.00', '42857.14', '0.00'],
      icb: ['0.00', '0.00', '500000.00'],
    });
    // a: £4,900,000.00 + £250,000.00 + £107,142.86; b: its guaranteed £2,940,000.00 only;
    // c: £1,960,000.00 + £100,000.00 + £42,857.14
    expect(partyOf(settlement, 'a').total).toBe('5257142.86');
    expect(partyOf(settlement, 'b').total).toBe('2940000.00');
    expect(partyOf(settlement, 'c').total).toBe('2102857.14');
    expect(pool.conservation).toEqual({ in: '1000000.00', out: '1000000.00', difference: '0.00' });
    expectConserved(settlement);
  });

  it('to contributors: £150,000.00 back 0.8 : 0.1 : 0.06 : 0.04, b included', () => {
    // ICB £120,000.00, a £15,000.00, b £9,000.00, c £6,000.00
    const settlement = run(providerGateway, { to: 'contributors' }, gates);
    expect(settlement.pools[0]!.forfeitedTo.parts).toEqual([
      { party: 'a', amount: '15000.00' },
      { party: 'b', amount: '9000.00' },
      { party: 'c', amount: '6000.00' },
      { party: 'icb', amount: '120000.00' },
    ]);
    expect(figures(settlement)).toEqual({
      a: ['250000.00', '0.00', '15000.00'],
      b: ['0.00', '0.00', '9000.00'],
      c: ['100000.00', '0.00', '6000.00'],
      icb: ['0.00', '0.00', '620000.00'],
    });
    expect(settlement.pools[0]!.conservation.difference).toBe('0.00');
    expectConserved(settlement);
  });

  it('to the commissioner: the ICB keeps b’s £150,000.00 with the unearned £500,000.00', () => {
    const settlement = run(providerGateway, { to: 'commissioner', party: 'icb' }, gates);
    expect(settlement.pools[0]!.forfeitedTo.parts).toEqual([{ party: 'icb', amount: '150000.00' }]);
    expect(figures(settlement)).toEqual({
      a: ['250000.00', '0.00', '0.00'],
      b: ['0.00', '0.00', '0.00'],
      c: ['100000.00', '0.00', '0.00'],
      icb: ['0.00', '0.00', '650000.00'],
    });
    expect(settlement.pools[0]!.conservation.difference).toBe('0.00');
    expectConserved(settlement);
  });
});

describe('a provider gateway with a missing measurement', () => {
  it('fails the provider when the policy is "fail"', () => {
    const settlement = run({ ...providerGateway, missing: 'fail' }, { to: 'commissioner', party: 'icb' }, [
      value('data-returns', '1', { party: 'a' }),
      value('data-returns', '1', { party: 'b' }),
    ]);
    expect(settlement.gateways.find((g) => g.party === 'c')).toMatchObject({ measured: null, met: false });
    // c's £100,000.00 is forfeited and kept by the ICB with the unearned £500,000.00
    expect(settlement.pools[0]!.forfeited).toBe('100000.00');
    expect(partyOf(settlement, 'icb').returned).toBe('600000.00');
    expectConserved(settlement);
  });

  it('is an error when no policy is declared', () => {
    expect(() =>
      run(providerGateway, undefined, [
        value('data-returns', '1', { party: 'a' }),
        value('data-returns', '1', { party: 'b' }),
      ]),
    ).toThrow(MeasurementError);
    try {
      run(providerGateway, undefined, [value('data-returns', '1', { party: 'a' })]);
      expect.unreachable();
    } catch (error) {
      expect((error as MeasurementError).issues.map((i) => i.code)).toEqual([
        'missing_measurement',
        'missing_measurement',
      ]);
    }
  });
});
