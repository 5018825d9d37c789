import { describe, expect, it } from 'vitest';
import {
  ContractError,
  MeasurementError,
  defineContract,
  proRata,
  restate,
  settle,
  splitIntoInstalments,
  type Issue,
  type MeasurementInput,
  type PaymentOnAccount,
} from '../../src/index.js';
import { contractIssues, thrownBy } from './expect-issues.js';
import { baseContract, baseMeasurements, deepFreeze, mistake, PERIOD } from './fixtures.js';

/*
 * Bad input about time: each mistake a contract author or a data team could make is refused
 * with its path, a stable code and a message in words; several mistakes are reported at once;
 * and nothing given is changed.
 */

const pathsAndCodes = (issues: readonly Issue[]) => issues.map((i) => [i.path, i.code]);
const schedule = (s: Partial<PaymentOnAccount> & { id?: string }) =>
  ({ id: 'monthly', pays: 'guaranteed', frequency: 'month', ...s }) as PaymentOnAccount;

describe('periods and dates', () => {
  it('refuses a period outside the term', () => {
    const issues = contractIssues(
      mistake((c) => c.periods.push({ id: 'late', start: '2028-04-01', end: '2029-03-31' })),
    );
    expect(pathsAndCodes(issues)).toEqual([['periods[2]', 'period_outside_term']]);
    expect(issues[0]!.message).toMatch(/2028-04-01 to 2029-03-31 is not inside the term 2026-04-01 to 2028-03-31/);
  });

  it('refuses a quarter that lies in no contract year, and quarters that overlap', () => {
    const contract = mistake((c) => {
      c.periods = [
        { id: '2026-27', start: '2026-04-01', end: '2027-03-31' },
        { id: 'q-across', kind: 'quarter', start: '2027-02-01', end: '2027-04-30' },
        { id: 'q1', kind: 'quarter', start: '2026-04-01', end: '2026-06-30' },
        { id: 'q1-again', kind: 'quarter', start: '2026-06-01', end: '2026-08-31' },
      ];
    });
    const issues = contractIssues(contract);
    expect(pathsAndCodes(issues)).toEqual([
      ['periods[3]', 'periods_overlap'],
      ['periods[1]', 'period_outside_year'],
    ]);
    expect(issues[1]!.message).toMatch(/quarter 2027-02-01 to 2027-04-30 is not inside any contract year/);
  });

  it('accepts a quarter inside its year, overlapping the year itself', () => {
    expect(() =>
      defineContract(
        mistake((c) => c.periods.push({ id: 'q2', kind: 'quarter', start: '2026-07-01', end: '2026-09-30' })),
      ),
    ).not.toThrow();
  });

  it('refuses a leaver’s date before its joining date, and dates outside the term', () => {
    const issues = contractIssues(
      mistake((c) => {
        Object.assign(c.parties[1]!, { joins: '2026-10-01', leaves: '2026-09-30' });
        Object.assign(c.parties[2]!, { joins: '2025-01-01' });
      }),
    );
    expect(pathsAndCodes(issues)).toEqual([
      ['parties[1].leaves', 'leaves_before_joins'],
      ['parties[2].joins', 'date_outside_term'],
    ]);
    expect(issues[0]!.message).toBe("party 'acute' leaves on 2026-09-30, before it joins on 2026-10-01");
  });

  it('refuses a joining date that is not a real date', () => {
    const issues = contractIssues(mistake((c) => Object.assign(c.parties[1]!, { joins: '2026-02-30' })));
    expect(pathsAndCodes(issues)).toEqual([['parties[1].joins', 'invalid_date']]);
  });
});

