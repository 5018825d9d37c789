import { afterEach, describe, expect, it } from 'vitest';
import {
  ContractError,
  MeasurementError,
  defineContract,
  proRata,
  restate,
  settle,
  splitIntoInstalments,
  validateContract,
  type ContractInput,
  type InstalmentOptions,
  type MeasurementInput,
  type Settlement,
  type Span,
} from '../../src/index.js';
import { baseContract, baseMeasurements, deepFreeze, mistake, PERIOD, poolOf } from './fixtures.js';
import { contractIssues, issue, thrownBy } from './expect-issues.js';

/*
 * Mistakes about time: periods and the term, joining and leaving dates, payments on account,
 * revisions of measurements, the dates given to `settle`, restatements and the period helpers.
 * Each is refused with its exact path, a stable code and a message naming the problem in words.
 * Every input is deep-frozen before the library sees it, and checked afterwards to be as it was.
 */

type Schedule = NonNullable<ContractInput['paymentsOnAccount']>[number];

/** Inputs handed to the library in this test, with what they were as JSON. */
const handed = new Map<object, string>();

/** Deep-freezes an input (so any write to it throws) and remembers it, to check after the test it is unchanged. */
function given<T extends object>(value: T): T {
  handed.set(value, JSON.stringify(value));
  return deepFreeze(value);
}

afterEach(() => {
  for (const [value, json] of handed) expect(JSON.stringify(value)).toBe(json);
  handed.clear();
});

/** The base contract with one mistake made by `edit`, frozen. */
const contractWith = (edit: (contract: ContractInput) => void): ContractInput => given(mistake(edit));

/** The base contract with these payment-on-account schedules, frozen. */
const withSchedules = (...schedules: Schedule[]): ContractInput =>
  contractWith((c) => {
    c.paymentsOnAccount = schedules;
  });

/** The base contract with one more period, frozen. */
const withPeriods = (...periods: ContractInput['periods']): ContractInput =>
  contractWith((c) => {
    c.periods.push(...periods);
  });

/** A measurement of 'ae-4h' in the settled period, with `fields` changed. */
const ae = (fields: Partial<MeasurementInput>): MeasurementInput => ({
  metric: 'ae-4h',
  period: PERIOD,
  value: '72.5',
  status: 'final',
  ...fields,
});

/** The valid measurement of the other metric, so only 'ae-4h' varies. */
const readmissions = (): MeasurementInput => baseMeasurements()[1]!;

/** The issues of the MeasurementError `settle` throws for these measurements and the base contract. */
function measurementIssues(measurements: MeasurementInput[]) {
  const error = thrownBy(() => settle(given(baseContract()), given(measurements), given({ period: PERIOD })));
  expect(error).toBeInstanceOf(MeasurementError);
  return (error as MeasurementError).issues;
}

/** The issues of the ContractError `run` throws. */
function contractErrorOf(run: () => unknown) {
  const error = thrownBy(run);
  expect(error).toBeInstanceOf(ContractError);
  return (error as ContractError).issues;
}

