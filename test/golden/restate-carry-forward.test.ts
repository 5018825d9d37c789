import { describe, expect, it } from 'vitest';
import {
  ContractError,
  defineContract,
  diffSettlements,
  restate,
  settle,
  type ContractInput,
  type MeasurementInput,
  type Settlement,
} from '../../src/index.js';
import { resealed } from '../fixtures/resealed.js';
import { twoYearsCarriedForward, twoYearsDeficitCarriedForward } from '../fixtures/time-contract.js';

/*
 * Money carried forward between contract years, restated and settled in parts of a year. The ICB
 * puts £100,000.00 a year into an outcome pool for one provider; what is not earned is carried
 * into the next year's funding (Schedule 4 para 6). 2025-26: 190 against a baseline of 200 is a
 * 5 % improvement → score 0.5 → earned 50,000.00, carried forward 50,000.00. 2026-27 is scored
 * against a rebased baseline of 180.
 */

const quarters = [
  { id: '2026-27-q1', start: '2026-04-01', end: '2026-06-30' },
  { id: '2026-27-q2', start: '2026-07-01', end: '2026-09-30' },
  { id: '2026-27-q3', start: '2026-10-01', end: '2026-12-31' },
  { id: '2026-27-q4', start: '2027-01-01', end: '2027-03-31' },
];

const twoYears = (overrides: Partial<ContractInput> = {}) =>
  defineContract(
    twoYearsCarriedForward(
      { clause: 'Schedule 4 para 6', parts: quarters.map((q) => ({ ...q, kind: 'quarter' as const })) },
      overrides,
    ),
  );

const measured = (period: string, value: string, extra: Partial<MeasurementInput> = {}): MeasurementInput => ({
  metric: 'admissions',
  period,
  value,
  status: 'final',
  ...extra,
});

const codes = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ContractError);
    return (error as ContractError).issues.map((i) => [i.path, i.code]);
  }
  return expect.unreachable('expected a ContractError');
};

const c = twoYears();
const y1 = settle(c, [measured('2025-26', '190')], { period: '2025-26' });

