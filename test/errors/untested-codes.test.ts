import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allocate,
  AllianceInputError,
  defineContract,
  explain,
  proRata,
  settle,
  splitIntoInstalments,
  validateContract,
  type Issue,
  type MeasurementInput,
} from '../../src/index.js';
import { baseContract, baseMeasurements, PERIOD } from './fixtures.js';

// Codes no test reached before the catalogue of codes (issue 12, item 5), and bad input a new user
// writes (a key misspelt, a list for a record, a number for a decimal string, null, an empty
// object, an unknown option), each triggered through the public API with its exact message.

// Contracts are edited freely here, as a user would, so their type is left open.
type Json = Record<string, any>;
const example = (name: string, file = 'contract.json'): Json =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../examples', name, file), 'utf8')) as Json;
const edited = (name: string, edit: (c: Json) => void): Json => {
  const contract = structuredClone(example(name));
  edit(contract);
  return contract;
};
const base = (edit: (c: Json) => void): Json => {
  const contract = baseContract() as Json;
  edit(contract);
  return contract;
};

/** The issues validateContract returns for a contract it refuses. */
const refused = (input: unknown): readonly Issue[] => {
  const result = validateContract(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.issues;
};

/** The issues of the input error `run` throws. */
const thrown = (run: () => unknown): readonly Issue[] => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AllianceInputError);
    return (error as AllianceInputError).issues;
  }
  return expect.unreachable('expected an input error');
};

const rateCard = (edit: (pool: Json) => void) => edited('outcomes-rate-card', (c) => edit(c.pools[0]));
const savings = (edit: (pool: Json) => void) => edited('shared-savings-aco', (c) => edit(c.pools[0]));
const outcomes = (edit: (pool: Json) => void) => base((c) => edit(c.pools[0]));
const settleBase = (measurements: unknown, options: Json = { period: PERIOD }) =>
  thrown(() =>
    settle(defineContract(baseContract()), measurements as MeasurementInput[], options as { period: string }),
  );
const gbp = (amount: string) => ({ amount, currency: 'GBP' as const });
const YEAR = { start: '2026-04-01', end: '2027-03-31' };