describe('periods and the term', () => {
  it('refuses a period that runs past the end of the term, giving both spans', () => {
    const contract = withPeriods({ id: '2028-29', start: '2028-04-01', end: '2029-03-31' });
    expect(contractIssues(contract)).toEqual([
      issue(
        'periods[2]',
        'period_outside_term',
        'period 2028-04-01 to 2029-03-31 is not inside the term 2026-04-01 to 2028-03-31',
      ),
    ]);
  });

  it('refuses a quarter that straddles two contract years, since there is no one year to cut it from', () => {
    const contract = withPeriods({ id: 'q-feb-apr', kind: 'quarter', start: '2027-02-01', end: '2027-04-30' });
    expect(contractIssues(contract)).toEqual([
      issue(
        'periods[2]',
        'period_outside_year',
        'quarter 2027-02-01 to 2027-04-30 is not inside any contract year',
        "no year's amount to cut it from",
      ),
    ]);
  });

  it('refuses two quarters that overlap, pointing at the later one and naming where the earlier ends', () => {
    const contract = withPeriods(
      { id: 'q1', kind: 'quarter', start: '2026-04-01', end: '2026-06-30' },
      { id: 'q2', kind: 'quarter', start: '2026-06-01', end: '2026-08-31' },
    );
    expect(contractIssues(contract)).toEqual([
      issue('periods[3]', 'periods_overlap', 'quarter starting 2026-06-01 overlaps the quarter ending 2026-06-30'),
    ]);
  });

  // Regression: each period is compared with the one reaching furthest so far, not only its
  // neighbour in start order, so q3 overlapping q1 (with q2 between them) is reported too.
  it('reports every quarter that overlaps another, not only one overlapping its neighbour', () => {
    const contract = withPeriods(
      { id: 'q1', kind: 'quarter', start: '2026-04-01', end: '2026-12-31' }, // a typo: should end 2026-06-30
      { id: 'q2', kind: 'quarter', start: '2026-07-01', end: '2026-09-30' },
      { id: 'q3', kind: 'quarter', start: '2026-10-01', end: '2026-12-31' },
    );
    expect(contractIssues(contract)).toEqual([
      issue('periods[3]', 'periods_overlap', 'quarter starting 2026-07-01 overlaps the quarter ending 2026-12-31'),
      issue('periods[4]', 'periods_overlap', 'quarter starting 2026-10-01 overlaps the quarter ending 2026-12-31'),
    ]);
  });

  it('accepts a quarter inside its contract year: a part of a year overlapping its year is no overlap', () => {
    const contract = withPeriods({ id: 'q2', kind: 'quarter', start: '2026-07-01', end: '2026-09-30' });
    expect(validateContract(contract)).toMatchObject({ success: true, issues: [] });
    expect(() => defineContract(contract)).not.toThrow();
  });
});

describe('joining and leaving dates', () => {
  it('refuses a party that leaves before it joins, at its leaving date', () => {
    const contract = contractWith((c) => {
      Object.assign(c.parties[1]!, { joins: '2026-10-01', leaves: '2026-09-30' });
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'parties[1].leaves',
        'leaves_before_joins',
        "party 'acute' leaves on 2026-09-30, before it joins on 2026-10-01",
      ),
    ]);
  });

  it.each([
    { field: 'joins', date: '2025-10-01', verb: 'joins' },
    { field: 'leaves', date: '2028-06-30', verb: 'leaves' },
  ])('refuses a party that $verb on $date, outside the term', ({ field, date, verb }) => {
    const contract = contractWith((c) => {
      Object.assign(c.parties[2]!, { [field]: date });
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        `parties[2].${field}`,
        'date_outside_term',
        `party 'community' ${verb} on ${date}, outside the term 2026-04-01 to 2028-03-31`,
      ),
    ]);
  });

  it('refuses a joining date that is not a real date (30 February), asking for YYYY-MM-DD', () => {
    const contract = contractWith((c) => {
      Object.assign(c.parties[1]!, { joins: '2025-02-30' });
    });
    expect(contractIssues(contract)).toEqual([
      issue('parties[1].joins', 'invalid_date', 'joining date must be a real date written YYYY-MM-DD', '"2025-02-30"'),
    ]);
  });
});

