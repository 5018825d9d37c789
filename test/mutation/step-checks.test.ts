import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/money/decimal.js';
import {
  applyStep,
  checkStep,
  sharedSides,
  stepSides,
  type Step,
  type StepCheckTools,
  type StepContext,
} from '../../src/share/index.js';

// Source of the rules: the doc comments and @examples of src/share/<step>/index.ts and the
// checks in src/share/<step>/check.ts (design.md section 3, risk share). Figures are worked by
// hand beside each assertion; the messages are what validateContract reports to the user.

/** A step context: budget 1,000,000, GBP (2 places), `mode` rounding, revenue when given. */
const ctx = (side: 'gain' | 'loss', extra: Partial<StepContext> = {}): StepContext => ({
  side,
  budget: Decimal.of('1000000'),
  revenue: undefined,
  scale: 2,
  places: 18,
  mode: 'half-up',
  quality: () => ({ score: Decimal.ONE, input: { name: 'quality', value: '1' } }),
  measured: () => undefined,
  count: () => undefined,
  ...extra,
});
const apply = (step: Step, amount: string, context: StepContext) => {
  const outcome = applyStep(step, Decimal.of(amount), context, undefined);
  return { ...outcome, amount: outcome.amount.toString() };
};

/** What checking a step reported: [kind, path, code, message], and the amounts checked for minor units. */
const checked = (step: Step, tools: Partial<StepCheckTools> = {}) => {
  const found: [string, PropertyKey[], string, string][] = [];
  const minorUnits: [string | undefined, PropertyKey[]][] = [];
  checkStep(step, {
    add: (path, code, message) => found.push(['error', path, code, message]),
    warn: (path, code, message) => found.push(['warning', path, code, message]),
    written: (path) => path.reduce<unknown>((here, key) => (here as Record<PropertyKey, unknown>)?.[key], step),
    checkMinorUnits: (value, path) => minorUnits.push([value, path]),
    outcomePools: new Set(['outcomes']),
    revenueKnown: true,
    ...tools,
  });
  return { found, minorUnits };
};
const found = (step: Step, tools: Partial<StepCheckTools> = {}) => checked(step, tools).found;

