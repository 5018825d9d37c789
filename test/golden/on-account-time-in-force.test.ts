import { describe, expect, it } from 'vitest';
import { defineContract, settle, type ContractInput, type MeasurementInput, type Settlement } from '../../src/index.js';
import { icb, outcomePool, timeContract } from '../fixtures/time-contract.js';

/*
 * Worked examples of payments on account for a party in force for part of the year, and for a
 * year a variation changes part-way. Rules (README, "Time: the year, payments on account,
 * restatements"):
 * - a declared `expectedOf` amount is for a whole year: a joiner or leaver is paid it × its time in
 *   force (the declared day count), rounded half-up once, like its contract value;
 * - declared instalments: the months that overlap the party's time in force, cut to it, their
 *   percentages re-weighted to 100 % (largest remainder); none → one instalment of the whole amount
 *   on its first day in force (its last with `due: "end"`);
 * - each instalment follows the version of the contract in force on the day it falls due.
 * The year is 1 April 2026 to 31 March 2027: 365 days. Every figure is worked by hand.
 */

const YEAR = { start: '2026-04-01', end: '2027-03-31' };

type Schedule = NonNullable<ContractInput['paymentsOnAccount']>[number];
type Party = ContractInput['parties'][number];

/** An incentive pool of £120,000.00 paid by the ICB, split equally between the providers in force. */
const contract = (parts: {
  providers: Party[];
  schedule: Schedule;
  dayCount?: 'actual/actual' | 'twelfths';
  variations?: ContractInput['variations'];
}): ContractInput =>
  timeContract({
    id: 'on-account',
    name: 'On account',
    term: YEAR,
    periods: [{ id: '2026-27', ...YEAR }],
    calendar: { dayCount: parts.dayCount ?? 'actual/actual' },
    parties: [icb(), ...parts.providers],
    pools: [outcomePool({ contributions: [{ party: 'icb', amount: '120000.00' }], distribution: { basis: 'equal' } })],
    paymentsOnAccount: [parts.schedule],
    ...(parts.variations ? { variations: parts.variations } : {}),
  });

const provider = (id: string, extra: Partial<Party> = {}): Party => ({
  id,
  name: `Provider ${id}`,
  role: 'provider',
  contractValue: '1000000.00',
  ...extra,
});

const measurements: MeasurementInput[] = [{ metric: 'm', period: '2026-27', value: '80', status: 'final' }];

const rowOf = (s: Settlement, party: string) => {
  const row = s.paymentsOnAccount[0]!.parties.find((r) => r.party === party);
  if (!row) throw new Error(`no row for ${party}`);
  return row;
};
const pence = (amount: string) => BigInt(amount.replace('.', ''));
const total = (amounts: string[]) => amounts.reduce((s, a) => s + pence(a), 0n);