describe('payments on account', () => {
  it('refuses instalments that add up to 91.67 % (a month left out), saying what they add up to', () => {
    // a year of 11 × 8.33 % and 8.37 % in the last month, with month 11 forgotten
    const instalments = [
      ...Array.from({ length: 10 }, (_, i) => ({ month: i + 1, percent: '8.33' })),
      { month: 12, percent: '8.37' },
    ];
    const contract = withSchedules({ id: 'monthly', pays: 'guaranteed', instalments });
    expect(contractIssues(contract)).toEqual([
      issue(
        'paymentsOnAccount[0].instalments',
        'instalments_not_100',
        "the instalments of schedule 'monthly' add up to 91.67 % of the year, not 100 %",
        'must cover the year exactly',
      ),
    ]);
  });

  it('refuses the same month given twice, pointing at the second and naming the first', () => {
    const contract = withSchedules({
      id: 'half-yearly',
      pays: 'guaranteed',
      instalments: [
        { month: 1, percent: '50' },
        { month: 1, percent: '50' },
      ],
    });
    expect(contractIssues(contract)).toEqual([
      issue('paymentsOnAccount[0].instalments[1].month', 'duplicate_instalment', 'month 1 already has instalment 1'),
    ]);
  });

  it('refuses a schedule that gives neither a frequency, instalments nor withheld', () => {
    const contract = withSchedules({ id: 'monthly', pays: 'guaranteed' });
    expect(contractIssues(contract)).toEqual([
      issue(
        'paymentsOnAccount[0]',
        'missing_frequency',
        "schedule 'monthly' must say how it is paid",
        'a "frequency", declared "instalments", or "withheld": true',
      ),
    ]);
  });

  it('refuses a schedule that gives both a frequency and instalments', () => {
    const contract = withSchedules({
      id: 'monthly',
      pays: 'guaranteed',
      frequency: 'month',
      instalments: [{ month: 1, percent: '100' }],
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'paymentsOnAccount[0].instalments',
        'conflicting_schedule',
        'schedule \'monthly\' gives both "frequency" and "instalments"',
      ),
    ]);
  });

  it('refuses outcome money paid on account without naming the outcome pool', () => {
    const contract = withSchedules({ id: 'incentive', pays: 'outcome', frequency: 'quarter' });
    expect(contractIssues(contract)).toEqual([
      issue(
        'paymentsOnAccount[0].pool',
        'missing_pool',
        "schedule 'incentive' pays outcome money, so it must name its outcome pool",
      ),
    ]);
  });

  it('refuses outcome money from a pool the contract does not have', () => {
    const contract = withSchedules({ id: 'incentive', pays: 'outcome', pool: 'outcome', frequency: 'quarter' });
    expect(contractIssues(contract)).toEqual([
      issue('paymentsOnAccount[0].pool', 'unknown_pool', "'outcome' is not an outcome pool of this contract"),
    ]);
  });

  it('refuses outcome money from a pool that is not an outcome pool (a pooled budget)', () => {
    const contract = contractWith((c) => {
      c.pools.push({
        id: 's75',
        kind: 'pooled-budget',
        name: 'Section 75',
        contributions: [{ party: 'icb', amount: '1000.00' }],
        lines: [{ id: 'care', name: 'Care', budget: '1000.00', measure: 'care-spend' }],
        split: { basis: 'contribution' },
      });
      c.paymentsOnAccount = [{ id: 'incentive', pays: 'outcome', pool: 's75', frequency: 'quarter' }];
    });
    expect(contractIssues(contract)).toEqual([
      issue('paymentsOnAccount[0].pool', 'unknown_pool', "'s75' is not an outcome pool of this contract"),
    ]);
  });

  it('refuses paying the guaranteed payment on account to a provider that has no contract value', () => {
    const contract = contractWith((c) => {
      delete c.parties[2]!.contractValue;
      // split equally, so the only use of the community trust's contract value is the schedule
      poolOf(c).distribution = { basis: 'equal' };
      c.paymentsOnAccount = [{ id: 'monthly', pays: 'guaranteed', parties: ['community'], frequency: 'month' }];
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'paymentsOnAccount[0].parties',
        'missing_contract_value',
        "schedule 'monthly' pays 'community' its guaranteed payment, but 'community' has no contract value",
      ),
    ]);
  });

  it("refuses two schedules paying the same party's guaranteed payment, naming the first", () => {
    const contract = withSchedules(
      { id: 'monthly', pays: 'guaranteed', frequency: 'month' },
      { id: 'quarterly', pays: 'guaranteed', parties: ['acute'], frequency: 'quarter' },
    );
    expect(contractIssues(contract)).toEqual([
      issue(
        'paymentsOnAccount[1].parties',
        'duplicate_schedule',
        "'acute' is already paid its guaranteed payment on account by schedule 'monthly'",
      ),
    ]);
  });

  it('refuses a payer that is a provider', () => {
    const contract = withSchedules({ id: 'monthly', pays: 'guaranteed', payer: 'acute', frequency: 'month' });
    expect(contractIssues(contract)).toEqual([
      issue('paymentsOnAccount[0].payer', 'not_a_commissioner', "'acute' must be a commissioner here", 'a provider'),
    ]);
  });

  it('asks which commissioner pays when the contract has two', () => {
    const contract = contractWith((c) => {
      c.parties.push({ id: 'council', name: 'East Council', role: 'commissioner' });
      c.paymentsOnAccount = [{ id: 'monthly', pays: 'guaranteed', frequency: 'month' }];
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'paymentsOnAccount[0].payer',
        'missing_payer',
        "schedule 'monthly' must name its payer: the contract has 2 commissioners",
      ),
    ]);
  });

  it('refuses an expected amount for a party the schedule does not pay', () => {
    const contract = withSchedules({
      id: 'incentive',
      pays: 'outcome',
      pool: 'outcomes',
      parties: ['acute'],
      expected: '80',
      expectedOf: { acute: '20000.00', community: '10000.00' },
      frequency: 'quarter',
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'paymentsOnAccount[0].expectedOf.community',
        'unexpected_party',
        "'community' is not paid by schedule 'incentive'",
      ),
    ]);
  });

  it('refuses expected amounts per party that leave out a party the schedule pays', () => {
    const contract = withSchedules({
      id: 'incentive',
      pays: 'outcome',
      pool: 'outcomes',
      expectedOf: { acute: '20000.00' },
      frequency: 'quarter',
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'paymentsOnAccount[0].expectedOf',
        'missing_expected',
        "schedule 'incentive' gives no expected amount for 'community'",
      ),
    ]);
  });

  it('refuses a pool, an expected percentage and expected amounts on a guaranteed schedule, which pays no outcome money', () => {
    const contract = withSchedules({
      id: 'monthly',
      pays: 'guaranteed',
      pool: 'outcomes',
      expected: '80',
      expectedOf: { acute: '20000.00', community: '10000.00' },
      frequency: 'month',
    });
    expect(contractIssues(contract)).toEqual([
      issue(
        'paymentsOnAccount[0].pool',
        'unexpected_field',
        "schedule 'monthly' pays the guaranteed payment, which has no pool",
      ),
      issue(
        'paymentsOnAccount[0].expected',
        'unexpected_field',
        "schedule 'monthly' pays the guaranteed payment, which has no expected",
      ),
      issue(
        'paymentsOnAccount[0].expectedOf',
        'unexpected_field',
        "schedule 'monthly' pays the guaranteed payment, which has no expectedOf",
      ),
    ]);
  });

  it('refuses a month 13 through the schema, at the month', () => {
    const contract = withSchedules({ id: 'yearly', pays: 'guaranteed', instalments: [{ month: 13, percent: '100' }] });
    expect(contractIssues(contract)).toEqual([
      issue('paymentsOnAccount[0].instalments[0].month', 'too_big', 'instalment month must be at most 12'),
    ]);
  });
});