describe('cap step', () => {
  // the @example: budget 1,000,000, a gain cap the smallest of 10 % of the budget (100,000) and 80,000
  const cap: Step = {
    id: 'cap',
    type: 'cap',
    applies: 'both',
    limits: [{ percentOfBudget: '10' }, { amount: '80000' }],
  };

  it('holds an amount above the smallest limit to it, and says which limits it compared', () => {
    expect(apply(cap, '120000', ctx('gain'))).toEqual({
      applied: true,
      amount: '80000',
      formula:
        'cap = the smallest of 10 % of the budget = 100000.00; 80000 = 80000.00 = 80000.00; 120000.00 is held to it',
      inputs: [
        { name: 'amount before', value: '120000.00' },
        { name: '10 % of the budget', value: '100000.00' },
        { name: '80000', value: '80000.00' },
      ],
    });
  });

  it('leaves an amount within the limit, and calls it a limit on the loss side', () => {
    expect(apply(cap, '50000', ctx('loss'))).toMatchObject({
      amount: '50000',
      formula:
        'limit = the smallest of 10 % of the budget = 100000.00; 80000 = 80000.00 = 80000.00; 50000.00 is within it',
    });
    // exactly at the limit is within it
    expect(apply(cap, '80000', ctx('gain')).formula).toContain('80000.00 is within it');
  });

  it('takes the smallest limit wherever it is listed, a percentage of revenue among them', () => {
    // revenue 1,200,000: 5 % of it is 60,000, below 80,000 and 10 % of the budget (100,000)
    const step: Step = {
      id: 'cap',
      type: 'cap',
      applies: 'gain',
      limits: [{ amount: '80000' }, { percentOfRevenue: '5' }, { percentOfBudget: '10' }],
    };
    const outcome = apply(step, '120000', ctx('gain', { revenue: Decimal.of('1200000') }));
    expect(outcome.amount).toBe('60000.00');
    expect(outcome.inputs[2]).toEqual({ name: '5 % of revenue', value: '60000.00' });
    // with the smallest first: 50,000 then 10 % of the budget
    const first: Step = { ...step, limits: [{ amount: '50000' }, { percentOfBudget: '10' }] };
    expect(apply(first, '120000', ctx('gain')).amount).toBe('50000');
  });

  it('passes the other side through, and refuses a limit of revenue it cannot know', () => {
    expect(apply({ ...cap, applies: 'gain' }, '5', ctx('loss'))).toMatchObject({
      applied: false,
      formula: 'not applied: a cap on gains',
    });
    expect(apply({ ...cap, applies: 'loss' }, '5', ctx('gain'))).toMatchObject({
      applied: false,
      formula: 'not applied: a limit on losses',
    });
    expect(() => apply({ ...cap, limits: [{ percentOfRevenue: '5' }] }, '5', ctx('gain'))).toThrowError(
      "limit 5 % of revenue of cap 'cap': the contract was not validated (validateContract refuses it)",
    );
  });

  it('checks each limit: one basis, revenue that can be known, amounts in minor units, bare figures below 1', () => {
    // limits the schema would refuse (two bases, none), as an unvalidated declaration may hold them
    const capOf = (limits: unknown[]) => ({ id: 'cap', type: 'cap', applies: 'gain', limits }) as Step;
    const step = capOf([{ amount: '1.005', percentOfBudget: '10' }, { percentOfRevenue: '0.5' }, {}]);
    const { found: problems, minorUnits } = checked(step, { revenueKnown: false });
    expect(problems).toEqual([
      [
        'error',
        ['limits', 0],
        'limit_basis',
        'a limit needs exactly one of "amount", "percentOfBudget" or "percentOfRevenue"',
      ],
      [
        'warning',
        ['limits', 1, 'percentOfRevenue'],
        'percent_below_one',
        `limit 2 of cap 'cap' (per cent of revenue) is "0.5", read as 0.5 % (a bare figure is a percentage); if the scheme means a fraction (50 %), write "50" or { "fraction": "0.5" }; to say 0.5 % is meant, write { "percent": "0.5" }`,
      ],
      [
        'error',
        ['limits', 1, 'percentOfRevenue'],
        'revenue_unknown',
        `a limit in per cent of revenue needs the pool's "revenue", or a contract value for every member`,
      ],
      [
        'error',
        ['limits', 2],
        'limit_basis',
        'a limit needs exactly one of "amount", "percentOfBudget" or "percentOfRevenue"',
      ],
    ]);
    expect(minorUnits).toEqual([
      ['1.005', ['limits', 0, 'amount']],
      [undefined, ['limits', 1, 'amount']],
      [undefined, ['limits', 2, 'amount']],
    ]);
    // revenue that can be known: no problem with a percentage of it
    expect(found(capOf([{ percentOfRevenue: '5' }]), { revenueKnown: true })).toEqual([]);
    expect(found(capOf([{ percentOfBudget: '0.25' }])).map(([kind, path, code]) => [kind, path, code])).toEqual([
      ['warning', ['limits', 0, 'percentOfBudget'], 'percent_below_one'],
    ]);
  });
});

