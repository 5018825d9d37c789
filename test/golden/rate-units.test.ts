import { describe, expect, it } from 'vitest';
import { settle, validateContract, type RiskSharePoolInput } from '../../src/index.js';
import { savingsContract, spendOf, US_YEAR } from './helpers.js';

/*
 * Rates say their unit (issue 12, item 2). The Medicare Shared Savings Program publishes its
 * rates as fractions: a 2 % minimum savings rate as 0.02 and a 50 % sharing rate as 0.5
 * (42 CFR 425.604). Written { "fraction": "0.02" }, the corridor is 2 % of the benchmark, so
 * savings of 1 % (1,000,000.00 of 100,000,000.00) are not shared at all, and savings of 2 % are
 * shared from the first dollar at 50 %: 1,000,000.00. Before, { "fraction": ... } was refused and
 * the bare "0.02" was read as 0.02 % without a word, so the 1 % saving paid 500,000.00.
 */

type Steps = RiskSharePoolInput['steps'];
const PERIOD = US_YEAR;
const contract = (steps: Steps) => savingsContract({ sides: 'gain', steps });
const spend = spendOf;
const shared = (steps: Steps, value: string) =>
  settle(contract(steps), spend(value), { period: PERIOD }).riskShares[0]!.allianceShare;

const cms: Steps = [
  { id: 'msr', type: 'corridor', gain: { fraction: '0.02' }, sharing: 'first-pound' },
  { id: 'rate', type: 'rate', gain: { fraction: '0.5' } },
];

describe('rates written as the scheme writes them, as fractions', () => {
  it('a 1 % saving under a 2 % MSR written { "fraction": "0.02" } is not shared: 0.00', () => {
    expect(shared(cms, '99000000.00')).toBe('0.00');
  });

  it('a 2 % saving reaches the MSR and is shared at 50 % from the first dollar: 1,000,000.00', () => {
    expect(shared(cms, '98000000.00')).toBe('1000000.00');
  });

  it('the fraction forms give the same pennies as the percentages "2" and { "percent": "50" }', () => {
    const percents: Steps = [
      { id: 'msr', type: 'corridor', gain: '2', sharing: 'first-pound' },
      { id: 'rate', type: 'rate', gain: { percent: '50' } },
    ];
    for (const value of ['99000000.00', '98000000.00', '96543210.99'])
      expect(shared(cms, value)).toBe(shared(percents, value));
    // 3,456,789.01 × 50 % = 1,728,394.505, half-up to the cent
    expect(shared(cms, '96543210.99')).toBe('1728394.51');
  });

  it('the trace shows the rate in per cent, whichever way it was written', () => {
    const settlement = settle(contract(cms), spend('98000000.00'), { period: PERIOD });
    expect(settlement.trace['pool:share:step:rate']!.inputs).toContainEqual({ name: 'rate', value: '50 %' });
    // amounts in the working are in cents, like every other amount (issue 12, item 6)
    expect(settlement.trace['pool:share:step:msr']!.inputs.map((i) => i.value)).toEqual([
      '2000000.00',
      '2 % of the budget = 2000000.00',
    ]);
  });
});