describe('measurements and their revisions', () => {
  it('refuses a measurement for a period the contract does not have, listing the periods', () => {
    const issues = measurementIssues([...baseMeasurements(), ae({ period: '2031-32' })]);
    expect(issues).toEqual([
      issue(
        'measurements[2].period',
        'unknown_period',
        "'2031-32' is not a period of contract 'east-alliance'",
        'periods: 2026-27, 2027-28',
      ),
    ]);
  });

  it('refuses the same figure given twice under the same revision, asking for a higher revision', () => {
    const issues = measurementIssues([
      readmissions(),
      ae({ revision: 2, value: '74' }),
      ae({ revision: 2, value: '75' }),
    ]);
    expect(issues).toEqual([
      issue(
        'measurements[2]',
        'duplicate_measurement',
        "measurements[1] already gives 'ae-4h' in period '2026-27' as revision 2",
        'a restated figure needs a higher "revision"',
      ),
    ]);
  });

  it.each([
    { order: 'revision 1 first', reversed: false },
    { order: 'revision 2 first', reversed: true },
  ])('accepts revisions 1 and 2 of one figure and settles on revision 2 ($order)', ({ reversed }) => {
    const revisions = [ae({ revision: 1, status: 'provisional', value: '61' }), ae({ revision: 2, value: '75' })];
    const settlement = settle(
      given(baseContract()),
      given([readmissions(), ...(reversed ? revisions.reverse() : revisions)]),
      given({ period: PERIOD }),
    );
    const used = settlement.measurements.filter((m) => m.metric === 'ae-4h');
    expect(used).toHaveLength(1);
    expect(used[0]).toMatchObject({ revision: 2, value: '75', status: 'final' });
    expect(settlement.status).toBe('final');
  });

  it('refuses a provisional revision 3 after a final revision 2, at its status', () => {
    const issues = measurementIssues([
      readmissions(),
      ae({ revision: 2, status: 'final', value: '74' }),
      ae({ revision: 3, status: 'provisional', value: '71' }),
    ]);
    expect(issues).toEqual([
      issue(
        'measurements[2].status',
        'revision_backwards',
        'revision 3 is provisional, but revision 2 (measurements[1]) was already final',
        'a final figure can only be restated by a later final revision',
      ),
    ]);
  });

  it('refuses revision 0 through the schema', () => {
    expect(measurementIssues([readmissions(), ae({ revision: 0 })])).toEqual([
      issue('measurements[1].revision', 'too_small', 'revision must be 1 or more'),
    ]);
  });

  it('refuses revision 1.5 through the schema, asking for a whole number', () => {
    expect(measurementIssues([readmissions(), ae({ revision: 1.5 })])).toEqual([
      issue('measurements[1].revision', 'invalid_type', 'revision must be a whole number'),
    ]);
  });
});