describe('adjustment step', () => {
  it('adds a stated sum, never taking the amount below zero', () => {
    // the @example: 10,000 + (−2,655.00) = 7,345.00
    expect(apply({ id: 'a', type: 'adjustment', amount: '-2655.00' }, '10000', ctx('gain'))).toEqual({
      applied: true,
      amount: '7345.00',
      formula: '10000.00 + (-2655.00) = 7345.00',
      inputs: [
        { name: 'amount before', value: '10000.00' },
        { name: 'adjustment', value: '-2655.00' },
      ],
    });
    // 1,000 − 2,655 = −1,655: held at 0
    expect(apply({ id: 'a', type: 'adjustment', amount: '-2655.00' }, '1000', ctx('loss'))).toMatchObject({
      amount: '0',
      formula: '1000.00 + (-2655.00) = -1655.00, not below zero: 0',
    });
    // 2,655 − 2,655 = 0.00 exactly: not below zero, so as it is
    expect(apply({ id: 'a', type: 'adjustment', amount: '-2655.00' }, '2655', ctx('loss'))).toMatchObject({
      amount: '0.00',
      formula: '2655.00 + (-2655.00) = 0.00',
    });
  });

  it('reduces the amount for an exceptional event pro rata, the reduction rounded as money', () => {
    // the @example: 4 of 12 months (0.333333333333333333 to 18 places), 50 % of the population:
    // 12,000 × 0.333333333333333333 × 0.50 = 1999.999999999999998, rounded half-up to 2000.00
    const step: Step = {
      id: 'a',
      type: 'adjustment',
      exceptional: { affectedMonths: '4', months: '12', affectedPopulation: '50' },
    };
    expect(apply(step, '12000', ctx('gain'))).toEqual({
      applied: true,
      amount: '10000.00',
      formula:
        'exceptional event: reduction = 12000.00 × 4/12 months × 50 % of the population = 1999.999999999999998, rounded half-up to 2000.00; 12000.00 − 2000.00 = 10000.00',
      inputs: [
        { name: 'amount before', value: '12000.00' },
        { name: 'affected months', value: '4 of 12' },
        { name: 'affected population', value: '50 %' },
        { name: 'reduction', value: '2000.00' },
      ],
    });
    // rounded down (the contract's mode) the reduction is 1999.99 and 10,000.01 is left
    expect(apply(step, '12000', ctx('gain', { mode: 'down' })).amount).toBe('10000.01');
  });

  it('applies to both sides unless told otherwise, and to the one it names', () => {
    const step: Step = { id: 'a', type: 'adjustment', amount: '-1.00' };
    expect(apply(step, '10', ctx('loss')).amount).toBe('9.00');
    expect(apply({ ...step, applies: 'gain' }, '10', ctx('loss'))).toMatchObject({
      applied: false,
      amount: '10',
      formula: 'not applied: an adjustment to gains only',
    });
    expect(apply({ ...step, applies: 'loss' }, '10', ctx('loss')).amount).toBe('9.00');
  });

  it('checks it has exactly one kind, more months than affected, and its sum in minor units', () => {
    expect(checked({ id: 'a', type: 'adjustment' })).toEqual({
      found: [['error', [], 'adjustment_kind', `adjustment 'a' needs exactly one of "amount" or "exceptional"`]],
      minorUnits: [[undefined, ['amount']]],
    });
    const both: Step = {
      id: 'a',
      type: 'adjustment',
      amount: '1.001',
      exceptional: { affectedMonths: '13', months: '12', affectedPopulation: '50' },
    };
    expect(checked(both)).toEqual({
      found: [
        ['error', [], 'adjustment_kind', `adjustment 'a' needs exactly one of "amount" or "exceptional"`],
        [
          'error',
          ['exceptional', 'affectedMonths'],
          'affected_months',
          '13 affected months is more than the 12 months of the period',
        ],
      ],
      minorUnits: [['1.001', ['amount']]],
    });
    // all 12 of 12 months affected is allowed
    expect(
      found({
        id: 'a',
        type: 'adjustment',
        exceptional: { affectedMonths: '12', months: '12', affectedPopulation: '5' },
      }),
    ).toEqual([]);
  });
});

describe('round step', () => {
  it('rounds with the contract’s mode and says to how many places', () => {
    // the @example: places 0, half-even: 12,345.50 → 12,346; 12,344.50 → 12,344
    expect(apply({ id: 'r', type: 'round', places: 0 }, '12345.50', ctx('gain', { mode: 'half-even' }))).toEqual({
      applied: true,
      amount: '12346',
      formula: '12345.50 rounded half-even to 0 decimal places = 12346',
      inputs: [{ name: 'amount before', value: '12345.50' }],
    });
    expect(apply({ id: 'r', type: 'round', places: 0 }, '12344.50', ctx('loss', { mode: 'half-even' })).amount).toBe(
      '12344',
    );
    // one place, singular: 2.25 half-even → 2.2
    expect(apply({ id: 'r', type: 'round', places: 1 }, '2.25', ctx('gain', { mode: 'half-even' })).formula).toBe(
      '2.25 rounded half-even to 1 decimal place = 2.2',
    );
    expect(found({ id: 'r', type: 'round', places: 1 })).toEqual([]);
  });
});