const CASES: readonly (readonly [string, () => readonly Issue[]])[] = [
  // codes not tested before
  [
    'a cap named twice in the cap order',
    () => refused(rateCard((p) => (p.capOrder = ['per-person', 'per-person', 'contract']))),
  ],
  [
    'a priority naming an outcome the rate card does not price',
    () =>
      refused(
        rateCard((p) => ((p.cut = 'priority'), (p.priority = ['home-90', 'home-270', 'home-180', 'reduced-care']))),
      ),
  ],
  ['a priority cut without a priority list', () => refused(rateCard((p) => (p.cut = 'priority')))],
  [
    'a count of outcomes that is not whole',
    () => {
      const contract = defineContract(example('outcomes-rate-card'));
      const measurements = example('outcomes-rate-card', 'measurements.json') as unknown as Json[];
      measurements[0]!.value = '80.5';
      return thrown(() => settle(contract, measurements as MeasurementInput[], { period: '2026-27' }));
    },
  ],
  [
    'a budget distribution without per-member budgets',
    () => refused(savings((p) => (p.distribution = { basis: 'budget' }))),
  ],
  ['a measure distribution without a measure', () => refused(savings((p) => (p.distribution = { basis: 'measure' })))],
  [
    'a fixed risk-share distribution without shares',
    () => refused(savings((p) => (p.distribution = { basis: 'fixed' }))),
  ],
  [
    'a fixed outcome distribution without shares',
    () => refused(outcomes((p) => (p.distribution = { basis: 'fixed' }))),
  ],
  ['a metric with no accountable provider', () => refused(outcomes((p) => (p.metrics[0].accountable = [])))],
  ['a risk-share pool with no members', () => refused(savings((p) => (p.members = [])))],
  ['an outcome pool no provider is eligible for', () => refused(outcomes((p) => (p.eligible = [])))],
  [
    'a share for a provider not eligible for the pool',
    () =>
      refused(
        outcomes(
          (p) => (
            (p.eligible = ['acute']),
            (p.distribution = { basis: 'fixed', shares: { acute: '60', community: '40' } })
          ),
        ),
      ),
  ],
  [
    'an accountable provider not eligible for the pool',
    () => refused(outcomes((p) => ((p.eligible = ['acute']), (p.metrics[0].accountable = ['acute', 'community'])))),
  ],
  ['oneMinusGain written on the gain side', () => refused(savings((p) => (p.steps[1].gain = { oneMinusGain: true })))],
  [
    'explain asked for a node the trace does not have',
    () => {
      const settlement = settle(defineContract(baseContract()), baseMeasurements(), { period: PERIOD });
      return thrown(() => explain(settlement, 'pool:nowhere'));
    },
  ],
  [
    'explain asked for a node given as a number',
    () => {
      const settlement = settle(defineContract(baseContract()), baseMeasurements(), { period: PERIOD });
      return thrown(() => explain(settlement, 42 as unknown as string));
    },
  ],
  // contracts as a new user writes them wrongly
  ['an empty object for a contract', () => refused({})],
  ['null for a contract', () => refused(null)],
  ['a list for a contract', () => refused([baseContract()])],
  [
    'a misspelt contract value',
    () =>
      refused(
        base((c) => ((c.parties[1].contractVlaue = c.parties[1].contractValue), delete c.parties[1].contractValue)),
      ),
  ],
  ['a misspelt top-level field', () => refused(base((c) => ((c.perods = c.periods), delete c.periods)))],
  [
    'fixed shares written as a list',
    () =>
      refused(outcomes((p) => (p.distribution = { basis: 'fixed', shares: [{ acute: '60' }, { community: '40' }] }))),
  ],
  ['a weight given as a number', () => refused(outcomes((p) => (p.metrics[0].weight = 60)))],
  ['a contract value given as a number', () => refused(base((c) => (c.parties[1].contractValue = 1000000)))],
  ['a version given as null', () => refused(base((c) => (c.version = null)))],
  ['an empty list of parties', () => refused(base((c) => (c.parties = [])))],
  ['an empty term', () => refused(base((c) => (c.term = {})))],
  [
    'a term that ends before it starts',
    () => refused(base((c) => (c.term = { start: '2028-03-31', end: '2026-04-01' }))),
  ],
  ['a date that does not exist', () => refused(base((c) => (c.periods[0].end = '2027-02-30')))],
  ['an unknown currency', () => refused(base((c) => (c.currency = 'GPB')))],
  ['an unknown role', () => refused(base((c) => (c.parties[0].role = 'payer')))],
  ['an unknown pool kind', () => refused(base((c) => (c.pools[0].kind = 'outcomes')))],
  [
    'a scoring rule of an unknown type',
    () => refused(outcomes((p) => (p.metrics[0].scoring = { type: 'straight-line', min: '60', max: '80' }))),
  ],
  ['metric weights that do not add up to 100', () => refused(outcomes((p) => (p.metrics[1].weight = '30')))],
  [
    'an amount with more decimals than the currency',
    () => refused(base((c) => (c.parties[1].contractValue = '1000000.005'))),
  ],
  ['a risk-share step type misspelt', () => refused(savings((p) => (p.steps[4].type = 'rounding')))],
  ['a risk-share order naming an undeclared step', () => refused(savings((p) => (p.order[1] = 'sharing')))],
  ['a sides word that is not one of its words', () => refused(savings((p) => (p.sides = 'gains')))],
  ['a budget given as a number', () => refused(savings((p) => (p.budget = 120000000)))],
  [
    'a unearned destination naming a provider as commissioner',
    () => refused(outcomes((p) => (p.unearned = { to: 'commissioner', party: 'acute' }))),
  ],
  // measurements and options
  ['measurements given as null', () => settleBase(null)],
  [
    'a measured value given as a number',
    () => settleBase([{ ...baseMeasurements()[0], value: 72.5 }, baseMeasurements()[1]]),
  ],
  [
    'a measurement with a misspelt field',
    () => settleBase([{ metric: 'ae-4h', period: PERIOD, valeu: '72.5', status: 'final' }, baseMeasurements()[1]]),
  ],
  ['a settle option misspelt', () => settleBase(baseMeasurements(), { period: PERIOD, asAt: '2026-09-30' })],
  ['settle asked for a period the contract does not have', () => settleBase(baseMeasurements(), { period: '2025-26' })],
  ['allocate given no weights', () => thrown(() => allocate(gbp('100.00'), {}))],
  [
    'allocate given an amount as a number',
    () => thrown(() => allocate({ amount: 100 as unknown as string, currency: 'GBP' }, { a: '1' })),
  ],
  ['proRata given a misspelt option', () => thrown(() => proRata(YEAR, YEAR, { dayCont: 'twelfths' } as never))],
  [
    'splitIntoInstalments given an unknown frequency',
    () => thrown(() => splitIntoInstalments(gbp('1200.00'), YEAR, { frequency: 'fortnight' } as never)),
  ],
];

