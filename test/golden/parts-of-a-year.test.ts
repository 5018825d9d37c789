import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineContract, settle, type ContractInput, type MeasurementInput } from '../../src/index.js';
import { icb, metric60to80, outcomePool, timeContract } from '../fixtures/time-contract.js';

// Parts of a contract year: a quarter, or a year to date, gets the year's amounts cut by the
// declared day count. These worked examples check that the cuts add up the way a finance officer
// adds them: four quarters to the year, and a year to date at a month end to the monthly
// instalments of the guaranteed payment already paid.

const pence = (amount: string | null | undefined) => BigInt((amount ?? '0').replace('.', ''));
const hackney = JSON.parse(
  readFileSync(new URL('../../examples/one-hackney-alliance/contract.json', import.meta.url), 'utf8'),
) as ContractInput & { periods: { id: string; kind?: string; start: string; end: string }[] };
const hackneyMeasurements = JSON.parse(
  readFileSync(new URL('../../examples/one-hackney-alliance/measurements.json', import.meta.url), 'utf8'),
) as MeasurementInput[];
const QUARTERS = [
  ['q1', '2026-04-01', '2026-06-30'],
  ['q2', '2026-07-01', '2026-09-30'],
  ['q3', '2026-10-01', '2026-12-31'],
  ['q4', '2027-01-01', '2027-03-31'],
] as const;

describe('a year to date at a month end', () => {
  const contract = defineContract(hackney);
  const monthEnds = ['2026-04-30', '2026-06-30', '2026-09-30', '2026-12-31', '2027-02-28'];

  it('has each provider’s guaranteed payment equal to the monthly instalments of it paid so far', () => {
    for (const asOf of monthEnds) {
      const s = settle(contract, hackneyMeasurements, { period: '2026-27', asOf });
      const monthly = s.paymentsOnAccount.find((p) => p.id === 'contract-value-monthly')!;
      for (const p of s.parties.filter((x) => x.role === 'provider')) {
        const paid = monthly.parties.find((r) => r.party === p.id)?.paid ?? '0.00';
        expect(p.guaranteed, `${p.id} to ${asOf}`).toBe(paid);
      }
    }
  });

  it('gives the acute trust £89,880,575.35 of its £179,270,000.00 guaranteed to 30 September', () => {
    // £182,000,000.00 less 1.5 % at risk (£2,730,000.00) = £179,270,000.00 guaranteed for the year.
    // April to September is 183 of 365 days: exactly £89,880,575.342…; the year's months are
    // split by their days with the largest-remainder rule and the six months to September get
    // £89,880,575.35, which is what the six monthly instalments paid. Before, the value and the
    // contribution were cut apart (£91,254,794.52 − £1,374,219.18) and the two differed by a penny.
    const s = settle(contract, hackneyMeasurements, { period: '2026-27', asOf: '2026-09-30' });
    const acute = s.parties.find((p) => p.id === 'acute')!;
    expect(acute.guaranteed).toBe('89880575.35');
    const monthly = s.paymentsOnAccount.find((p) => p.id === 'contract-value-monthly')!;
    expect(monthly.parties.find((r) => r.party === 'acute')!.paid).toBe('89880575.35');
  });
});