describe('settle options about time', () => {
  const settleWith = (options: { period: string; asOf?: string; knownAt?: string }) =>
    contractErrorOf(() => settle(given(baseContract()), given(baseMeasurements()), given(options)));

  it('refuses an asOf that is not a real date (month 13)', () => {
    expect(settleWith({ period: PERIOD, asOf: '2025-13-01' })).toEqual([
      issue('options.asOf', 'invalid_date', 'asOf must be a real date written YYYY-MM-DD', '"2025-13-01"'),
    ]);
  });

  it('refuses an asOf outside the period settled, giving the period', () => {
    expect(settleWith({ period: PERIOD, asOf: '2027-04-01' })).toEqual([
      issue(
        'options.asOf',
        'as_of_outside_period',
        "asOf 2027-04-01 is not inside period '2026-27' (2026-04-01 to 2027-03-31)",
      ),
    ]);
  });

  it('refuses a knownAt that is not a date string (a number written without dashes)', () => {
    expect(settleWith({ period: PERIOD, knownAt: 20270531 as unknown as string })).toEqual([
      issue('options.knownAt', 'invalid_date', 'knownAt must be a real date written YYYY-MM-DD', '20270531'),
    ]);
  });

  it('reports a bad asOf and a bad knownAt together, in one ContractError', () => {
    expect(settleWith({ period: PERIOD, asOf: 'soon', knownAt: 'later' })).toEqual([
      issue('options.asOf', 'invalid_date', 'asOf must be a real date', '"soon"'),
      issue('options.knownAt', 'invalid_date', 'knownAt must be a real date', '"later"'),
    ]);
  });
});

describe('restate', () => {
  /** A settlement of the base contract made on revision 2 of 'ae-4h', frozen. */
  const settledOnRevision2 = (): Settlement =>
    given(
      settle(baseContract(), [readmissions(), ae({ revision: 1, status: 'provisional' }), ae({ revision: 2 })], {
        period: PERIOD,
      }),
    );

  it('refuses to restate a settlement made on revision 2 with only revision 1 given', () => {
    const previous = settledOnRevision2();
    const error = thrownBy(() =>
      restate(previous, given(baseContract()), given([readmissions(), ae({ revision: 1, status: 'provisional' })])),
    );
    expect(error).toBeInstanceOf(MeasurementError);
    expect((error as MeasurementError).issues).toEqual([
      issue(
        'measurements[metric=ae-4h,period=2026-27]',
        'revision_backwards',
        "'ae-4h' was settled on revision 2, but the latest revision given now is 1",
        'cannot go back to an earlier revision',
      ),
    ]);
  });

  it('refuses to restate a settlement with a contract of another id', () => {
    const previous = settledOnRevision2();
    const other = contractWith((c) => {
      c.id = 'west-alliance';
    });
    const issues = contractErrorOf(() => restate(previous, other, given([readmissions(), ae({ revision: 2 })])));
    expect(issues).toEqual([
      issue(
        'contract.id',
        'different_contract',
        "the previous settlement is of contract 'east-alliance', not 'west-alliance'",
      ),
    ]);
  });
});