describe('payments on account', () => {
  const withSchedules = (...schedules: PaymentOnAccount[]) => mistake((c) => (c.paymentsOnAccount = schedules));

  it('refuses instalments that do not cover the year', () => {
    const issues = contractIssues(
      withSchedules(
        schedule({
          frequency: undefined,
          instalments: Array.from({ length: 11 }, (_, i) => ({ month: i + 1, percent: '8.333333' })).concat([
            { month: 12, percent: '0' },
          ]),
        }),
      ),
    );
    expect(pathsAndCodes(issues)).toEqual([['paymentsOnAccount[0].instalments', 'instalments_not_100']]);
    expect(issues[0]!.message).toMatch(/add up to 91\.666663 % of the year, not 100 %/);
  });

  it('refuses the same month twice, a month 13, and a schedule that says neither how nor both', () => {
    const issues = contractIssues(
      withSchedules(
        schedule({
          frequency: undefined,
          instalments: [
            { month: 3, percent: '50' },
            { month: 3, percent: '50' },
          ],
        }),
        schedule({ id: 'nothing', pays: 'outcome', pool: 'outcomes', frequency: undefined }),
        schedule({
          id: 'both',
          pays: 'outcome',
          pool: 'outcomes',
          parties: ['acute'],
          instalments: [{ month: 13, percent: '100' }],
        }),
      ),
    );
    expect(pathsAndCodes(issues)).toEqual(
      expect.arrayContaining([
        ['paymentsOnAccount[2].instalments[0].month', 'too_big'],
        ['paymentsOnAccount[0].instalments[1].month', 'duplicate_instalment'],
        ['paymentsOnAccount[1]', 'missing_frequency'],
        ['paymentsOnAccount[2].instalments', 'conflicting_schedule'],
      ]),
    );
  });

  it('refuses outcome money without an outcome pool, and a pool that is not one', () => {
    const issues = contractIssues(
      withSchedules(
        schedule({ id: 'a', pays: 'outcome' }),
        schedule({ id: 'b', pays: 'outcome', pool: 'nope', parties: ['community'] }),
      ),
    );
    expect(pathsAndCodes(issues)).toEqual([
      ['paymentsOnAccount[0].pool', 'missing_pool'],
      ['paymentsOnAccount[1].pool', 'unknown_pool'],
    ]);
  });

  it('refuses paying a guaranteed payment twice, to a party without a contract value, or by a provider', () => {
    const issues = contractIssues(
      mistake((c) => {
        delete (c.parties[2] as { contractValue?: string }).contractValue;
        (c.pools[0] as { contributions: unknown[] }).contributions = [{ party: 'acute', percentOfContractValue: '2' }];
        (c.pools[0] as { distribution: unknown }).distribution = { basis: 'equal' };
        c.paymentsOnAccount = [
          schedule({ id: 'a', parties: ['acute', 'community'] }),
          schedule({ id: 'b', parties: ['acute'], payer: 'community' }),
        ];
      }),
    );
    expect(pathsAndCodes(issues)).toEqual([
      ['paymentsOnAccount[0].parties', 'missing_contract_value'],
      ['paymentsOnAccount[1].parties', 'duplicate_schedule'],
      ['paymentsOnAccount[1].payer', 'not_a_commissioner'],
    ]);
    expect(issues[1]!.message).toBe("'acute' is already paid its guaranteed payment on account by schedule 'a'");
  });

  it('asks which commissioner pays when there are two, and refuses expected amounts for parties not paid', () => {
    const issues = contractIssues(
      mistake((c) => {
        c.parties.push({ id: 'council', name: 'Council', role: 'commissioner' });
        c.paymentsOnAccount = [
          schedule({
            pays: 'outcome',
            pool: 'outcomes',
            parties: ['acute'],
            expectedOf: { community: '100.00' },
          }),
        ];
      }),
    );
    expect(pathsAndCodes(issues)).toEqual([
      ['paymentsOnAccount[0].payer', 'missing_payer'],
      ['paymentsOnAccount[0].expectedOf.community', 'unexpected_party'],
      ['paymentsOnAccount[0].expectedOf', 'missing_expected'],
    ]);
  });
});

describe('measurements over time', () => {
  const contract = () => defineContract(baseContract());
  const refused = (measurements: MeasurementInput[]) => {
    const error = thrownBy(() => settle(contract(), measurements, { period: PERIOD }));
    expect(error).toBeInstanceOf(MeasurementError);
    return (error as MeasurementError).issues;
  };
  const m = (extra: Partial<MeasurementInput>): MeasurementInput => ({
    metric: 'ae-4h',
    period: PERIOD,
    value: '70',
    status: 'final',
    ...extra,
  });

  it('refuses a measurement for a period that does not exist', () => {
    const issues = refused([...baseMeasurements(), m({ period: '2031-32' })]);
    expect(pathsAndCodes(issues)).toEqual([['measurements[2].period', 'unknown_period']]);
  });

  it('refuses the same figure twice under one revision, but keeps every revision and uses the highest', () => {
    expect(pathsAndCodes(refused([...baseMeasurements(), m({})]))).toEqual([
      ['measurements[2]', 'duplicate_measurement'],
    ]);
    const s = settle(
      contract(),
      [m({ revision: 2, value: '75' }), baseMeasurements()[1]!, m({ revision: 1, status: 'provisional', value: '61' })],
      { period: PERIOD },
    );
    expect(s.measurements.find((x) => x.metric === 'ae-4h')).toMatchObject({ revision: 2, value: '75' });
  });

  it('refuses a revision that goes backwards: provisional after final', () => {
    const issues = refused([
      baseMeasurements()[1]!,
      m({ revision: 2, status: 'final' }),
      m({ revision: 3, status: 'provisional', value: '71' }),
    ]);
    expect(pathsAndCodes(issues)).toEqual([['measurements[2].status', 'revision_backwards']]);
    expect(issues[0]!.message).toMatch(
      /revision 3 is provisional, but revision 2 \(measurements\[1\]\) was already final/,
    );
  });

  it('refuses a revision that is not a whole number of 1 or more', () => {
    expect(pathsAndCodes(refused([baseMeasurements()[1]!, m({ revision: 0 })]))).toEqual([
      ['measurements[1].revision', 'too_small'],
    ]);
    expect(refused([baseMeasurements()[1]!, m({ revision: 1.5 })])[0]!.path).toBe('measurements[1].revision');
  });

  it('refuses a restatement on an earlier revision than the one settled', () => {
    const settled = settle(contract(), [baseMeasurements()[1]!, m({ revision: 2 })], { period: PERIOD });
    const error = thrownBy(() => restate(settled, contract(), [baseMeasurements()[1]!, m({ revision: 1 })]));
    expect(error).toBeInstanceOf(MeasurementError);
    expect(pathsAndCodes((error as MeasurementError).issues)).toEqual([
      ['measurements[metric=ae-4h,period=2026-27]', 'revision_backwards'],
    ]);
  });

  it('refuses to restate a settlement of another contract', () => {
    const settled = settle(contract(), baseMeasurements(), { period: PERIOD });
    const error = thrownBy(() => restate(settled, { ...baseContract(), id: 'other' }, baseMeasurements()));
    expect(error).toBeInstanceOf(ContractError);
    expect(pathsAndCodes((error as ContractError).issues)).toEqual([['contract.id', 'different_contract']]);
  });
});

