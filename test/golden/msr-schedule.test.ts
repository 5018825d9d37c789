import { describe, expect, it } from 'vitest';
import { MeasurementError, settle, validateContract, type MeasurementInput } from '../../src/index.js';
import { savingsContract, spendOf, US_YEAR } from './helpers.js';

/*
 * Worked example: the MSSP one-sided track's minimum savings rate, looked up from the number of
 * assigned beneficiaries (42 CFR 425.604(b)): 3.9 % at 5,000 moving to 3.6 % at 5,999, ... 2.2 %
 * at 50,000 to 2.0 % at 59,999, and 2.0 % at 60,000 and over; the rate moves linearly within each
 * band from its first count to its last. Budget (benchmark) 100,000,000.00; savings shared at
 * 50 % from the first dollar once they reach the MSR. The schedule declares 2 decimal places.
 *
 *   5,500:  3.9 + (5500 − 5000) × (3.6 − 3.9) / (5999 − 5000) = 3.9 − 150/999 = 3.7498498… → 3.75 %
 *   9,500:  3.1 + 500 × (3.0 − 3.1) / 999 = 3.1 − 50/999 = 3.0499499… → 3.05 % (3.0 % at 1 place)
 *   59,999: 2.2 + 9999 × (2.0 − 2.2) / 9999 = 2.00 %
 */

const MSSP_BANDS = [
  { from: '5000', to: '5999', percent: { from: '3.9', to: '3.6' } },
  { from: '6000', to: '6999', percent: { from: '3.6', to: '3.4' } },
  { from: '7000', to: '7999', percent: { from: '3.4', to: '3.2' } },
  { from: '8000', to: '8999', percent: { from: '3.2', to: '3.1' } },
  { from: '9000', to: '9999', percent: { from: '3.1', to: '3.0' } },
  { from: '10000', to: '14999', percent: { from: '3.0', to: '2.7' } },
  { from: '15000', to: '19999', percent: { from: '2.7', to: '2.5' } },
  { from: '20000', to: '49999', percent: { from: '2.5', to: '2.2' } },
  { from: '50000', to: '59999', percent: { from: '2.2', to: '2.0' } },
  { from: '60000', percent: '2.0' },
];

const contract = (places = 2, bands: unknown[] = MSSP_BANDS) =>
  savingsContract({
    sides: 'gain',
    steps: [
      {
        id: 'msr',
        type: 'corridor',
        sharing: 'first-pound',
        gainSchedule: { measure: 'assigned-beneficiaries', places, bands: bands as never },
      },
      { id: 'rate', type: 'rate', gain: { percent: '50' } },
    ],
  });

const measured = (spend: string, beneficiaries: string): MeasurementInput[] => [
  ...spendOf(spend),
  { metric: 'assigned-beneficiaries', period: US_YEAR, value: beneficiaries, status: 'final' },
];

const run = (spend: string, beneficiaries: string, places = 2) =>
  settle(contract(places), measured(spend, beneficiaries), { period: US_YEAR });

const corridorOf = (settlement: ReturnType<typeof run>) =>
  settlement.trace['pool:share:step:msr']!.inputs.find((i) => i.name === 'corridor')!.value;