describe('a restatement of a year that brought money forward', () => {
  // 2026-27 provisional, revision 1: 171 against 180 is a 5 % improvement → 0.5; funding
  // 100,000.00 + 50,000.00 brought forward = 150,000.00 → earned 75,000.00.
  // Final, revision 2: 162 is a 10 % improvement → 1 → earned all 150,000.00.
  const provisional = [measured('2026-27', '171', { status: 'provisional', revision: 1 })];
  const final = [...provisional, measured('2026-27', '162', { revision: 2 })];
  const y2 = settle(c, provisional, { period: '2026-27', broughtForward: y1 });

  it('records on the settlement what it brought forward, and from which settlement', () => {
    expect(y2.resolution.broughtForward).toEqual({
      from: { period: '2025-26', inputsHash: y1.inputsHash, settlementHash: y1.settlementHash },
      pools: [{ pool: 'incentive', amount: '50000.00' }],
    });
    expect(y2.pools[0]).toMatchObject({ funding: '150000.00', broughtForward: '50000.00', earned: '75000.00' });
  });

  it('brings the same £50,000.00 forward again, so only the measurement moves the figures', () => {
    const { settlement, diff } = restate(y2, c, final);
    expect(settlement.pools[0]).toMatchObject({
      funding: '150000.00',
      broughtForward: '50000.00',
      earned: '150000.00',
    });
    expect(settlement.resolution.broughtForward).toEqual(y2.resolution.broughtForward);
    // earned 75,000.00 → 150,000.00, and nothing but the measured value is where it starts
    const provider = diff.parties.find((p) => p.id === 'provider')!;
    expect(provider.changes.find((ch) => ch.figure === 'earned')).toMatchObject({
      from: '75000.00',
      to: '150000.00',
      difference: '75000.00',
      because: ['metric:admissions:measured'],
    });
    expect(diff.origins.map((o) => o.node)).toEqual(['metric:admissions:measured']);
  });

  it('reproduces the previous settlement byte for byte on the same measurements', () => {
    const { settlement } = restate(y2, c, provisional);
    expect(JSON.stringify(settlement)).toBe(JSON.stringify(y2));
  });

  it('accepts the previous year’s settlement again, and checks it is the one brought forward', () => {
    const { settlement } = restate(y2, c, final, { broughtForward: y1 });
    expect(settlement.pools[0]!.funding).toBe('150000.00');
    expect(settlement.inputsHash).toBe(restate(y2, c, final).settlement.inputsHash);
  });

  it('refuses a different settlement of the previous year, or "none", naming both', () => {
    // 2025-26 restated at 195: 2.5 % → 0.25 → 25,000.00 earned, 75,000.00 carried
    const y1Revised = settle(c, [measured('2025-26', '195')], { period: '2025-26' });
    expect(y1Revised.pools[0]!.carriedForward).toBe('75000.00');
    expect(codes(() => restate(y2, c, final, { broughtForward: y1Revised }))).toEqual([
      ['options.broughtForward', 'different_brought_forward'],
    ]);
    expect(codes(() => restate(y2, c, final, { broughtForward: 'none' }))).toEqual([
      ['options.broughtForward', 'different_brought_forward'],
    ]);
    try {
      restate(y2, c, final, { broughtForward: y1Revised });
    } catch (error) {
      const message = (error as ContractError).issues[0]!.message;
      expect(message).toContain(`incentive 50000.00`);
      expect(message).toContain(`incentive 75000.00`);
      expect(message).toContain(y1.settlementHash.slice(0, 12));
    }
  });

  it('restates a settlement told there was nothing to bring with nothing again', () => {
    const none = settle(c, provisional, { period: '2026-27', broughtForward: 'none' });
    expect(none.resolution.broughtForward).toEqual({ from: null, pools: [] });
    const { settlement } = restate(none, c, final);
    // 162 → score 1 on the year's own 100,000.00
    expect(settlement.pools[0]).toMatchObject({ funding: '100000.00', broughtForward: '0.00', earned: '100000.00' });
    expect(settlement.resolution.broughtForward).toEqual({ from: null, pools: [] });
  });

  it('lets an older settlement that recorded nothing be restated with the year it left out', () => {
    // a settlement made before settlements recorded what they brought forward
    const none = settle(c, provisional, { period: '2026-27', broughtForward: 'none' });
    const { broughtForward: _recorded, ...resolution } = none.resolution;
    const older = resealed({ ...none, resolution }) as unknown as Settlement;
    expect(codes(() => restate(older, c, final))).toEqual([['options.broughtForward', 'carry_forward_missing']]);
    const { settlement, diff } = restate(older, c, final, { broughtForward: y1 });
    // funding 100,000.00 → 150,000.00, all earned at a score of 1
    expect(settlement.pools[0]).toMatchObject({ funding: '150000.00', earned: '150000.00' });
    expect(diff.parties.find((p) => p.id === 'provider')!.changes[0]).toMatchObject({
      figure: 'earned',
      from: '50000.00',
      to: '150000.00',
    });
  });

  it('restates a quarter-two provisional settlement as the year with the same money brought forward', () => {
    const q2 = settle(c, provisional, { period: '2026-27', asOf: '2026-09-30', broughtForward: y1 });
    const { settlement } = restate(q2, c, final, { period: '2026-27', asOf: '2027-03-31' });
    expect(settlement.pools[0]).toMatchObject({ funding: '150000.00', broughtForward: '50000.00' });
  });

  it('refuses to bring the money into a period of another year', () => {
    expect(codes(() => restate(y2, c, [measured('2025-26', '190')], { period: '2025-26' }))).toEqual([
      ['options.period', 'different_year'],
    ]);
  });
});