describe('80 % of a declared £1,200,000.00 (last year’s earnings) paid on account monthly', () => {
  const eighty = (party: Party): Schedule => ({
    id: 'eighty',
    pays: 'outcome',
    pool: 'incentive',
    expected: '80',
    expectedOf: { [party.id]: '1200000.00', stays: '100000.00' },
    frequency: 'month',
  });

  it('pays a provider leaving on 30 September half of £960,000.00 in twelfths: six instalments of £80,000.00', () => {
    // in force April to September: 6 of 12 months; 1,200,000.00 × 80 % × 6/12 = 480,000.00, rounded once;
    // six equal months: 480,000.00 / 6 = 80,000.00 each, due 1 April to 1 September
    const leaver = provider('acute', { leaves: '2026-09-30' });
    const s = settle(
      defineContract(
        contract({
          providers: [leaver, provider('stays')],
          schedule: eighty(leaver),
          dayCount: 'twelfths',
        }),
      ),
      measurements,
      { period: '2026-27' },
    );
    const row = rowOf(s, 'acute');
    expect(row.year).toBe('480000.00');
    expect(row.instalments.map((i) => [i.due, i.amount])).toEqual([
      ['2026-04-01', '80000.00'],
      ['2026-05-01', '80000.00'],
      ['2026-06-01', '80000.00'],
      ['2026-07-01', '80000.00'],
      ['2026-08-01', '80000.00'],
      ['2026-09-01', '80000.00'],
    ]);
    expect(row.paid).toBe('480000.00');
    // the party in force all year keeps 80 % of 100,000.00 = 80,000.00
    expect(rowOf(s, 'stays').year).toBe('80000.00');
    // traced: the declared amount, the percentage and the time in force
    const node = s.trace[row.trace.year]!;
    expect(node.formula).toBe(
      "80 % of the declared amount × 1/2 for acute's time in force 2026-04-01 to 2026-09-30 (6 of 12 months (twelfths)), rounded half-up once",
    );
    expect(node.inputs).toContainEqual({ name: 'time in force', value: '6 of 12 months (twelfths)' });
  });

  it('pays the same leaver £481,315.07 by actual days: 183 of 365', () => {
    // April 30 + May 31 + June 30 + July 31 + August 31 + September 30 = 183 days;
    // 960,000.00 × 183/365 = 481,315.0684… → 481,315.07 (half-up, once)
    // monthly by days, in pence: 48,131,507 × 30/183 = 7,890,410.9836…, × 31/183 = 8,153,424.6831…;
    // floors 3 × 7,890,410 + 3 × 8,153,424 = 48,131,502: 5 pennies to the largest remainders,
    // .9836 (the three 30-day months) then .6831 (the two earliest 31-day months by date: May, July)
    const leaver = provider('acute', { leaves: '2026-09-30' });
    const s = settle(
      defineContract(contract({ providers: [leaver, provider('stays')], schedule: eighty(leaver) })),
      measurements,
      { period: '2026-27' },
    );
    const row = rowOf(s, 'acute');
    expect(row.year).toBe('481315.07');
    expect(row.instalments.map((i) => i.amount)).toEqual([
      '78904.11',
      '81534.25',
      '78904.11',
      '81534.25',
      '81534.24',
      '78904.11',
    ]);
    expect(total(row.instalments.map((i) => i.amount))).toBe(pence('481315.07'));
  });

  it('pays a provider joining on 1 October 182 of 365 days of it: £478,684.93, from 1 October', () => {
    // October 31 + November 30 + December 31 + January 31 + February 28 + March 31 = 182 days;
    // 960,000.00 × 182/365 = 478,684.9315… → 478,684.93
    const joiner = provider('acute', { joins: '2026-10-01' });
    const s = settle(
      defineContract(contract({ providers: [joiner, provider('stays')], schedule: eighty(joiner) })),
      measurements,
      { period: '2026-27' },
    );
    const row = rowOf(s, 'acute');
    expect(row.year).toBe('478684.93');
    expect(row.instalments[0]!.due).toBe('2026-10-01');
    expect(row.instalments).toHaveLength(6);
    expect(total(row.instalments.map((i) => i.amount))).toBe(pence('478684.93'));
    expect(row.paid).toBe('478684.93');
  });
});