describe('a minimum savings rate looked up by assigned beneficiaries (42 CFR 425.604(b))', () => {
  it.each([
    ['5000', '3.90', '3900000.00'],
    ['5500', '3.75', '3750000.00'],
    ['5999', '3.60', '3600000.00'],
    ['9500', '3.05', '3050000.00'],
    ['59999', '2.00', '2000000.00'],
    ['60000', '2.00', '2000000.00'],
    ['250000', '2.00', '2000000.00'],
  ])('%s beneficiaries: an MSR of %s %%, a corridor of %s', (beneficiaries, percent, threshold) => {
    expect(corridorOf(run('90000000.00', beneficiaries))).toBe(`${percent} % of the budget = ${threshold}`);
  });

  it('9,500 beneficiaries: savings of 3 % are not shared (below 3.05 %); 3.1 % are, from the first dollar', () => {
    expect(run('97000000.00', '9500').riskShares[0]!.allianceShare).toBe('0.00');
    // 3,100,000.00 × 50 % = 1,550,000.00
    expect(run('96900000.00', '9500').riskShares[0]!.allianceShare).toBe('1550000.00');
  });

  it('5,000 beneficiaries: 3,899,999.99 of savings is a cent short of the 3.9 % MSR; 3,900,000.00 is shared', () => {
    expect(run('96100000.01', '5000').riskShares[0]!.allianceShare).toBe('0.00');
    expect(run('96100000.00', '5000').riskShares[0]!.allianceShare).toBe('1950000.00');
  });

  it('shows the rate to the places the schedule declares, worked in the trace', () => {
    const node = run('97000000.00', '9500').trace['pool:share:step:msr']!;
    expect(node.inputs.map((i) => [i.name, i.value])).toEqual([
      ['amount before', '3000000.00'],
      ['assigned-beneficiaries', '9500'],
      ['band', '9000 to 9999: 3.1 % to 3.0 %'],
      [
        'rate from the schedule',
        '3.1 % + (9500 − 9000) × (3.0 − 3.1) / (9999 − 9000) = 3.05 % (rounded half-up to 2 decimal places, as the schedule declares)',
      ],
      ['corridor', '3.05 % of the budget = 3050000.00'],
    ]);
    expect(node.formula).toBe('3000000.00 is below the corridor of 3050000.00: nothing is shared');
  });

  it('at 1 declared place, 9,500 beneficiaries give 3.0 %, and savings of 3 % are shared', () => {
    const settlement = run('97000000.00', '9500', 1);
    expect(corridorOf(settlement)).toBe('3.0 % of the budget = 3000000.00');
    expect(settlement.riskShares[0]!.allianceShare).toBe('1500000.00');
  });
});