/** What each case is refused with: every issue, in order, with its exact message. */
const EXPECTED: Readonly<Record<string, readonly Issue[]>> = {
  'a cap named twice in the cap order': [
    { path: 'pools[0].capOrder[1]', code: 'duplicate_cap', message: "cap 'per-person' is already in the cap order" },
  ],
  'a priority naming an outcome the rate card does not price': [
    {
      path: 'pools[0].priority[1]',
      code: 'unknown_outcome',
      message: "'home-270' is not an outcome of rate card 'rate-card'",
    },
  ],
  'a priority cut without a priority list': [
    {
      path: 'pools[0].priority',
      code: 'missing_priority',
      message: 'cut "priority" needs "priority": the outcomes from the most to the least protected',
    },
  ],
  'a count of outcomes that is not whole': [
    {
      path: 'measurements',
      code: 'invalid_count',
      message: "the count of 'home-90' for 'home-first' is 80.5; a count of outcomes must be a whole number, 0 or more",
    },
  ],
  'a budget distribution without per-member budgets': [
    {
      path: 'pools[0].distribution.basis',
      code: 'missing_budgets',
      message: 'a "budget" distribution needs per-member "budgets"',
    },
  ],
  'a measure distribution without a measure': [
    {
      path: 'pools[0].distribution.measure',
      code: 'missing_measure',
      message: 'a "measure" distribution needs the "measure" whose values are the weights',
    },
  ],
  'a fixed risk-share distribution without shares': [
    {
      path: 'pools[0].distribution.shares',
      code: 'missing_shares',
      message: 'a "fixed" distribution needs "shares": member id → percentage',
    },
  ],
  'a fixed outcome distribution without shares': [
    {
      path: 'pools[0].distribution.shares',
      code: 'missing_shares',
      message: 'a "fixed" distribution needs shares: provider id → percentage',
    },
  ],
  'a metric with no accountable provider': [
    {
      path: 'pools[0].metrics[0].accountable',
      code: 'no_accountable',
      message: "metric 'ae-4h' lists no accountable provider",
    },
  ],
  'a risk-share pool with no members': [
    {
      path: 'pools[0].members',
      code: 'no_members',
      message: "risk-share pool 'shared-savings' has no provider to share its gain or loss",
    },
  ],
  'an outcome pool no provider is eligible for': [
    {
      path: 'pools[0].eligible',
      code: 'no_providers',
      message: "pool 'outcomes' has no provider that could earn from it",
    },
  ],
  'a share for a provider not eligible for the pool': [
    {
      path: 'pools[0].distribution.shares.community',
      code: 'not_eligible',
      message: "'community' has a share but is not eligible for pool 'outcomes'",
    },
  ],
  'an accountable provider not eligible for the pool': [
    {
      path: 'pools[0].metrics[0].accountable[1]',
      code: 'not_eligible',
      message: "'community' is accountable for metric 'ae-4h' but not eligible for pool 'outcomes'",
    },
  ],
  'oneMinusGain written on the gain side': [
    {
      path: 'pools[0].steps[1].gain.oneMinusGain',
      code: 'one_minus_gain_on_gain',
      message: '"oneMinusGain" belongs on the loss side',
    },
  ],
  'explain asked for a node the trace does not have': [
    { path: 'nodeId', code: 'unknown_trace_node', message: '"pool:nowhere" is not a node of this settlement\'s trace' },
  ],
  'explain asked for a node given as a number': [
    { path: 'nodeId', code: 'unknown_trace_node', message: "42 is not a node of this settlement's trace" },
  ],
  'an empty object for a contract': [
    { path: 'id', code: 'invalid_type', message: 'contract id must be given' },
    { path: 'name', code: 'invalid_type', message: 'contract name must be given' },
    { path: 'version', code: 'invalid_type', message: 'contract version must be given' },
    {
      path: 'currency',
      code: 'invalid_value',
      message:
        'currency must be an ISO 4217 code this library knows (GBP, EUR, USD, CAD, AUD, NZD, CHF, SEK, NOK, DKK, JPY, KWD), got nothing',
    },
    { path: 'term', code: 'invalid_type', message: 'term must be given: an object with the fields start, end' },
    { path: 'periods', code: 'invalid_type', message: 'periods must be given: a list' },
    { path: 'parties', code: 'invalid_type', message: 'parties must be given: a list' },
    { path: 'pools', code: 'invalid_type', message: 'pools must be given: a list' },
  ],
  'null for a contract': [
    {
      path: '',
      code: 'invalid_type',
      message:
        'the value must be an object with the fields id, name, version, currency, term, periods, calendar, rounding, parties, pools, paymentsOnAccount, variations, variationsInPeriod, clause, got null',
    },
  ],
  'a list for a contract': [
    {
      path: '',
      code: 'invalid_type',
      message:
        'the value must be an object with the fields id, name, version, currency, term, periods, calendar, rounding, parties, pools, paymentsOnAccount, variations, variationsInPeriod, clause, got a list ([{"id":"east-alliance","name":"East Alliance outcome pool","version":"1","cur...)',
    },
  ],
  'a misspelt contract value': [
    {
      path: 'parties[1]',
      code: 'unrecognized_keys',
      message:
        '"contractVlaue" (did you mean "contractValue"?) is not a field here (fields: id, name, role, kind, contractValue, joins, leaves)',
    },
  ],
  'a misspelt top-level field': [
    {
      path: '',
      code: 'unrecognized_keys',
      message:
        '"perods" (did you mean "periods"?) is not a field here (fields: id, name, version, currency, term, periods, calendar, rounding, parties, pools, paymentsOnAccount, variations, variationsInPeriod, clause)',
    },
  ],
  'fixed shares written as a list': [
    {
      path: 'pools[0].distribution.shares',
      code: 'invalid_type',
      message:
        'shares must be an object of provider id → percentage, such as { "acute": "60", "community": "40" }, got a list ([{"acute":"60"},{"community":"40"}])',
    },
  ],
  'a weight given as a number': [
    {
      path: 'pools[0].metrics[0].weight',
      code: 'invalid_type',
      message:
        'metric weight must be a string, got the number 60 (write it as a string, e.g. "60": numbers can lose pennies)',
    },
  ],
  'a contract value given as a number': [
    {
      path: 'parties[1].contractValue',
      code: 'invalid_type',
      message:
        'contract value must be a string, got the number 1000000 (write it as a string, e.g. "1000000": numbers can lose pennies)',
    },
  ],
  'a version given as null': [
    { path: 'version', code: 'invalid_type', message: 'contract version must be a string, got null' },
  ],
  'an empty list of parties': [{ path: 'parties', code: 'too_small', message: 'a contract needs at least one party' }],
  'an empty term': [
    { path: 'term.start', code: 'invalid_type', message: 'term start must be given' },
    { path: 'term.end', code: 'invalid_type', message: 'term end must be given' },
  ],
  'a term that ends before it starts': [
    { path: 'term.end', code: 'end_before_start', message: 'the term ends (2026-04-01) before it starts (2028-03-31)' },
    {
      path: 'periods[0]',
      code: 'period_outside_term',
      message: 'period 2026-04-01 to 2027-03-31 is not inside the term 2028-03-31 to 2026-04-01',
    },
    {
      path: 'periods[1]',
      code: 'period_outside_term',
      message: 'period 2027-04-01 to 2028-03-31 is not inside the term 2028-03-31 to 2026-04-01',
    },
  ],
  'a date that does not exist': [
    {
      path: 'periods[0].end',
      code: 'invalid_date',
      message: 'period end must be a real date written YYYY-MM-DD (years 1900 to 2999), got "2027-02-30"',
    },
  ],
  'an unknown currency': [
    {
      path: 'currency',
      code: 'invalid_value',
      message:
        'currency must be an ISO 4217 code this library knows (GBP, EUR, USD, CAD, AUD, NZD, CHF, SEK, NOK, DKK, JPY, KWD), got "GPB"',
    },
  ],
  'an unknown role': [
    {
      path: 'parties[0].role',
      code: 'invalid_value',
      message: 'party role must be "commissioner" or "provider", got "payer"',
    },
    {
      path: 'pools[0].unearned.party',
      code: 'not_a_commissioner',
      message: "'icb' must be a commissioner here, but it is a payer",
    },
  ],
  'an unknown pool kind': [
    {
      path: 'pools[0].kind',
      code: 'invalid_union',
      message: 'pool kind must be "outcome", "risk-share", "pooled-budget", "points" or "rate-card", got "outcomes"',
    },
  ],
  'a scoring rule of an unknown type': [
    {
      path: 'pools[0].metrics[0].scoring.type',
      code: 'invalid_union',
      message:
        'scoring type must be one of "linear", "bands", "binary", "improvement", "gap-to-goal", got "straight-line"',
    },
  ],
  'metric weights that do not add up to 100': [
    {
      path: 'pools[0].metrics',
      code: 'weights_not_100',
      message: "the metric weights of pool 'outcomes' add up to 90 %, not 100 %",
    },
  ],
  'an amount with more decimals than the currency': [
    {
      path: 'parties[1].contractValue',
      code: 'too_many_decimals',
      message: '1000000.005 has more decimal places than GBP has (2)',
    },
  ],
  'a risk-share step type misspelt': [
    {
      path: 'pools[0].steps[4].type',
      code: 'invalid_union',
      message:
        'step type must be one of "corridor", "rate", "bands", "cap", "deduction", "adjustment", "round", "gateway", got "rounding"',
    },
  ],
  'a risk-share order naming an undeclared step': [
    {
      path: 'pools[0].order[1]',
      code: 'unknown_step',
      message:
        "the order names step 'sharing', which pool 'shared-savings' does not declare (steps: minimum-savings-rate, sharing-rate, withhold, performance-cap, whole-dollars)",
    },
    {
      path: 'pools[0].steps[1]',
      code: 'step_not_in_order',
      message: "step 'sharing-rate' is declared but the order does not apply it",
    },
  ],
  'a sides word that is not one of its words': [
    {
      path: 'pools[0].sides',
      code: 'invalid_value',
      message: 'shared sides must be one of "gain", "loss", "both", got "gains"',
    },
  ],
  'a budget given as a number': [
    {
      path: 'pools[0].budget',
      code: 'invalid_type',
      message:
        'budget must be a string, got the number 120000000 (write it as a string, e.g. "120000000": numbers can lose pennies)',
    },
  ],
  'a unearned destination naming a provider as commissioner': [
    {
      path: 'pools[0].unearned.party',
      code: 'not_a_commissioner',
      message: "'acute' must be a commissioner here, but it is a provider",
    },
  ],
  'measurements given as null': [
    { path: 'measurements', code: 'invalid_type', message: 'measurements must be an array of measurement objects' },
  ],
  'a measured value given as a number': [
    {
      path: 'measurements[0].value',
      code: 'invalid_type',
      message:
        'measured value must be a string, got the number 72.5 (write it as a string, e.g. "72.5": numbers can lose pennies)',
    },
  ],
  'a measurement with a misspelt field': [
    {
      path: 'measurements[0]',
      code: 'unrecognized_keys',
      message:
        '"valeu" (did you mean "value"?) is not a field here (fields: metric, period, party, cohort, person, value, numerator, denominator, exclusions, status, revision, received, source, note)',
    },
  ],
  'a settle option misspelt': [
    {
      path: 'options.asAt',
      code: 'unknown_option',
      message:
        "'asAt' is not an option of settle: did you mean 'asOf'? (its options: period, asOf, broughtForward, knownAt)",
    },
  ],
  'settle asked for a period the contract does not have': [
    {
      path: 'options.period',
      code: 'unknown_period',
      message: 'period "2025-26" is not a period of contract \'east-alliance\' (periods: 2026-27, 2027-28)',
    },
  ],
  'allocate given no weights': [{ path: 'weights', code: 'no_weights', message: 'at least one weight is needed' }],
  'allocate given an amount as a number': [
    {
      path: 'total.amount',
      code: 'invalid_amount',
      message: 'amount must be a decimal string such as "1250000.00", got 100',
    },
  ],
  'proRata given a misspelt option': [
    {
      path: 'options.dayCont',
      code: 'unknown_option',
      message: "'dayCont' is not an option of proRata: did you mean 'dayCount'? (its options: dayCount, monthEnd)",
    },
  ],
  'splitIntoInstalments given an unknown frequency': [
    {
      path: 'options.frequency',
      code: 'invalid_option',
      message: 'frequency must be "month", "quarter", "half-year" or "year", got "fortnight"',
    },
  ],
};

describe("bad input is refused in the library's words, with its code and path", () => {
  it.each(CASES)('%s', (name, run) => {
    expect(EXPECTED[name]).toBeDefined();
    expect(run()).toEqual(EXPECTED[name]);
  });
});