describe('declared instalments of 50 % in months 1 (April) and 4 (July)', () => {
  const twoInstalments = (due?: 'start' | 'end'): Schedule => ({
    id: 'two',
    pays: 'outcome',
    pool: 'incentive',
    expected: '100',
    instalments: [
      { month: 1, percent: '50' },
      { month: 4, percent: '50' },
    ],
    ...(due ? { due } : {}),
  });

  it('pays a provider joining on 1 October, after both, its whole amount on its first day in force', () => {
    // the pool's 120,000.00 split equally, weighted by time in force: stays 365 days, joiner 182:
    // joiner's full-score earnings 120,000.00 × 182/547 = 39,926.8738… → 39,926.87 (largest remainder);
    // no declared month overlaps 1 October to 31 March, so one instalment of 39,926.87 due 1 October
    const s = settle(
      defineContract(
        contract({
          providers: [provider('joiner', { joins: '2026-10-01' }), provider('stays')],
          schedule: twoInstalments(),
        }),
      ),
      measurements,
      { period: '2026-27' },
    );
    const row = rowOf(s, 'joiner');
    expect(row.year).toBe('39926.87');
    expect(row.instalments).toEqual([
      { due: '2026-10-01', start: '2026-10-01', end: '2027-03-31', amount: '39926.87', unitsAdded: 0 },
    ]);
    expect(row.paid).toBe('39926.87');
    // the provider in force all year: 120,000.00 − 39,926.87 = 80,073.13, 50/50 → 40,036.57 + 40,036.56
    // (the odd penny to the earlier of equal weights)
    expect(rowOf(s, 'stays').instalments.map((i) => [i.due, i.amount])).toEqual([
      ['2026-04-01', '40036.57'],
      ['2026-07-01', '40036.56'],
    ]);
  });

  it('pays it on its last day in force when instalments fall due at the end of their month', () => {
    const s = settle(
      defineContract(
        contract({
          providers: [provider('joiner', { joins: '2026-10-01' }), provider('stays')],
          schedule: twoInstalments('end'),
        }),
      ),
      measurements,
      { period: '2026-27' },
    );
    expect(rowOf(s, 'joiner').instalments.map((i) => [i.due, i.amount])).toEqual([['2027-03-31', '39926.87']]);
  });

  it('re-weights the July instalment to 100 % for a provider joining on 15 May, due on 1 July', () => {
    // in force 15 May to 31 March: 17 + 30 + 31×2 + 30 + 31 + 30 + 31×2 + 28 + 31 = 321 days;
    // full-score earnings 120,000.00 × 321/686 = 56,151.6034… = 56,151.6034…, stays 120,000.00 × 365/686
    // = 63,848.3965…: floors 56,151.60 + 63,848.39, the spare penny to the larger remainder (.65 of a penny, stays)
    // only July overlaps (April does not): 50 % of 50 % → 100 %, the whole 56,151.60 due 1 July
    const s = settle(
      defineContract(
        contract({
          providers: [provider('joiner', { joins: '2026-05-15' }), provider('stays')],
          schedule: twoInstalments(),
        }),
      ),
      measurements,
      { period: '2026-27' },
    );
    const row = rowOf(s, 'joiner');
    expect(row.instalments.map((i) => [i.due, i.amount])).toEqual([['2026-07-01', row.year]]);
    expect(row.year).toBe('56151.60');
  });

  it('cuts an instalment to the days in force of a provider joining mid-month: due on the day it joins', () => {
    // joins 15 July: only July overlaps, cut to 15–31 July, due 15 July (not 1 July, before it joined)
    const s = settle(
      defineContract(
        contract({
          providers: [provider('joiner', { joins: '2026-07-15' }), provider('stays')],
          schedule: twoInstalments(),
        }),
      ),
      measurements,
      { period: '2026-27' },
    );
    const [only, ...rest] = rowOf(s, 'joiner').instalments;
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ due: '2026-07-15', start: '2026-07-15', end: '2026-07-31' });
  });

  it('pays a provider leaving on 31 May its whole amount in April, the July instalment falling after it leaves', () => {
    // in force April and May: 61 days; 120,000.00 × 61/426 = 17,183.0985… → 17,183.10 (largest remainder);
    // only April overlaps: re-weighted to 100 %
    const s = settle(
      defineContract(
        contract({
          providers: [provider('leaver', { leaves: '2026-05-31' }), provider('stays')],
          schedule: twoInstalments(),
        }),
      ),
      measurements,
      { period: '2026-27' },
    );
    const row = rowOf(s, 'leaver');
    expect(row.year).toBe('17183.10');
    expect(row.instalments.map((i) => [i.due, i.amount])).toEqual([['2026-04-01', '17183.10']]);
  });
});

