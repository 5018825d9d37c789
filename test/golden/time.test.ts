import { describe, expect, it } from 'vitest';
import {
  defineContract,
  diffSettlements,
  proRata,
  restate,
  settle,
  splitIntoInstalments,
  type ContractInput,
  type MeasurementInput,
} from '../../src/index.js';
import { icb, metric60to80, outcomePool, timeContract } from '../fixtures/time-contract.js';

/*
 * Worked examples of time: instalments, joiners and leavers, payments on account with a year-end
 * reconciliation, a year to date, and a restatement. Rules: instalments split the year's amount
 * by the days (actual/actual) or months (twelfths) of each part with the largest-remainder rule;
 * equal parts give the spare minor units to the earliest parts (the documented tie-break: larger
 * weight, then smaller id, and an instalment's id is its start date). A party in force for part
 * of the year has its amounts multiplied by its days or months in force over the year's, rounded
 * half-up to the minor unit. Every figure below is worked by hand.
 */

const YEAR = { start: '2025-04-01', end: '2026-03-31' };
const sum = (amounts: string[]) => {
  const pence = amounts
    .reduce((s, a) => s + BigInt(a.replace('.', '')), 0n)
    .toString()
    .padStart(3, '0');
  return `${pence.slice(0, -2)}.${pence.slice(-2)}`;
};

describe('£1,000,000.00 paid in 12 monthly instalments', () => {
  it('is four of £83,333.34 (April to July) and eight of £83,333.33 with twelfths', () => {
    // 100,000,000 pence / 12 = 8,333,333 r 4: every month gets 8,333,333; the 4 spare pennies
    // go to equal remainders and weights, so to the smallest ids: 2025-04-01, -05-01, -06-01, -07-01.
    const parts = splitIntoInstalments({ amount: '1000000.00', currency: 'GBP' }, YEAR, {
      frequency: 'month',
      dayCount: 'twelfths',
    });
    expect(parts.map((p) => [p.due, p.amount])).toEqual([
      ['2025-04-01', '83333.34'],
      ['2025-05-01', '83333.34'],
      ['2025-06-01', '83333.34'],
      ['2025-07-01', '83333.34'],
      ['2025-08-01', '83333.33'],
      ['2025-09-01', '83333.33'],
      ['2025-10-01', '83333.33'],
      ['2025-11-01', '83333.33'],
      ['2025-12-01', '83333.33'],
      ['2026-01-01', '83333.33'],
      ['2026-02-01', '83333.33'],
      ['2026-03-01', '83333.33'],
    ]);
    expect(sum(parts.map((p) => p.amount))).toBe('1000000.00');
    expect(parts.filter((p) => p.unitsAdded === 1)).toHaveLength(4);
  });

  it('weighs each month by its days with actual/actual, the spare pennies to the largest remainders', () => {
    // 31-day month: 1,000,000 × 31/365 = 84,931.5068…; 30-day: 82,191.7808…; February: 76,712.3287…
    // floors: 7 × 84,931.50 + 4 × 82,191.78 + 76,712.32 = 999,999.94, so 6 pennies are left:
    // February (.8767) first, then the 31-day months (.6849 each, equal weights) by date: May,
    // July, August, October, December. January and March stay at 84,931.50.
    const parts = splitIntoInstalments({ amount: '1000000.00', currency: 'GBP' }, YEAR, {
      frequency: 'month',
      due: 'end',
    });
    expect(parts.map((p) => [p.due, p.amount])).toEqual([
      ['2025-04-30', '82191.78'],
      ['2025-05-31', '84931.51'],
      ['2025-06-30', '82191.78'],
      ['2025-07-31', '84931.51'],
      ['2025-08-31', '84931.51'],
      ['2025-09-30', '82191.78'],
      ['2025-10-31', '84931.51'],
      ['2025-11-30', '82191.78'],
      ['2025-12-31', '84931.51'],
      ['2026-01-31', '84931.50'],
      ['2026-02-28', '76712.33'],
      ['2026-03-31', '84931.50'],
    ]);
    expect(sum(parts.map((p) => p.amount))).toBe('1000000.00');
  });

  it('keeps a month-end anchor on month ends only when end-of-month is declared', () => {
    const period = { start: '2025-04-30', end: '2025-07-29' };
    const due = (monthEnd: 'clamp' | 'end-of-month') =>
      splitIntoInstalments({ amount: '300.00', currency: 'GBP' }, period, { frequency: 'month', monthEnd }).map(
        (p) => p.due,
      );
    expect(due('clamp')).toEqual(['2025-04-30', '2025-05-30', '2025-06-30']);
    expect(due('end-of-month')).toEqual(['2025-04-30', '2025-05-31', '2025-06-30']);
  });
});