describe('a schedule that gives no rate is refused', () => {
  const problems = (beneficiaries: string | undefined) => {
    const measurements = beneficiaries === undefined ? spendOf('90000000.00') : measured('90000000.00', beneficiaries);
    try {
      settle(contract(), measurements, { period: US_YEAR });
    } catch (error) {
      expect(error).toBeInstanceOf(MeasurementError);
      return (error as MeasurementError).issues.map((i) => [i.path, i.code, i.message]);
    }
    throw new Error('settled');
  };

  it('below the first band: 4,999 beneficiaries (the track needs 5,000)', () => {
    expect(problems('4999')).toEqual([
      [
        'measurements[1].value',
        'outside_schedule',
        "'assigned-beneficiaries' is 4999, below the first band of the gain schedule of corridor 'msr' (from 5000): the schedule gives no rate for it",
      ],
    ]);
  });

  it('between two bands: 5,999.5', () => {
    const [problem] = problems('5999.5');
    expect(problem!.slice(0, 2)).toEqual(['measurements[1].value', 'outside_schedule']);
    expect(problem![2]).toMatch(
      /^'assigned-beneficiaries' is 5999\.5, which falls between the bands of the gain schedule of corridor 'msr' \(5000 to 5999: 3\.9 % to 3\.6 %; 6000 to 6999/,
    );
  });

  it('with no measurement of the count', () => {
    expect(problems(undefined)).toEqual([
      [
        'measurements',
        'missing_measurement',
        "no measurement of 'assigned-beneficiaries' in period '2026', needed by risk-share pool 'share'",
      ],
    ]);
  });
});

describe('a schedule declared wrongly is refused, each with its fix', () => {
  const issues = (input: ReturnType<typeof contract>) =>
    validateContract(input).issues.map((i) => [i.path, i.code, i.message]);
  const at = 'pools[0].steps[0].gainSchedule';

  it('an open band that is not the last, and an open band whose rate moves', () => {
    const bands = [
      { from: '5000', percent: '3.9' },
      { from: '6000', percent: { from: '3.6', to: '2.0' } },
    ];
    expect(issues(contract(2, bands))).toEqual([
      [
        `${at}.bands[0].to`,
        'band_open_not_last',
        'the gain schedule of corridor \'msr\': only the last band may leave out "to", band 0 does',
      ],
      [
        `${at}.bands[1].percent`,
        'band_open_rate_moves',
        'the gain schedule of corridor \'msr\': a band with no end has one rate ("percent": "2"), not a rate moving from 3.6 % to 2.0 %',
      ],
      [
        `${at}.bands[1].from`,
        'bands_overlap',
        "the gain schedule of corridor 'msr': band 1 starts at 6000, which must be after the end of band 0 (no end): bands go in ascending order without overlapping",
      ],
    ]);
  });

  it('a band whose rate moves but that ends where it starts, and bands that overlap', () => {
    const bands = [
      { from: '5000', to: '5000', percent: { from: '3.9', to: '3.6' } },
      { from: '5000', percent: '2.0' },
    ];
    expect(issues(contract(2, bands))).toEqual([
      [
        `${at}.bands[0].to`,
        'band_empty',
        "the gain schedule of corridor 'msr': band 0 ends at 5000, which must be after its start 5000 for its rate to move across it",
      ],
      [
        `${at}.bands[1].from`,
        'bands_overlap',
        "the gain schedule of corridor 'msr': band 1 starts at 5000, which must be after the end of band 0 (5000): bands go in ascending order without overlapping",
      ],
    ]);
  });

  it('a rate and a schedule for the same side', () => {
    const input = contract();
    const step = (input.pools[0] as { steps: Record<string, unknown>[] }).steps[0]!;
    step.gain = '2';
    expect(issues(input)).toEqual([
      [
        at,
        'rate_and_schedule',
        'corridor \'msr\' gives both "gain" and "gainSchedule": give one rate, or a schedule to look it up from',
      ],
    ]);
  });
});

describe('flat bands, open bands and the loss side of a schedule', () => {
  it('a band with one rate gives it at every count, shown to the declared places, and names the open band', () => {
    // 2.0 % from 60,000 beneficiaries and over, at 2 places: "2.00 %"
    const node = run('90000000.00', '75000').trace['pool:share:step:msr']!;
    expect(node.inputs.map((i) => [i.name, i.value]).slice(1, 4)).toEqual([
      ['assigned-beneficiaries', '75000'],
      ['band', '60000 and over: 2.0 %'],
      ['rate from the schedule', '2.00 %, the rate of its band'],
    ]);
  });

  it('a closed band with one rate (5,000 to 5,999 at 3.9 %) is not interpolated', () => {
    const bands = [{ from: '5000', to: '5999', percent: '3.9' }, ...MSSP_BANDS.slice(1)];
    const settlement = settle(contract(2, bands), measured('90000000.00', '5500'), { period: US_YEAR });
    expect(corridorOf(settlement)).toBe('3.90 % of the budget = 3900000.00');
    // a band with one rate may start and end at the same count; one that ends before it starts may not
    expect(validateContract(contract(2, [{ from: '5000', to: '5000', percent: '3.9' }])).issues).toEqual([]);
    const backwards = validateContract(contract(2, [{ from: '5000', to: '4999', percent: '3.9' }])).issues;
    expect(backwards.map((i) => [i.path, i.code, i.message])).toEqual([
      [
        'pools[0].steps[0].gainSchedule.bands[0].to',
        'band_empty',
        "the gain schedule of corridor 'msr': band 0 ends at 4999, before its start 5000",
      ],
    ]);
  });

  it('a loss schedule sets the minimum loss rate, and leaves the gain side alone', () => {
    // losses shared at 50 % beyond a minimum loss rate looked up by beneficiaries: 9,500 → 3.05 %
    const input = savingsContract({
      sides: 'loss',
      steps: [
        {
          id: 'mlr',
          type: 'corridor',
          sharing: 'first-pound',
          lossSchedule: { measure: 'assigned-beneficiaries', places: 2, bands: MSSP_BANDS as never },
        },
        { id: 'rate', type: 'rate', loss: { percent: '50' } },
      ],
    });
    const loss = (spend: string) =>
      settle(input, measured(spend, '9500'), { period: US_YEAR }).riskShares[0]!.allianceShare;
    expect(loss('103000000.00')).toBe('0.00'); // a 3 % loss, below the 3.05 % minimum loss rate
    expect(loss('103100000.00')).toBe('-1550000.00'); // 3,100,000.00 × 50 %, borne by the ACO
  });
});