describe('money brought forward into part of a year', () => {
  // The year's 50,000.00 brought forward is split over the months by their days (365), with the
  // largest-remainder rule, like the year's contributions; each quarter adds up its months.
  // Exact pence: a 30-day month 5,000,000 × 30 / 365 = 410,958.90…, a 31-day month 424,657.53…,
  // February 383,561.64…. Floors add up to 4,999,992: the 8 pence left go to the largest
  // remainders: the four 30-day months (.90), February (.64), then three of the seven 31-day
  // months (.53, tied: earliest first: May, July, August).
  // Q1 Apr 410,959 + May 424,658 + Jun 410,959 = 12,465.76
  // Q2 Jul 424,658 + Aug 424,658 + Sep 410,959 = 12,602.75
  // Q3 Oct 424,657 + Nov 410,959 + Dec 424,657 = 12,602.73
  // Q4 Jan 424,657 + Feb 383,562 + Mar 424,657 = 12,328.76; the four add up to 50,000.00
  const ms = [measured('2025-26', '190'), measured('2026-27', '171'), ...quarters.map((q) => measured(q.id, '171'))];

  it('gives each quarter its part, and the four quarters add up to the year', () => {
    const parts = quarters.map((q) => settle(c, ms, { period: q.id, broughtForward: y1 }));
    expect(parts.map((s) => s.pools[0]!.broughtForward)).toEqual(['12465.76', '12602.75', '12602.73', '12328.76']);
    // Q1: contributions 24,931.51 (the year's 100,000.00 cut the same way) + 12,465.76 = 37,397.27;
    // 171 against 180 scores 0.5 → 18,698.635 → 18,698.64
    expect(parts[0]!.pools[0]).toMatchObject({ funding: '37397.27', earned: '18698.64' });
    const total = parts.reduce((sum, s) => sum + BigInt(s.pools[0]!.broughtForward.replace('.', '')), 0n);
    expect(total).toBe(5000000n);
    // every quarter records the year's amount and lists its cut with a trace node
    for (const s of parts) {
      expect(s.resolution.broughtForward!.pools).toEqual([{ pool: 'incentive', amount: '50000.00' }]);
      const cut = s.resolution.adjusted.find((a) => a.path === 'pools[incentive].broughtForward')!;
      expect(cut).toMatchObject({ declared: '50000.00', value: s.pools[0]!.broughtForward });
      expect(s.trace[cut.trace]!.formula).toContain(
        `brought forward from 2025-26 (settlement ${y1.settlementHash.slice(0, 12)})`,
      );
    }
  });

  it('gives the year to 30 September the first two quarters’ part: 12,465.76 + 12,602.75 = 25,068.51', () => {
    const ytd = settle(c, ms, { period: '2026-27', asOf: '2026-09-30', broughtForward: y1 });
    expect(ytd.status).toBe('provisional');
    expect(ytd.pools[0]!.broughtForward).toBe('25068.51');
    expect(ytd.resolution.partOfYear).toBe('183 of 365 days (actual/actual)');
  });

  it('splits it between the versions of a year varied part-way, adding up to the year', () => {
    // a variation from 1 October: April–September brings 25,068.51, October–March
    // 12,602.73 + 12,328.76 = 24,931.49; together 50,000.00
    const varied = twoYears({
      variations: [
        {
          id: 'var-1',
          effectiveFrom: '2026-10-01',
          version: '1.1',
          changes: [{ path: 'pools/incentive/metrics/admissions/scoring/max', value: '5' }],
        },
      ],
    });
    const y1Varied = settle(varied, ms, { period: '2025-26' });
    const year = settle(varied, ms, { period: '2026-27', broughtForward: y1Varied });
    expect(year.segments.map((s) => s.settlement.pools[0]!.broughtForward)).toEqual(['25068.51', '24931.49']);
    expect(year.resolution.broughtForward).toEqual({
      from: { period: '2025-26', inputsHash: y1Varied.inputsHash, settlementHash: y1Varied.settlementHash },
      pools: [{ pool: 'incentive', amount: '50000.00' }],
    });
  });

  it('recovers a quarter’s part of a deficit carried forward', () => {
    // £10,000,000.00 control total, the members' half of a 2025-26 deficit of 1,000,000.00
    // (−500,000.00) carried forward. Q1 2026-27 gets −124,657.54 of it (50,000,000 pence:
    // Apr 4,109,589 + May 4,246,576 + Jun 4,109,589, the 3 spare pence going to February, May and
    // July) and 2,493,150.69 of the budget. Outturn 2,000,000.00: variance
    // 2,493,150.69 − 2,000,000.00 − 124,657.54 = 368,493.15; the members' half 184,246.575 → 184,246.58,
    // 92,123.29 each; the ICB 368,493.15 − 184,246.58 = 184,246.57
    const deficit = defineContract(
      twoYearsDeficitCarriedForward([{ id: '2026-27-q1', kind: 'quarter', start: '2026-04-01', end: '2026-06-30' }]),
    );
    const spend = (period: string, value: string): MeasurementInput => ({
      metric: 'spend',
      period,
      value,
      status: 'final',
    });
    const first = settle(deficit, [spend('2025-26', '11000000.00')], { period: '2025-26' });
    const q1 = settle(deficit, [spend('2026-27-q1', '2000000.00')], { period: '2026-27-q1', broughtForward: first });
    expect(q1.riskShares[0]).toMatchObject({
      budget: '2493150.69',
      broughtForward: '-124657.54',
      variance: '368493.15',
      allianceShare: '184246.58',
    });
    expect(q1.parties.map((p) => [p.id, p.shared])).toEqual([
      ['a', '92123.29'],
      ['b', '92123.29'],
      ['icb', '184246.57'],
    ]);
    expect(codes(() => settle(deficit, [spend('2026-27-q1', '2000000.00')], { period: '2026-27-q1' }))).toEqual([
      ['options.broughtForward', 'carry_forward_missing'],
    ]);
  });
});