const base = (overrides: Partial<ContractInput> = {}): ContractInput =>
  timeContract({
    id: 'time',
    name: 'Time',
    term: { start: '2025-04-01', end: '2027-03-31' },
    periods: [{ id: '2025-26', ...YEAR }],
    parties: [
      icb(),
      { id: 'trust', name: 'Trust', role: 'provider', contractValue: '10000000.00' },
      { id: 'joiner', name: 'Joiner', role: 'provider', contractValue: '3650000.00', joins: '2025-10-01' },
    ],
    pools: [
      outcomePool({
        contributions: [
          { party: 'trust', percentOfContractValue: '1' },
          { party: 'joiner', percentOfContractValue: '1' },
        ],
      }),
    ],
    ...overrides,
  });
const measured = (value: string, extra: Partial<MeasurementInput> = {}): MeasurementInput => ({
  metric: 'm',
  period: '2025-26',
  value,
  status: 'final',
  ...extra,
});

describe('a provider joining on 1 October 2025 into the year 1 April 2025 to 31 March 2026', () => {
  // in force 1 October to 31 March: 31 + 30 + 31 + 31 + 28 + 31 = 182 of 365 days
  const settlement = settle(base(), [measured('80')], { period: '2025-26' });
  const joiner = settlement.parties.find((p) => p.id === 'joiner')!;

  it('has its annual value of £3,650,000.00 pro-rated actual/actual to £1,820,000.00', () => {
    // 3,650,000.00 × 182 / 365 = 1,820,000.00 exactly
    expect(proRata({ start: '2025-10-01', end: YEAR.end }, YEAR)).toEqual({
      fraction: '182/365',
      text: '182 of 365 days (actual/actual)',
    });
    expect(joiner.contractValue).toBe('1820000.00');
    expect(settlement.resolution.inForce).toEqual([
      expect.objectContaining({ party: 'joiner', from: '2025-10-01', to: '2026-03-31', fraction: '182/365' }),
    ]);
    expect(settlement.trace[settlement.resolution.adjusted[0]!.trace]!.formula).toContain('182 of 365 days');
  });

  it('puts 1 % of the pro-rated value at risk and the pool still conserves', () => {
    // joiner 1 % × 1,820,000.00 = 18,200.00; trust 1 % × 10,000,000.00 = 100,000.00; funding 118,200.00;
    // a score of 1 earns it all, split by contract value 10,000,000 : 1,820,000 →
    // trust 100,000.00, joiner 18,200.00 (exact, no remainder)
    expect(joiner.contributed).toBe('18200.00');
    expect(joiner.guaranteed).toBe('1801800.00');
    expect(settlement.pools[0]!.funding).toBe('118200.00');
    expect(joiner.earned).toBe('18200.00');
    expect(settlement.parties.find((p) => p.id === 'trust')!.earned).toBe('100000.00');
    expect(settlement.pools[0]!.conservation.difference).toBe('0.00');
  });
});

describe('a participant of 6 of 12 months, twelfths', () => {
  it('gets $600,000.00 of a full-year $1,200,000.00, where actual/actual would give $604,931.51', () => {
    const contract = (dayCount: 'twelfths' | 'actual/actual'): ContractInput =>
      base({
        currency: 'USD',
        calendar: { dayCount },
        term: { start: '2025-01-01', end: '2025-12-31' },
        periods: [{ id: '2025', start: '2025-01-01', end: '2025-12-31' }],
        parties: [
          { id: 'cms', name: 'Payer', role: 'commissioner' },
          { id: 'aco', name: 'ACO participant', role: 'provider', contractValue: '1200000.00', joins: '2025-07-01' },
        ],
        pools: [
          outcomePool({
            contributions: [{ party: 'cms', amount: '1000.00' }],
            unearned: { to: 'commissioner', party: 'cms' },
          }),
        ],
      });
    const m = [{ metric: 'm', period: '2025', value: '80', status: 'final' as const }];
    // twelfths: July to December = 6 whole months of 12 → 1,200,000 × 6/12 = 600,000.00
    const twelfths = settle(contract('twelfths'), m, { period: '2025' });
    expect(twelfths.parties.find((p) => p.id === 'aco')!.contractValue).toBe('600000.00');
    expect(twelfths.resolution.inForce[0]!.proRata).toBe('6 of 12 months (twelfths)');
    // actual/actual: 184 of 365 days → 1,200,000 × 184/365 = 604,931.5068… → 604,931.51
    const actual = settle(contract('actual/actual'), m, { period: '2025' });
    expect(actual.parties.find((p) => p.id === 'aco')!.contractValue).toBe('604931.51');
  });
});