describe('the checks of rate, corridor, bands, deduction and gateway steps', () => {
  it('a rate: each side needs one form, from a source that exists, with its floor not above its ceiling', () => {
    const rate = (gain: unknown, loss?: unknown) =>
      found({ id: 'r', type: 'rate', gain, ...(loss === undefined ? {} : { loss }) } as Step).map(
        ([, path, code, message]) => [path, code, message],
      );
    expect(rate({}, {})).toEqual([
      [['gain'], 'rate_missing', `the gain rate of step 'r' needs "percent"`],
      [['loss'], 'rate_missing', `the loss rate of step 'r' needs "percent" or "oneMinusGain"`],
    ]);
    expect(rate({ percent: '50', oneMinusGain: true })).toEqual([
      [['gain'], 'rate_conflict', `the gain rate of step 'r' gives both "percent" and "oneMinusGain"; give one`],
      [['gain', 'oneMinusGain'], 'one_minus_gain_on_gain', '"oneMinusGain" belongs on the loss side'],
    ]);
    expect(found({ id: 'r', type: 'rate', loss: { oneMinusGain: true } } as Step).map(([, , code]) => code)).toEqual([
      'one_minus_gain_without_gain',
    ]);
    expect(
      found({ id: 'r', type: 'rate', loss: { oneMinusGain: true } } as Step).map(([, path, , message]) => [
        path,
        message,
      ]),
    ).toEqual([
      [['loss', 'oneMinusGain'], `the loss rate of step 'r' is 1 − the gain rate, but the step declares no gain rate`],
    ]);
    expect(rate({ percent: '50', quality: { measure: 'q', pool: 'outcomes' } })).toEqual([
      [['gain', 'quality'], 'quality_source', 'a quality score comes from exactly one of "measure" or "pool"'],
    ]);
    expect(rate({ percent: '50', quality: {} })).toEqual([
      [['gain', 'quality'], 'quality_source', 'a quality score comes from exactly one of "measure" or "pool"'],
    ]);
    expect(rate({ percent: '50', quality: { pool: 'outcomes' } })).toEqual([]);
    expect(rate({ percent: '50', quality: { pool: 'other' } })).toEqual([
      [
        ['gain', 'quality', 'pool'],
        'unknown_pool',
        `'other' is not an outcome pool of this contract (outcome pools: outcomes)`,
      ],
    ]);
    expect(
      found({ id: 'r', type: 'rate', gain: { percent: '5', quality: { pool: 'p' } } } as Step, {
        outcomePools: new Set(),
      }).map(([, , , message]) => message),
    ).toEqual([`'p' is not an outcome pool of this contract (outcome pools: none)`]);
    expect(rate({ percent: '50' }, { oneMinusGain: true, quality: { measure: 'q' } })).toEqual([
      [['loss', 'quality'], 'rate_conflict', 'a rate of 1 − the gain rate takes its quality from the gain rate'],
    ]);
    expect(rate({ percent: '50', floor: '40', ceiling: '30' })).toEqual([
      [['gain', 'floor'], 'floor_above_ceiling', `the gain rate floor of step 'r' (40 %) is above its ceiling (30 %)`],
    ]);
    expect(rate({ percent: '50', floor: '30', ceiling: '30' })).toEqual([]);
  });

  it('a rate: a bare figure below 1 is refused, as it may be a fraction, for its rate, floor and ceiling', () => {
    const problems = found({
      id: 'r',
      type: 'rate',
      gain: { percent: '0.5', floor: '0.1', ceiling: '0.9' },
    } as Step);
    expect(problems.map(([kind, path, code]) => [kind, path, code])).toEqual([
      ['error', ['gain', 'percent'], 'percent_or_fraction'],
      ['error', ['gain', 'floor'], 'percent_or_fraction'],
      ['error', ['gain', 'ceiling'], 'percent_or_fraction'],
    ]);
    expect(problems[0]![3]).toBe(
      `the gain sharing rate of step 'r' is "0.5", which could be a fraction (50 %) or a percentage (0.5 %): write "50" or { "fraction": "0.5" } for 50 %, or { "percent": "0.5" } if 0.5 % is meant`,
    );
    expect(problems[1]![3]).toContain(`the gain rate floor of step 'r' is "0.1"`);
    expect(problems[2]![3]).toContain(`the gain rate ceiling of step 'r' is "0.9"`);
    // 1 and above, and the explicit forms, are never questioned
    expect(found({ id: 'r', type: 'rate', gain: { percent: '1' } } as Step)).toEqual([]);
  });

  it('a step declaring neither side does nothing and says so (rate, corridor, bands)', () => {
    const message = (id: string) => `step '${id}' declares neither a "gain" nor a "loss" side, so it does nothing`;
    expect(found({ id: 'r', type: 'rate' } as Step)).toEqual([['error', [], 'no_side', message('r')]]);
    expect(found({ id: 'c', type: 'corridor', sharing: 'first-pound' } as Step)).toEqual([
      ['error', [], 'no_side', message('c')],
    ]);
    expect(found({ id: 'b', type: 'bands' } as Step)).toEqual([['error', [], 'no_side', message('b')]]);
  });

  it('a corridor of a bare figure below 1 is read as a percentage, with a warning on each side', () => {
    expect(found({ id: 'c', type: 'corridor', gain: '0.02', loss: '0.5', sharing: 'first-pound' })).toEqual([
      [
        'warning',
        ['gain'],
        'percent_below_one',
        `the minimum savings rate of corridor 'c' is "0.02", read as 0.02 % (a bare figure is a percentage); if the scheme means a fraction (2 %), write "2" or { "fraction": "0.02" }; to say 0.02 % is meant, write { "percent": "0.02" }`,
      ],
      [
        'warning',
        ['loss'],
        'percent_below_one',
        `the minimum loss rate of corridor 'c' is "0.5", read as 0.5 % (a bare figure is a percentage); if the scheme means a fraction (50 %), write "50" or { "fraction": "0.5" }; to say 0.5 % is meant, write { "percent": "0.5" }`,
      ],
    ]);
  });

  it('bands: from 0 %, no gap, no overlap, only the last open, each ending after it starts', () => {
    const bands = (list: { from: string; to?: string; percent: string }[]) =>
      found({ id: 'b', type: 'bands', loss: list }).map(([, path, code, message]) => [path, code, message]);
    expect(
      bands([
        { from: '1', to: '2', percent: '50' },
        { from: '3', to: '4', percent: '50' },
        { from: '3.5', percent: '50' },
      ]),
    ).toEqual([
      [['loss', 0, 'from'], 'bands_not_from_zero', 'the first loss band must start at 0 %, not 1 %'],
      [['loss', 1, 'from'], 'bands_gap', 'loss band 2 starts at 3 % but band 1 ends at 2 %: a gap'],
      [['loss', 2, 'from'], 'bands_overlap', 'loss band 3 starts at 3.5 % but band 2 ends at 4 %: they overlap'],
    ]);
    expect(
      bands([
        { from: '0', percent: '50' },
        { from: '2', to: '2', percent: '50' },
      ]),
    ).toEqual([
      [['loss', 0, 'to'], 'band_open_not_last', 'only the last loss band may leave out "to" (and above)'],
      [['loss', 1, 'to'], 'band_empty', 'loss band 2 ends (2 %) at or before it starts (2 %)'],
    ]);
    expect(
      bands([
        { from: '0', to: '2', percent: '100' },
        { from: '2', to: '5', percent: '50' },
        { from: '5', percent: '25' },
      ]),
    ).toEqual([]);
    // a band's share below 1 is refused; its start and end below 1 are warned about
    expect(
      found({ id: 'b', type: 'bands', gain: [{ from: '0', to: '0.5', percent: '0.5' }] }).map(([kind, path, code]) => [
        kind,
        path,
        code,
      ]),
    ).toEqual([
      ['error', ['gain', 0, 'percent'], 'percent_or_fraction'],
      ['warning', ['gain', 0, 'to'], 'percent_below_one'],
    ]);
  });

  it('a deduction of a bare figure below 1 warns; a gateway’s loss rate on failure below 1 is refused', () => {
    expect(
      found({ id: 'd', type: 'deduction', percent: '0.25' }).map(([kind, path, code, message]) => [
        kind,
        path,
        code,
        message,
      ]),
    ).toEqual([
      [
        'warning',
        ['percent'],
        'percent_below_one',
        `the deduction of step 'd' is "0.25", read as 0.25 % (a bare figure is a percentage); if the scheme means a fraction (25 %), write "25" or { "fraction": "0.25" }; to say 0.25 % is meant, write { "percent": "0.25" }`,
      ],
    ]);
    const gateway: Step = {
      id: 'g',
      type: 'gateway',
      name: 'Quality',
      measure: 'q',
      direction: 'higher-is-better',
      threshold: '1',
      onFail: { lossPercent: '0.75' },
    };
    expect(found(gateway).map(([kind, path, code, message]) => [kind, path, code, message])).toEqual([
      [
        'error',
        ['onFail', 'lossPercent'],
        'percent_or_fraction',
        `the loss rate on failure of gateway 'g' is "0.75", which could be a fraction (75 %) or a percentage (0.75 %): write "75" or { "fraction": "0.75" } for 75 %, or { "percent": "0.75" } if 0.75 % is meant`,
      ],
    ]);
  });
});