describe('a year after the first that leaves out what a pool carries forward', () => {
  const ms = [measured('2026-27', '162'), measured('2026-27-q1', '162')];

  it('is refused for the year and for its parts, naming the pool and the year to bring', () => {
    expect(codes(() => settle(c, ms, { period: '2026-27' }))).toEqual([
      ['options.broughtForward', 'carry_forward_missing'],
    ]);
    expect(codes(() => settle(c, ms, { period: '2026-27-q1' }))).toEqual([
      ['options.broughtForward', 'carry_forward_missing'],
    ]);
    expect(codes(() => settle(c, ms, { period: '2026-27', asOf: '2026-06-30' }))).toEqual([
      ['options.broughtForward', 'carry_forward_missing'],
    ]);
    try {
      settle(c, ms, { period: '2026-27' });
    } catch (error) {
      expect((error as ContractError).issues[0]!.message).toMatch(
        /pool 'incentive' carries money .* needs the settlement of '2025-26' as broughtForward \(or broughtForward: "none"/,
      );
    }
  });

  it('is refused when only forfeited money goes to the next year', () => {
    const pool = c.pools[0]!;
    const forfeits = twoYears({
      pools: [
        {
          ...(pool as object),
          unearned: { to: 'commissioner', party: 'icb' },
          forfeited: { to: 'next-year' },
        } as never,
      ],
    });
    expect(codes(() => settle(forfeits, ms, { period: '2026-27' }))).toEqual([
      ['options.broughtForward', 'carry_forward_missing'],
    ]);
  });

  it('is not needed in the first year, nor when no pool carries money', () => {
    expect(settle(c, [measured('2025-26', '190')], { period: '2025-26' }).resolution.broughtForward).toBeNull();
    const returns = twoYears({
      pools: [{ ...(c.pools[0] as object), unearned: { to: 'commissioner', party: 'icb' } } as never],
    });
    const year2 = settle(returns, ms, { period: '2026-27' });
    expect(year2.pools[0]!.funding).toBe('100000.00');
    expect(year2.resolution.broughtForward).toBeNull();
  });

  it('settles with broughtForward "none", recorded and part of the inputs hash', () => {
    const none = settle(c, ms, { period: '2026-27', broughtForward: 'none' });
    expect(none.pools[0]).toMatchObject({ funding: '100000.00', broughtForward: '0.00', earned: '100000.00' });
    expect(none.resolution.broughtForward).toEqual({ from: null, pools: [] });
    const withY1 = settle(c, ms, { period: '2026-27', broughtForward: y1 });
    expect(none.inputsHash).not.toBe(withY1.inputsHash);
  });

  it('records a previous year that carried nothing as brought forward from it, with no pools', () => {
    // 2025-26 at 180: a 10 % improvement → 1 → all 100,000.00 earned, nothing carried
    const allEarned = settle(c, [measured('2025-26', '180')], { period: '2025-26' });
    const next = settle(c, ms, { period: '2026-27', broughtForward: allEarned });
    expect(next.resolution.broughtForward).toEqual({
      from: { period: '2025-26', inputsHash: allEarned.inputsHash, settlementHash: allEarned.settlementHash },
      pools: [],
    });
    expect(next.pools[0]!.funding).toBe('100000.00');
    // diffing against the settlement told "none" shows nothing changed in the money
    expect(diffSettlements(settle(c, ms, { period: '2026-27', broughtForward: 'none' }), next).parties).toEqual([]);
  });
});