describe('settle options about time', () => {
  const code = (options: object) => {
    const error = thrownBy(() => settle(defineContract(baseContract()), baseMeasurements(), options as never));
    expect(error).toBeInstanceOf(ContractError);
    return pathsAndCodes((error as ContractError).issues);
  };

  it('refuses an asOf that is not a date or lies outside the period, and a knownAt that is not a date', () => {
    expect(code({ period: PERIOD, asOf: '2026-13-01' })).toEqual([['options.asOf', 'invalid_date']]);
    expect(code({ period: PERIOD, asOf: '2027-04-01' })).toEqual([['options.asOf', 'as_of_outside_period']]);
    expect(code({ period: PERIOD, knownAt: 20270531 })).toEqual([['options.knownAt', 'invalid_date']]);
  });

  it('lists every bad option at once', () => {
    expect(code({ period: PERIOD, asOf: 'soon', knownAt: 'later' })).toEqual([
      ['options.asOf', 'invalid_date'],
      ['options.knownAt', 'invalid_date'],
    ]);
  });
});

describe('the period helpers', () => {
  it('list every bad argument at once', () => {
    const error = thrownBy(() =>
      splitIntoInstalments(
        { amount: '10.001', currency: 'GBP' },
        { start: '2026-04-01', end: '2026-03-31' },
        {
          frequency: 'fortnight' as never,
        },
      ),
    );
    expect(error).toBeInstanceOf(ContractError);
    expect(pathsAndCodes((error as ContractError).issues)).toEqual([
      ['total.amount', 'too_many_decimals'],
      ['period.end', 'end_before_start'],
      ['options.frequency', 'invalid_option'],
    ]);
    const outside = thrownBy(() =>
      splitIntoInstalments(
        { amount: '1200.00', currency: 'GBP' },
        { start: '2026-04-01', end: '2027-03-31' },
        { frequency: 'quarter', active: { start: '2025-01-01', end: '2025-03-31' } },
      ),
    );
    expect(pathsAndCodes((outside as ContractError).issues)).toEqual([['options.active', 'active_outside_period']]);
    const other = thrownBy(() =>
      proRata(
        { start: 'soon', end: '2026-03-31' },
        { start: '2026-04-01', end: '2027-03-31' },
        { dayCount: '30/360' as never },
      ),
    );
    expect(pathsAndCodes((other as ContractError).issues)).toEqual([
      ['part.start', 'invalid_date'],
      ['options.dayCount', 'invalid_option'],
    ]);
  });
});

describe('nothing given is changed', () => {
  it('leaves a frozen contract with joiners, schedules and variations, and frozen measurements, as they were', () => {
    const contract = deepFreeze(
      mistake((c) => {
        Object.assign(c.parties[2]!, { joins: '2026-10-01' });
        c.paymentsOnAccount = [
          schedule({}),
          schedule({ id: 'incentive', pays: 'outcome', pool: 'outcomes', expected: '80' }),
        ];
        c.variations = [
          {
            id: 'v1',
            effectiveFrom: '2027-01-01',
            version: '2',
            changes: [{ path: 'pools/outcomes/metrics/ae-4h/scoring/max', value: '85' }],
          },
        ];
      }),
    );
    const measurements = deepFreeze(baseMeasurements());
    const copy = JSON.stringify([contract, measurements]);
    const s = settle(contract, measurements, { period: PERIOD, asOf: '2027-02-28' });
    expect(s.segments).toHaveLength(2);
    expect(JSON.stringify([contract, measurements])).toBe(copy);
  });
});