describe('the period helpers list every bad argument at once', () => {
  const year: Span = { start: '2026-04-01', end: '2027-03-31' };
  const backwards: Span = { start: '2026-04-01', end: '2026-03-31' };

  it('splitIntoInstalments: an unknown currency, an end before the start and a frequency it does not have', () => {
    const issues = contractErrorOf(() =>
      splitIntoInstalments(
        given({ amount: '1000.00', currency: 'XYZ' }),
        given(backwards),
        given({ frequency: 'fortnight' } as unknown as InstalmentOptions),
      ),
    );
    expect(issues).toEqual([
      issue('total.currency', 'unknown_currency', 'currency "XYZ" is not one of', 'GBP'),
      issue('period.end', 'end_before_start', '2026-03-31 is before 2026-04-01'),
      issue('options.frequency', 'invalid_option', 'frequency must be "month", "quarter", "half-year" or "year"'),
    ]);
  });

  it('splitIntoInstalments: more decimals than the currency has, an end before the start and a bad frequency', () => {
    const issues = contractErrorOf(() =>
      splitIntoInstalments(
        given({ amount: '1000.001', currency: 'GBP' }),
        given(backwards),
        given({ frequency: 'week' } as unknown as InstalmentOptions),
      ),
    );
    expect(issues).toEqual([
      issue('total.amount', 'too_many_decimals', 'amount 1000.001 has more decimal places than GBP has (2)'),
      issue('period.end', 'end_before_start', '2026-03-31 is before 2026-04-01'),
      issue('options.frequency', 'invalid_option', 'got "week"'),
    ]);
  });

  it('splitIntoInstalments: an amount that is not a decimal and a date that is not real', () => {
    const issues = contractErrorOf(() =>
      splitIntoInstalments(
        given({ amount: '1,000.00', currency: 'GBP' }),
        given({ start: '2026-04-01', end: '2027-02-30' }),
        given({ frequency: 'month', due: 'middle' } as unknown as InstalmentOptions),
      ),
    );
    expect(issues).toEqual([
      issue('total.amount', 'invalid_amount', 'amount must be a decimal string', '"1,000.00"'),
      issue('period.end', 'invalid_date', 'end must be a real date written YYYY-MM-DD', '"2027-02-30"'),
      issue('options.due', 'invalid_option', 'due must be "start" or "end"', '"middle"'),
    ]);
  });

  it('proRata: a part ending before it starts, a period with no real date and options it does not have', () => {
    const issues = contractErrorOf(() =>
      proRata(
        given(backwards),
        given({ start: '2026-04-01', end: '2027-3-31' }),
        given({ dayCount: '30/360', monthEnd: 'roll' } as unknown as { dayCount: 'twelfths' }),
      ),
    );
    expect(issues).toEqual([
      issue('part.end', 'end_before_start', '2026-03-31 is before 2026-04-01'),
      issue('period.end', 'invalid_date', 'end must be a real date written YYYY-MM-DD', '"2027-3-31"'),
      issue('options.dayCount', 'invalid_option', 'day count must be "actual/actual" or "twelfths"', '"30/360"'),
      issue('options.monthEnd', 'invalid_option', 'month-end handling must be "clamp" or "end-of-month"', '"roll"'),
    ]);
  });

  it('splitIntoInstalments: a part in force outside the period, since instalments over it could not add up', () => {
    const issues = contractErrorOf(() =>
      splitIntoInstalments(
        given({ amount: '1200.00', currency: 'GBP' }),
        given(year),
        given({ frequency: 'quarter', active: { start: '2025-01-01', end: '2025-03-31' } }),
      ),
    );
    expect(issues).toEqual([
      issue(
        'options.active',
        'active_outside_period',
        'the part in force 2025-01-01 to 2025-03-31 is not inside the period 2026-04-01 to 2027-03-31',
        'so instalments could not add up to the amount',
      ),
    ]);
  });

  it('accept good arguments, so the errors above come from the bad ones', () => {
    expect(proRata(given({ start: '2026-10-01', end: '2027-03-31' }), given(year))).toEqual({
      fraction: '182/365',
      text: '182 of 365 days (actual/actual)',
    });
    const instalments = splitIntoInstalments(
      given({ amount: '1000.00', currency: 'GBP' }),
      given(year),
      given({ frequency: 'quarter', dayCount: 'twelfths' }),
    );
    expect(instalments.map((i) => i.amount)).toEqual(['250.00', '250.00', '250.00', '250.00']);
  });
});