describe('the sides a step is declared for', () => {
  const gateway = (onFail: { gain?: 'forfeit'; lossPercent?: string }): Step => ({
    id: 'g',
    type: 'gateway',
    name: 'Quality',
    measure: 'q',
    direction: 'higher-is-better',
    threshold: '1',
    onFail,
  });

  it('by each kind of step: what it shares, and what it names', () => {
    expect(stepSides({ id: 'r', type: 'rate', loss: { percent: '5' } })).toEqual({ shares: ['loss'], names: ['loss'] });
    expect(stepSides({ id: 'b', type: 'bands', gain: [{ from: '0', percent: '5' }] })).toEqual({
      shares: ['gain'],
      names: ['gain'],
    });
    expect(stepSides({ id: 'c', type: 'corridor', gain: '2', loss: '2', sharing: 'first-pound' })).toEqual({
      shares: [],
      names: ['gain', 'loss'],
    });
    expect(stepSides({ id: 'd', type: 'deduction', percent: '2' })).toEqual({ shares: [], names: [] });
    expect(stepSides({ id: 'd', type: 'deduction', percent: '2', applies: 'both' })).toEqual({
      shares: [],
      names: ['gain', 'loss'],
    });
    expect(stepSides({ id: 'c', type: 'cap', applies: 'loss', limits: [{ amount: '1' }] })).toEqual({
      shares: [],
      names: ['loss'],
    });
    expect(stepSides({ id: 'a', type: 'adjustment', amount: '1', applies: 'gain' })).toEqual({
      shares: [],
      names: ['gain'],
    });
    expect(stepSides({ id: 'r', type: 'round', places: 0 })).toEqual({ shares: [], names: [] });
    expect(stepSides(gateway({ gain: 'forfeit', lossPercent: '75' }))).toEqual({ shares: [], names: ['gain', 'loss'] });
    expect(stepSides(gateway({ lossPercent: '75' }))).toEqual({ shares: [], names: ['loss'] });
    expect(stepSides(gateway({}))).toEqual({ shares: [], names: [] });
  });

  it('the sides a pool shares: as declared, or those its steps share', () => {
    const steps: Step[] = [
      { id: 'c', type: 'corridor', loss: '2', sharing: 'first-pound' },
      { id: 'r', type: 'rate', gain: { percent: '50' } },
    ];
    expect(sharedSides(undefined, steps)).toEqual(['gain']);
    expect(sharedSides('both', steps)).toEqual(['gain', 'loss']);
    expect(sharedSides('loss', steps)).toEqual(['loss']);
    expect(sharedSides(undefined, [{ id: 'r', type: 'rate', loss: { percent: '5' }, gain: { percent: '5' } }])).toEqual(
      ['gain', 'loss'],
    );
  });
});