describe('a bare figure below 1 where it is probably a fraction is refused', () => {
  const issues = (steps: Steps) => {
    const result = validateContract(contract(steps));
    expect(result.success).toBe(false);
    return result.issues.map((issue) => [issue.path, issue.code, issue.message]);
  };

  it('a sharing rate of "0.5" as { "percent": "0.5" }: 50 % or 0.5 %?', () => {
    expect(issues([{ id: 'rate', type: 'rate', gain: { percent: '0.5' } }])).toEqual([
      [
        'pools[0].steps[0].gain.percent',
        'percent_or_fraction',
        `the gain sharing rate of step 'rate' is "0.5", which could be a fraction (50 %) or a percentage (0.5 %): write "50" or { "fraction": "0.5" } for 50 %, or { "percent": "0.5" } if 0.5 % is meant`,
      ],
    ]);
  });

  it('a sharing rate written as a bare string "0.5" says how to write each reading', () => {
    expect(issues([{ id: 'rate', type: 'rate', gain: '0.5' as never }])).toEqual([
      [
        'pools[0].steps[0].gain',
        'invalid_type',
        `a sharing rate is an object, such as { "percent": "50" } or { "fraction": "0.5" }, got "0.5": write { "fraction": "0.5" } for 50 %, or { "percent": "0.5" } if 0.5 % is meant`,
      ],
    ]);
  });

  it('a band share of "0.5" is refused; a rate floor of "0.4" is refused', () => {
    const band = issues([{ id: 'bands', type: 'bands', gain: [{ from: '0', percent: '0.5' }] }]);
    expect(band.map(([path, code]) => [path, code])).toEqual([
      ['pools[0].steps[0].gain[0].percent', 'percent_or_fraction'],
    ]);
    const floor = issues([{ id: 'rate', type: 'rate', gain: { percent: '50', floor: '0.4' } }]);
    expect(floor.map(([path, code]) => [path, code])).toEqual([
      ['pools[0].steps[0].gain.floor', 'percent_or_fraction'],
    ]);
  });

  it('0.5 % said explicitly is accepted without a warning', () => {
    const steps: Steps = [{ id: 'rate', type: 'rate', gain: { percent: { percent: '0.5' } } }];
    const result = validateContract(contract(steps));
    expect([result.success, result.warnings]).toEqual([true, []]);
    // 2,000,000.00 × 0.5 % = 10,000.00
    expect(shared(steps, '98000000.00')).toBe('10000.00');
  });
});

describe('a bare figure below 1 where small values are real is read as written, with a warning', () => {
  const asWritten: Steps = [
    { id: 'msr', type: 'corridor', gain: '0.02', sharing: 'first-pound' },
    { id: 'rate', type: 'rate', gain: { percent: '50' } },
  ];
  const message = `the minimum savings rate of corridor 'msr' is "0.02", read as 0.02 % (a bare figure is a percentage); if the scheme means a fraction (2 %), write "2" or { "fraction": "0.02" }; to say 0.02 % is meant, write { "percent": "0.02" }`;

  it('validateContract accepts a corridor of "0.02" and warns, at its path in the file', () => {
    const result = validateContract(contract(asWritten));
    expect(result.success).toBe(true);
    expect(result.warnings).toEqual([{ path: 'pools[0].steps[0].gain', code: 'percent_below_one', message }]);
  });

  it('settle repeats the warning, by ids, and the figure is the one written: 0.02 %, 500,000.00', () => {
    const settlement = settle(contract(asWritten), spend('99000000.00'), { period: PERIOD });
    expect(settlement.warnings).toEqual([{ path: 'pools[share].steps[msr].gain', code: 'percent_below_one', message }]);
    expect(settlement.riskShares[0]!.allianceShare).toBe('500000.00');
  });

  it('a warning never changes a figure: the same settlement as { "percent": "0.02" }, but for the warning', () => {
    const explicit: Steps = [{ ...asWritten[0]!, gain: { percent: '0.02' } } as Steps[number], asWritten[1]!];
    const a = settle(contract(asWritten), spend('99000000.00'), { period: PERIOD });
    const b = settle(contract(explicit), spend('99000000.00'), { period: PERIOD });
    expect(b.warnings).toEqual([]);
    const hashes = { warnings: [], contractHash: '', inputsHash: '', settlementHash: '' };
    expect({ ...a, ...hashes }).toEqual({ ...b, ...hashes });
  });

  it('a withhold (deduction) of "0.25" warns: CMS-style withholds are 25 %, not 0.25 %', () => {
    const result = validateContract(
      contract([
        { id: 'rate', type: 'rate', gain: { fraction: '0.5' } },
        { id: 'withhold', type: 'deduction', applies: 'gain', percent: '0.25' },
      ]),
    );
    expect(result.warnings.map((w) => [w.path, w.code])).toEqual([['pools[0].steps[1].percent', 'percent_below_one']]);
  });
});