describe('four quarters of a year', () => {
  const withQuarters = {
    ...hackney,
    periods: [
      ...hackney.periods,
      ...QUARTERS.map(([id, start, end]) => ({ id, kind: 'quarter' as const, start, end })),
    ],
  };
  const contract = defineContract(withQuarters);
  const finals = hackneyMeasurements.filter((m) => m.period === '2026-27' && m.status === 'final');
  const all = [...finals, ...QUARTERS.flatMap(([id]) => finals.map((m) => ({ ...m, period: id })))];
  const year = settle(contract, all, { period: '2026-27' });
  const quarters = QUARTERS.map(([id]) => settle(contract, all, { period: id }));

  it('add up to the year’s contract value, money at risk and guaranteed payment for every party', () => {
    for (const p of year.parties) {
      for (const field of ['contractValue', 'contributed', 'guaranteed'] as const) {
        const sum = quarters.reduce((t, q) => t + pence(q.parties.find((x) => x.id === p.id)![field]), 0n);
        expect(sum, `${p.id} ${field}`).toBe(pence(p[field]));
      }
    }
  });

  it('put the GP confederation’s £186,000.00 at risk in parts adding up to it, not to £185,999.99', () => {
    // 1.5 % of £12,400,000.00 = £186,000.00 for the year, cut by days into the quarters. Before,
    // 1.5 % was taken of each quarter's cut value and rounded four times: £185,999.99 in all.
    const parts = quarters.map((q) => q.parties.find((x) => x.id === 'gp-confederation')!.contributed);
    expect(year.parties.find((x) => x.id === 'gp-confederation')!.contributed).toBe('186000.00');
    expect(parts.reduce((t, c) => t + pence(c), 0n)).toBe(18600000n);
    // each within a penny or two of its exact share: 186,000.00 × 91/365 = 46,372.60… (Q1)
    expect(Number(pence(parts[0]!) - 4637260n)).toBeGreaterThanOrEqual(-2);
    expect(Number(pence(parts[0]!) - 4637260n)).toBeLessThanOrEqual(2);
  });
});

describe('a joiner’s value in quarters', () => {
  const small = (joins: string, leaves?: string): ContractInput =>
    timeContract({
      id: 'east',
      name: 'East',
      term: { start: '2026-04-01', end: '2027-03-31' },
      periods: [
        { id: '2026-27', start: '2026-04-01', end: '2027-03-31' },
        ...QUARTERS.map(([id, start, end]) => ({ id, kind: 'quarter' as const, start, end })),
      ],
      parties: [
        icb(),
        { id: 'acute', name: 'Acute', role: 'provider', contractValue: '1000000.00' },
        {
          id: 'community',
          name: 'Community',
          role: 'provider',
          contractValue: '816712.96',
          joins,
          ...(leaves === undefined ? {} : { leaves }),
        },
      ],
      pools: [
        outcomePool({
          id: 'outcomes',
          name: 'Outcomes',
          contributions: [
            { party: 'acute', percentOfContractValue: '2' },
            { party: 'community', amount: '10000.00' },
          ],
          metrics: [metric60to80('ae', 'A&E')],
        }),
      ],
    });
  const measured = ['2026-27', ...QUARTERS.map(([id]) => id)].map((period): MeasurementInput => ({
    metric: 'ae',
    period,
    value: '72.5',
    status: 'final',
  }));
  const value = (c: ContractInput, period: string) =>
    settle(c, measured, { period }).parties.find((p) => p.id === 'community')!.contractValue!;

  it('is all in the quarter of its 17 days when it joins on 26 July and leaves on 11 August', () => {
    // 26 July to 11 August is 6 + 11 = 17 of 365 days: £816,712.96 × 17 / 365 = £38,038.685… → £38,038.69
    const c = small('2026-07-26', '2026-08-11');
    expect(value(c, '2026-27')).toBe('38038.69');
    expect(QUARTERS.map(([id]) => value(c, id))).toEqual(['0.00', '38038.69', '0.00', '0.00']);
  });

  it('adds up over the quarters to the year’s pro-rated value when it joins on 20 August', () => {
    // 20 August to 31 March is 12 + 30 + 31 + 30 + 31 + 31 + 28 + 31 = 224 of 365 days:
    // £816,712.96 × 224 / 365 = £501,215.624… → £501,215.62 for the year, rounded once.
    // That is cut from the days in force: Q2 42 of 224 days (exactly £93,977.93), Q3 92 (£205,856.42),
    // Q4 90 (£201,381.28). Before, each quarter was cut from the whole year and pro-rated again,
    // rounding twice, so the quarters could miss the year by a penny.
    const c = small('2026-08-20');
    expect(value(c, '2026-27')).toBe('501215.62');
    const parts = QUARTERS.map(([id]) => pence(value(c, id)));
    expect(parts[0]).toBe(0n);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(50121562n);
    const exact = [0n, 9397793n, 20585642n, 20138128n];
    parts.forEach((p, i) => expect(p - exact[i]! <= 2n && exact[i]! - p <= 2n).toBe(true));
  });
});