const advance = (overrides: Partial<ContractInput> = {}) =>
  defineContract(
    base({
      calendar: { dayCount: 'twelfths' },
      parties: [icb(), { id: 'provider', name: 'Provider', role: 'provider' }],
      pools: [
        outcomePool({ contributions: [{ party: 'icb', amount: '250000.00' }], distribution: { basis: 'equal' } }),
      ],
      paymentsOnAccount: [
        { id: 'in-advance', pays: 'outcome', pool: 'incentive', expected: '100', frequency: 'month' },
      ],
      ...overrides,
    }),
  );

describe('outcome money of £250,000.00 paid in advance in full', () => {
  const contract = advance();

  it('earns £150,000.00 at 72 % on a 60–80 % scale, so £100,000.00 is due back from the provider', () => {
    // score (72 − 60) / (80 − 60) = 0.6; earned 250,000.00 × 0.6 = 150,000.00;
    // paid on account: all twelve instalments, 250,000.00; balance 150,000.00 − 250,000.00 = −100,000.00
    const settlement = settle(contract, [measured('72')], { period: '2025-26' });
    const provider = settlement.parties.find((p) => p.id === 'provider')!;
    expect(provider.earned).toBe('150000.00');
    expect(provider.reconciliation).toEqual({
      entitlement: '150000.00',
      paidOnAccount: '250000.00',
      balance: '-100000.00',
      direction: 'due-from-party',
      trace: { paidOnAccount: 'party:provider:paidOnAccount', balance: 'party:provider:balance' },
    });
    // 250,000.00 / 12 = 20,833.33 r 4 pennies → April to July 20,833.34
    const schedule = settlement.paymentsOnAccount[0]!.parties[0]!;
    expect(schedule.year).toBe('250000.00');
    expect(schedule.instalments.map((i) => i.amount)).toEqual([
      ...Array(4).fill('20833.34'),
      ...Array(8).fill('20833.33'),
    ]);
    expect(settlement.parties.find((p) => p.id === 'icb')!.reconciliation).toBeNull();
  });

  it('settles the year to 30 September as provisional, with the first six instalments paid', () => {
    // the year's 250,000.00 over twelve equal months: April–July 20,833.34, then 20,833.33;
    // April–September: 4 × 20,833.34 + 2 × 20,833.33 = 125,000.02 of funding, and the same paid on account;
    // earned 125,000.02 × 0.6 = 75,000.012 → 75,000.01; balance 75,000.01 − 125,000.02 = −50,000.01
    const settlement = settle(contract, [measured('72', { status: 'provisional' })], {
      period: '2025-26',
      asOf: '2025-09-30',
    });
    const provider = settlement.parties.find((p) => p.id === 'provider')!;
    expect(settlement.status).toBe('provisional');
    expect(settlement.resolution.partOfYear).toBe('6 of 12 months (twelfths)');
    expect(settlement.pools[0]!.funding).toBe('125000.02');
    expect(provider.earned).toBe('75000.01');
    expect(provider.reconciliation!.paidOnAccount).toBe('125000.02');
    expect(provider.reconciliation!.balance).toBe('-50000.01');
  });

  it('withheld until the year end, pays nothing on account and the whole £150,000.00 is due', () => {
    const withheld = advance({
      paymentsOnAccount: [{ id: 'at-year-end', pays: 'outcome', pool: 'incentive', withheld: true }],
    });
    const provider = settle(withheld, [measured('72')], { period: '2025-26' }).parties.find(
      (p) => p.id === 'provider',
    )!;
    expect(provider.reconciliation!.paidOnAccount).toBe('0.00');
    expect(provider.reconciliation!.balance).toBe('150000.00');
  });

  it('pays 80 % of last year’s earnings on account when declared so', () => {
    // 80 % × 180,000.00 = 144,000.00 paid; 150,000.00 earned → 6,000.00 due to the provider
    const eighty = advance({
      paymentsOnAccount: [
        {
          id: 'eighty',
          pays: 'outcome',
          pool: 'incentive',
          expected: '80',
          expectedOf: { provider: '180000.00' },
          frequency: 'quarter',
        },
      ],
    });
    const provider = settle(eighty, [measured('72')], { period: '2025-26' }).parties.find((p) => p.id === 'provider')!;
    expect(provider.reconciliation!.paidOnAccount).toBe('144000.00');
    expect(provider.reconciliation!.balance).toBe('6000.00');
  });
});