describe('a variation part-way through the year', () => {
  // twelfths, so that every month is 1/12 of the year
  const leaving: Party[] = [provider('voluntary', { contractValue: '1200000.00' }), provider('stays')];
  const leavesInDecember = contract({
    providers: leaving,
    schedule: { id: 'guaranteed', pays: 'guaranteed', parties: ['voluntary'], frequency: 'month' },
    dayCount: 'twelfths',
    variations: [
      {
        id: 'var-1',
        effectiveFrom: '2026-10-01',
        version: '1.1',
        clause: 'Deed of Variation 1',
        changes: [{ path: 'parties/voluntary/leaves', value: '2026-12-31' }],
      },
    ],
  });

  it('stops paying a provider on account after the last day in force a variation gives it', () => {
    // version 1 (April to September): in force all year, 1,200,000.00 / 12 = 100,000.00 a month: April–September 600,000.00;
    // version 1.1 (from 1 October): leaves 31 December, 9 of 12 months: 1,200,000.00 × 9/12 = 900,000.00 over
    // April–December, 100,000.00 a month: October–December 300,000.00; nothing from January.
    // Year amount on account 600,000.00 + 300,000.00 = 900,000.00
    const s = settle(defineContract(leavesInDecember), measurements, { period: '2026-27' });
    const row = rowOf(s, 'voluntary');
    expect(row.instalments.map((i) => i.due)).toEqual([
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
      '2026-09-01',
      '2026-10-01',
      '2026-11-01',
      '2026-12-01',
    ]);
    expect(new Set(row.instalments.map((i) => i.amount))).toEqual(new Set(['100000.00']));
    expect(row.year).toBe('900000.00');
    expect(row.paid).toBe('900000.00');
    // its entitlement: guaranteed 1,200,000.00 × 6/12 (April–September, version 1) + the October–March half of
    // 1,200,000.00 (600,000.00) × 3/6 for October–December (version 1.1) = 900,000.00; earned at 80 % (score 1):
    // April–September 120,000.00 × 6/12 = 60,000.00 split equally: 30,000.00; October–March 60,000.00 split 3:6
    // by months in force with the provider staying: 20,000.00; total 950,000.00, so 50,000.00 is due to it
    const voluntary = s.parties.find((p) => p.id === 'voluntary')!;
    expect(voluntary.reconciliation).toMatchObject({
      entitlement: '950000.00',
      paidOnAccount: '900000.00',
      balance: '50000.00',
    });
    // traced to each version's year amount (the settlement is split at the variation: its nodes are kept per part)
    const node = s.trace[row.trace.year]!;
    expect(node.inputs.map((i) => [i.name, i.value])).toEqual([
      ['version 1, due 2026-04-01 to 2026-09-30: 6 instalment(s) of its year amount 1200000.00', '600000.00'],
      ['version 1.1, due 2026-10-01 to 2027-03-31: 3 instalment(s) of its year amount 900000.00', '300000.00'],
    ]);
    const [first, second] = node.inputs.map((i) => s.trace[i.node!]!);
    expect(first!.id).toMatch(/onAccount:guaranteed:voluntary:year:2026-04-01$/);
    expect(second!.label).toContain('version 1.1');
    expect(second!.formula).toBe('contract value − money at risk in outcome pools');
    // and what was paid to each part of the period
    expect(s.trace[row.trace.paid]!.inputs.map((i) => [i.name, i.value])).toEqual([
      ['from 2026-04-01', '600000.00'],
      ['from 2026-10-01', '300000.00'],
    ]);
  });

  const eightyThenHundred = contract({
    providers: [provider('acute')],
    schedule: {
      id: 'incentive',
      pays: 'outcome',
      pool: 'incentive',
      expected: '80',
      expectedOf: { acute: '120000.00' },
      frequency: 'month',
    },
    dayCount: 'twelfths',
    variations: [
      {
        id: 'var-1',
        effectiveFrom: '2026-10-01',
        version: '1.1',
        changes: [{ path: 'paymentsOnAccount/incentive/expected', value: '100' }],
      },
    ],
  });

  it('pays at the expected achievement a variation sets from the day it takes effect', () => {
    // version 1: 80 % × 120,000.00 = 96,000.00 a year, 8,000.00 a month, April–September: 48,000.00
    // version 1.1: 100 % × 120,000.00 = 120,000.00 a year, 10,000.00 a month, October–March: 60,000.00
    // year amount on account: 48,000.00 + 60,000.00 = 108,000.00
    const s = settle(defineContract(eightyThenHundred), measurements, { period: '2026-27' });
    const row = rowOf(s, 'acute');
    expect(row.instalments.map((i) => i.amount)).toEqual([...Array(6).fill('8000.00'), ...Array(6).fill('10000.00')]);
    expect(row.year).toBe('108000.00');
    expect(s.parties.find((p) => p.id === 'acute')!.reconciliation!.paidOnAccount).toBe('108000.00');
  });

  it('pays a year to 30 November six instalments of the first version and two of the second', () => {
    // 6 × 8,000.00 + 2 × 10,000.00 = 68,000.00 (October and November under version 1.1)
    const s = settle(defineContract(eightyThenHundred), measurements, { period: '2026-27', asOf: '2026-11-30' });
    expect(rowOf(s, 'acute').paid).toBe('68000.00');
    expect(s.parties.find((p) => p.id === 'acute')!.reconciliation!.paidOnAccount).toBe('68000.00');
  });

  it('pays the same when the year is settled by the version at its start', () => {
    // the way a period spanning a variation is settled changes the entitlement, not when instalments fall due
    const s = settle(defineContract({ ...eightyThenHundred, variationsInPeriod: 'version-at-start' }), measurements, {
      period: '2026-27',
    });
    expect(rowOf(s, 'acute').year).toBe('108000.00');
  });
});