describe('a metric nobody in force can be paid for', () => {
  it('shows nothing earned on it, its pool’s earnings on the metrics that are paid', () => {
    // In the quarter-two year to date the pharmacy network has not joined. Make it the only
    // provider accountable for care plans: that metric scores 0.25 but nobody can be paid for it.
    const raw = structuredClone(hackney) as ContractInput & {
      pools: { metrics: { id: string; accountable?: string[] }[] }[];
    };
    raw.pools[0]!.metrics.find((m) => m.id === 'shared-care-plans')!.accountable = ['pharmacy'];
    const s = settle(defineContract(raw), hackneyMeasurements, {
      period: '2026-27',
      asOf: '2026-09-30',
      knownAt: '2026-10-31',
    });
    const earned = Object.fromEntries(s.metrics.map((m) => [m.id, m.earnedByScore]));
    expect(earned['shared-care-plans']).toBe('0.00');
    // the pool's amount is what is paid on the other metrics (at risk × score), rounded once:
    // deaths 779,028.50 × 0.5 = 389,514.25, transfers 623,222.80 × 0.5 = 311,611.40, admissions
    // 1,090,639.91 × 2/26.2 = 83,254.955…: 784,380.605… → 784,380.61, split over those three metrics.
    // Before, care plans were given 129,985.91 of it and the others less than they earned.
    expect(s.pools[0]!.earnedByScore).toBe('784380.61');
    expect(s.metrics.reduce((t, m) => t + pence(m.earnedByScore), 0n)).toBe(78438061n);
    expect(earned['death-usual-residence']).toBe('389514.25');
    expect(earned['delayed-transfers']).toBe('311611.40');
    for (const m of s.metrics.filter((x) => x.id !== 'shared-care-plans')) {
      const exact = (pence(m.atRisk) * BigInt(m.score.replace('.', '').padEnd(20, '0').slice(0, 20))) / 10n ** 19n;
      const off = pence(m.earnedByScore) - exact;
      expect(off >= -1n && off <= 1n, `${m.id}: ${m.earnedByScore}`).toBe(true);
    }
  });
});

describe('a partner leaving a pooled budget split by contribution', () => {
  it('bears its share of the overspend for the days it was in: 16 × 183/365 : 26', () => {
    // Wakefield: the partners add £297,500.01 after the underspends and the reserve, split by
    // contributions £26,000,000.00 (ICB) : £16,000,000.00 (council). The council leaves on 30
    // September, in force 183 of 365 days: weights 26,000,000 × 365 : 16,000,000 × 183 =
    // 9,490 : 2,928 (of 12,418). Council £297,500.01 × 2,928 / 12,418 = £70,146.5638… → £70,146.56;
    // ICB × 9,490 / 12,418 = £227,353.4461… → £227,353.45; together £297,500.01. Before, the
    // council bore 16 : 26 of it (£113,333.34) as if it had stayed all year.
    const raw = JSON.parse(
      readFileSync(new URL('../../examples/wakefield-pooled-budget/contract.json', import.meta.url), 'utf8'),
    ) as ContractInput;
    const measured = JSON.parse(
      readFileSync(new URL('../../examples/wakefield-pooled-budget/measurements.json', import.meta.url), 'utf8'),
    ) as MeasurementInput[];
    raw.parties = raw.parties.map((p) => (p.id === 'wakefield-council' ? { ...p, leaves: '2026-09-30' } : p));
    const s = settle(defineContract(raw), measured, { period: '2026-27' });
    const shared = (id: string) => s.parties.find((p) => p.id === id)!.shared;
    expect(shared('wakefield-council')).toBe('-70146.56');
    expect(shared('nhs-wakefield')).toBe('-227353.45');
  });
});