describe('several mistakes', () => {
  it('are all reported together in one ContractError, and validateContract returns the same list', () => {
    const contract = contractWith((c) => {
      c.periods.push({ id: 'q-feb-apr', kind: 'quarter', start: '2027-02-01', end: '2027-04-30' });
      c.periods.push({ id: '2028-29', start: '2028-04-01', end: '2029-03-31' });
      Object.assign(c.parties[1]!, { joins: '2026-10-01', leaves: '2026-09-30' });
      Object.assign(c.parties[2]!, { joins: '2025-02-30' });
      c.paymentsOnAccount = [
        {
          id: 'monthly',
          pays: 'guaranteed',
          payer: 'acute',
          instalments: [
            { month: 1, percent: '50' },
            { month: 13, percent: '41.67' },
          ],
        },
        { id: 'incentive', pays: 'outcome' },
      ];
    });
    const error = thrownBy(() => defineContract(contract));
    expect(error).toBeInstanceOf(ContractError);
    const issues = (error as ContractError).issues;
    expect(validateContract(contract)).toEqual({ success: false, issues, warnings: [] });
    expect(issues).toEqual([
      issue('parties[2].joins', 'invalid_date', 'joining date must be a real date', '"2025-02-30"'),
      issue('paymentsOnAccount[0].instalments[1].month', 'too_big', 'instalment month must be at most 12'),
      issue('periods[3]', 'period_outside_term', 'period 2028-04-01 to 2029-03-31 is not inside the term'),
      issue('periods[2]', 'period_outside_year', 'quarter 2027-02-01 to 2027-04-30 is not inside any contract year'),
      issue('parties[1].leaves', 'leaves_before_joins', "party 'acute' leaves on 2026-09-30, before it joins"),
      issue('paymentsOnAccount[0].payer', 'not_a_commissioner', "'acute' must be a commissioner here"),
      issue('paymentsOnAccount[0].instalments', 'instalments_not_100', 'add up to 91.67 % of the year'),
      issue('paymentsOnAccount[1].pool', 'missing_pool', "schedule 'incentive' pays outcome money"),
      issue('paymentsOnAccount[1]', 'missing_frequency', "schedule 'incentive' must say how it is paid"),
    ]);
    expect((error as ContractError).message).toMatch(/^The contract has 9 problems:/);
  });
});

describe('inputs', () => {
  it('are left exactly as they were by a refusal, an interim settlement with schedules and a joiner, and its restatement', () => {
    const refused = contractWith((c) => {
      Object.assign(c.parties[1]!, { joins: '2026-10-01', leaves: '2026-09-30' });
      c.paymentsOnAccount = [{ id: 'monthly', pays: 'guaranteed', frequency: 'fortnight' as 'month' }];
    });
    const copy = structuredClone(refused);
    expect(validateContract(refused).success).toBe(false);
    expect(refused).toEqual(copy);

    const contract = contractWith((c) => {
      Object.assign(c.parties[2]!, { joins: '2026-10-01' });
      c.calendar = { dayCount: 'twelfths' };
      c.paymentsOnAccount = [
        { id: 'monthly', pays: 'guaranteed', frequency: 'month' },
        { id: 'incentive', pays: 'outcome', pool: 'outcomes', expected: '80', frequency: 'quarter', due: 'end' },
      ];
    });
    const measurements = given([readmissions(), ae({ revision: 1, status: 'provisional' }), ae({ revision: 2 })]);
    const contractCopy = structuredClone(contract);
    const measurementsCopy = structuredClone(measurements);
    const interim = given(settle(contract, measurements, given({ period: PERIOD, asOf: '2026-12-31' })));
    const again = restate(interim, contract, measurements);
    expect(again.previous).toBe(interim);
    expect(again.settlement.resolution.coverage).toEqual({ start: '2026-04-01', end: '2026-12-31' });
    expect(contract).toEqual(contractCopy);
    expect(measurements).toEqual(measurementsCopy);
  });

  it('are left exactly as they were by a settlement a variation splits into two segments', () => {
    const contract = contractWith((c) => {
      Object.assign(c.parties[2]!, { joins: '2026-10-01' });
      c.paymentsOnAccount = [
        { id: 'monthly', pays: 'guaranteed', frequency: 'month' },
        { id: 'incentive', pays: 'outcome', pool: 'outcomes', expected: '80', frequency: 'month' },
      ];
      c.variations = [
        {
          id: 'v1',
          effectiveFrom: '2027-01-01',
          version: '2',
          changes: [{ path: 'pools/outcomes/metrics/ae-4h/scoring/max', value: '85' }],
        },
      ];
    });
    const measurements = given(baseMeasurements());
    const contractCopy = structuredClone(contract);
    const measurementsCopy = structuredClone(measurements);
    const settlement = settle(contract, measurements, given({ period: PERIOD, asOf: '2027-02-28' }));
    expect(settlement.segments).toHaveLength(2);
    expect(contract).toEqual(contractCopy);
    expect(measurements).toEqual(measurementsCopy);
  });
});