describe('a restatement when a metric’s final value differs from its provisional one', () => {
  // Two metrics of equal weight, 125,000.00 at risk each, two providers sharing equally.
  // provisional: a = 72 → 0.6 → 75,000.00; b = 80 → 1 → 125,000.00; pool 200,000.00 → 100,000.00 each
  // final (revision 2): a = 76 → 0.8 → 100,000.00; pool 225,000.00 → 112,500.00 each
  // change in metric a's payment: +25,000.00, half to each provider: +12,500.00 each
  const contract = defineContract(
    base({
      parties: [icb(), { id: 'p1', name: 'P1', role: 'provider' }, { id: 'p2', name: 'P2', role: 'provider' }],
      pools: [
        outcomePool({
          contributions: [{ party: 'icb', amount: '250000.00' }],
          distribution: { basis: 'equal' },
          metrics: ['a', 'b'].map((id) => metric60to80(id, id)),
        }),
      ],
    }),
  );
  const provisional: MeasurementInput[] = [
    { metric: 'a', period: '2025-26', value: '72', status: 'provisional', revision: 1 },
    { metric: 'b', period: '2025-26', value: '80', status: 'provisional', revision: 1 },
  ];
  const final: MeasurementInput[] = [
    { metric: 'a', period: '2025-26', value: '76', status: 'final', revision: 2 },
    { metric: 'b', period: '2025-26', value: '80', status: 'final', revision: 2 },
  ];
  const before = settle(contract, provisional, { period: '2025-26' });
  const restatement = restate(before, contract, [...provisional, ...final]);

  it('keeps the provisional settlement and makes a final one', () => {
    expect(before.status).toBe('provisional');
    expect(restatement.previous).toBe(before);
    expect(restatement.settlement.status).toBe('final');
    expect(restatement.diff.kind).toBe('restatement');
    expect(restatement.settlement.parties.map((p) => [p.id, p.earned])).toEqual([
      ['icb', '0.00'],
      ['p1', '112500.00'],
      ['p2', '112500.00'],
    ]);
  });

  it('shows per party a difference equal to its part of the change in the metric’s payment', () => {
    const metricA = restatement.diff.metrics.find((m) => m.id === 'a')!;
    expect(metricA.changes.find((c) => c.figure === 'earnedByScore')).toMatchObject({
      from: '75000.00',
      to: '100000.00',
      difference: '25000.00',
    });
    expect(restatement.diff.metrics.find((m) => m.id === 'b')).toBeUndefined();
    for (const id of ['p1', 'p2']) {
      const earned = restatement.diff.parties.find((p) => p.id === id)!.changes.find((c) => c.figure === 'earned')!;
      expect(earned).toMatchObject({ from: '100000.00', to: '112500.00', difference: '12500.00' });
    }
    // the commissioner keeps what is unearned: 250,000.00 − 225,000.00 = 25,000.00 instead of 50,000.00
    const icb = restatement.diff.parties.find((p) => p.id === 'icb')!;
    expect(icb.changes.find((c) => c.figure === 'returned')!.difference).toBe('-25000.00');
  });

  it('traces every change to the revision of the measurement', () => {
    const earned = restatement.diff.parties.find((p) => p.id === 'p1')!.changes.find((c) => c.figure === 'earned')!;
    expect(earned.because).toContain('metric:a:measured');
    const origin = restatement.diff.origins.find((o) => o.node === 'metric:a:measured')!;
    expect(origin).toMatchObject({ from: '72', to: '76' });
    expect(origin.inputs).toEqual(
      expect.arrayContaining([
        { name: 'value', from: '72', to: '76' },
        { name: 'status', from: 'provisional', to: 'final' },
        { name: 'revision', from: '1', to: '2' },
      ]),
    );
    expect(restatement.diff.measurements.map((m) => [m.metric, m.from?.revision, m.to?.revision])).toEqual([
      ['a', 1, 2],
      ['b', 1, 2],
    ]);
  });

  it('compares two different settlements the same way', () => {
    const diff = diffSettlements(before, restatement.settlement);
    expect(diff).toEqual(restatement.diff);
  });
});
