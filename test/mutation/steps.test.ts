import { describe, expect, it } from 'vitest';
import { settle, type MeasurementInput } from '../../src/index.js';
import { Decimal } from '../../src/money/decimal.js';
import { applyStep, type StepContext } from '../../src/share/index.js';
import type { Step } from '../../src/share/index.js';
import { savingsContract, US_YEAR } from '../golden/helpers.js';

// Source of the rules: the doc comments and @examples of each step in src/share/<step>/index.ts
// (design.md section 3, risk share). The contract is the shared-savings one of
// test/golden/helpers.ts: a benchmark of 100,000,000.00 against the measure `spend`, one ACO, so
// the alliance's share is the ACO's part. A spend below the benchmark is a gain (a saving) of the
// difference; above it, a loss. Every figure is worked by hand in the comment beside it.

type Pool = Parameters<typeof savingsContract>[0];
const allianceShare = (pool: Pool, spend: string, more: Omit<MeasurementInput, 'period' | 'status'>[] = []) =>
  settle(
    savingsContract(pool),
    [
      { metric: 'spend', period: US_YEAR, value: spend, status: 'final' },
      ...more.map((m) => ({ ...m, period: US_YEAR, status: 'final' as const })),
    ],
    { period: US_YEAR },
  ).riskShares[0]!.allianceShare;

const SAVING_4M = '96000000.00'; // gain 4,000,000.00 (4 % of the budget)
const LOSS_4M = '104000000.00'; // loss 4,000,000.00
const SAVING_3M = '97000000.00';
const LOSS_3M = '103000000.00';

describe('rate step', () => {
  it('kills mutant: the rate step’s ceiling never applied', () => {
    // gain rate 60 % with a ceiling of 50 %: 60 % > 50 %, so 50 %: 4,000,000 × 0.5 = 2,000,000
    // (without the ceiling, 4,000,000 × 0.6 = 2,400,000)
    const pool: Pool = { sides: 'gain', steps: [{ id: 'r', type: 'rate', gain: { percent: '60', ceiling: '50' } }] };
    expect(allianceShare(pool, SAVING_4M)).toBe('2000000.00');
  });

  it('keeps a rate below its ceiling, and exactly at it, as it is', () => {
    // 40 % under a ceiling of 50 %: 1,600,000; 50 % at a ceiling of 50 %: 2,000,000
    const under: Pool = { sides: 'gain', steps: [{ id: 'r', type: 'rate', gain: { percent: '40', ceiling: '50' } }] };
    expect(allianceShare(under, SAVING_4M)).toBe('1600000.00');
    const at: Pool = { sides: 'gain', steps: [{ id: 'r', type: 'rate', gain: { percent: '50', ceiling: '50' } }] };
    expect(allianceShare(at, SAVING_4M)).toBe('2000000.00');
  });

  it('kills mutant: the rate step’s floor never applied', () => {
    // loss rate 20 % with a floor of 30 %: 4,000,000 × 0.3 = 1,200,000 borne by the alliance
    // (20 % would be 800,000); a rate above its floor (40 %) stays: 1,600,000
    const raised: Pool = { sides: 'loss', steps: [{ id: 'r', type: 'rate', loss: { percent: '20', floor: '30' } }] };
    expect(allianceShare(raised, LOSS_4M)).toBe('-1200000.00');
    const kept: Pool = { sides: 'loss', steps: [{ id: 'r', type: 'rate', loss: { percent: '40', floor: '30' } }] };
    expect(allianceShare(kept, LOSS_4M)).toBe('-1600000.00');
  });

  it('kills mutant: the gain rate used for a loss (and the loss rate for a gain)', () => {
    // gain 50 %, loss 25 %: a saving of 4,000,000 → 2,000,000; a loss of 4,000,000 → 1,000,000
    const pool: Pool = { steps: [{ id: 'r', type: 'rate', gain: { percent: '50' }, loss: { percent: '25' } }] };
    expect(allianceShare(pool, SAVING_4M)).toBe('2000000.00');
    expect(allianceShare(pool, LOSS_4M)).toBe('-1000000.00');
  });

  it('takes a loss rate of 1 − the gain rate from the gain rate as worked out, ceiling included', () => {
    // gain 80 % held to a ceiling of 70 % → 0.7; loss rate 1 − 0.7 = 0.3: 4,000,000 × 0.3 = 1,200,000
    const pool: Pool = {
      steps: [{ id: 'r', type: 'rate', gain: { percent: '80', ceiling: '70' }, loss: { oneMinusGain: true } }],
    };
    expect(allianceShare(pool, LOSS_4M)).toBe('-1200000.00');
  });
});

describe('corridor step', () => {
  // corridors of 2 % (gain) and 5 % (loss) of the 100,000,000 budget: 2,000,000 and 5,000,000
  const pool = (sharing: 'first-pound' | 'beyond-corridor'): Pool => ({
    steps: [
      { id: 'c', type: 'corridor', gain: '2', loss: '5', sharing },
      { id: 'r', type: 'rate', gain: { percent: '50' }, loss: { percent: '50' } },
    ],
  });

  it('kills mutant: a corridor using the gain percentage for a loss', () => {
    // a loss of 3,000,000 is below the 5 % loss corridor (5,000,000): nothing shared. With the gain
    // percentage (2 %, 2,000,000) it would be met and 50 % of it, 1,500,000, borne.
    expect(allianceShare(pool('first-pound'), LOSS_3M)).toBe('0.00');
  });

  it('kills mutant: a corridor using the loss percentage for a gain', () => {
    // a saving of 3,000,000 meets the 2 % gain corridor: 50 % of it from the first pound = 1,500,000
    // (against the 5 % loss corridor it would share nothing)
    expect(allianceShare(pool('first-pound'), SAVING_3M)).toBe('1500000.00');
  });

  it('shares only the part beyond the corridor with "beyond-corridor", from the first pound otherwise', () => {
    // saving 3,000,000: beyond the 2,000,000 corridor, 1,000,000 × 50 % = 500,000
    expect(allianceShare(pool('beyond-corridor'), SAVING_3M)).toBe('500000.00');
    // a saving exactly at the corridor (2,000,000) reaches it: first pound 1,000,000, beyond it 0
    expect(allianceShare(pool('first-pound'), '98000000.00')).toBe('1000000.00');
    expect(allianceShare(pool('beyond-corridor'), '98000000.00')).toBe('0.00');
  });
});

describe('bands step', () => {
  // gain: 0–2 % of the budget at 0 %, 2 % and above at 50 %; loss: 0–1 % at 100 %, 1 % and above at 25 %
  const pool: Pool = {
    steps: [
      {
        id: 'b',
        type: 'bands',
        gain: [
          { from: '0', to: '2', percent: '0' },
          { from: '2', percent: '50' },
        ],
        loss: [
          { from: '0', to: '1', percent: '100' },
          { from: '1', percent: '25' },
        ],
      },
    ],
  };

  it('kills mutant: a bands step using the loss bands for a gain', () => {
    // saving 3,000,000: 0 % of the first 2,000,000 + 50 % of the 1,000,000 above = 500,000
    // (the loss bands would give 100 % of 1,000,000 + 25 % of 2,000,000 = 1,500,000)
    expect(allianceShare(pool, SAVING_3M)).toBe('500000.00');
  });

  it('kills mutant: a bands step using the gain bands for a loss', () => {
    // loss 3,000,000: 100 % of the first 1,000,000 + 25 % of the 2,000,000 above = 1,500,000
    expect(allianceShare(pool, LOSS_3M)).toBe('-1500000.00');
  });

  it('cuts a slice at the band’s end: an amount inside the first band is shared at its rate only', () => {
    // loss 500,000 (0.5 %): 100 % of 500,000, nothing in the band from 1 %
    expect(allianceShare(pool, '100500000.00')).toBe('-500000.00');
  });
});

describe('deduction step', () => {
  const steps = (applies?: 'gain' | 'loss' | 'both'): Pool['steps'] => [
    { id: 'r', type: 'rate', gain: { percent: '50' }, loss: { percent: '50' } },
    { id: 'd', type: 'deduction', percent: '2', ...(applies ? { applies } : {}) },
  ];

  it('kills mutant: a deduction also taken from losses', () => {
    // by default a deduction is from gains only: a loss of 4,000,000 × 50 % = 2,000,000 borne in
    // full (taking 2 % off it too would make 1,960,000)
    expect(allianceShare({ steps: steps() }, LOSS_4M)).toBe('-2000000.00');
  });

  it('withholds 2 % of a gain share: 2,000,000 × 0.98 = 1,960,000', () => {
    expect(allianceShare({ steps: steps() }, SAVING_4M)).toBe('1960000.00');
  });

  it('takes a deduction declared for losses from losses only, and one for both from either', () => {
    expect(allianceShare({ steps: steps('loss') }, LOSS_4M)).toBe('-1960000.00');
    expect(allianceShare({ steps: steps('loss') }, SAVING_4M)).toBe('2000000.00');
    expect(allianceShare({ steps: steps('both') }, LOSS_4M)).toBe('-1960000.00');
    expect(allianceShare({ steps: steps('both') }, SAVING_4M)).toBe('1960000.00');
  });
});

describe('gateway step', () => {
  // a lower-is-better gateway: readmissions at most 10 (per cent); failing forfeits the gain share
  const pool = (direction: 'lower-is-better' | 'higher-is-better'): Pool => ({
    sides: 'gain',
    steps: [
      {
        id: 'g',
        type: 'gateway',
        name: 'Readmissions at most 10 %',
        measure: 'readmissions',
        direction,
        threshold: '10',
        onFail: { gain: 'forfeit' },
      },
      { id: 'r', type: 'rate', gain: { percent: '50' } },
    ],
  });

  it('kills mutant: a gateway always compared as higher-is-better', () => {
    // lower-is-better, 8 ≤ 10: met, so 50 % of the 4,000,000 saving = 2,000,000 (as higher-is-better
    // 8 ≥ 10 would fail and forfeit it)
    expect(allianceShare(pool('lower-is-better'), SAVING_4M, [{ metric: 'readmissions', value: '8' }])).toBe(
      '2000000.00',
    );
    // 12 > 10 fails: the gain share is forfeit
    expect(allianceShare(pool('lower-is-better'), SAVING_4M, [{ metric: 'readmissions', value: '12' }])).toBe('0.00');
  });

  it('kills mutant: a gateway always compared as lower-is-better', () => {
    // higher-is-better, 12 ≥ 10 met: 2,000,000; 8 fails: 0
    expect(allianceShare(pool('higher-is-better'), SAVING_4M, [{ metric: 'readmissions', value: '12' }])).toBe(
      '2000000.00',
    );
    expect(allianceShare(pool('higher-is-better'), SAVING_4M, [{ metric: 'readmissions', value: '8' }])).toBe('0.00');
  });

  it('kills mutant: a failed gateway that forfeits the gain share forfeits a loss share too', () => {
    // both sides shared at 50 %; readmissions 12 > 10 fails the gateway, whose onFail forfeits only
    // the gain: a 4,000,000 loss is still shared, 4,000,000 × 0.5 = 2,000,000 borne (−2,000,000.00),
    // never forfeit to 0.00
    const both: Pool = {
      sides: 'both',
      steps: [
        {
          id: 'g',
          type: 'gateway',
          name: 'Readmissions at most 10 %',
          measure: 'readmissions',
          direction: 'lower-is-better',
          threshold: '10',
          onFail: { gain: 'forfeit' },
        },
        { id: 'r', type: 'rate', gain: { percent: '50' }, loss: { percent: '50' } },
      ],
    };
    expect(allianceShare(both, LOSS_4M, [{ metric: 'readmissions', value: '12' }])).toBe('-2000000.00');
    expect(allianceShare(both, SAVING_4M, [{ metric: 'readmissions', value: '12' }])).toBe('0.00');
  });

  it('counts a value exactly at the threshold as met, in either direction', () => {
    for (const direction of ['lower-is-better', 'higher-is-better'] as const)
      expect(allianceShare(pool(direction), SAVING_4M, [{ metric: 'readmissions', value: '10' }])).toBe('2000000.00');
  });
});

/** A step context for applying a step directly: budget 1,000,000, GBP (2 places), half-up. */
const ctx = (side: 'gain' | 'loss', extra: Partial<StepContext> = {}): StepContext => ({
  side,
  budget: Decimal.of('1000000'),
  revenue: undefined,
  scale: 2,
  places: 18,
  mode: 'half-up',
  quality: () => ({ score: Decimal.of('0.8'), input: { name: 'quality score q', value: '0.8' } }),
  measured: () => undefined,
  count: () => undefined,
  ...extra,
});
const apply = (step: Step, amount: string, context: StepContext, lossRate?: string) => {
  const outcome = applyStep(
    step,
    Decimal.of(amount),
    context,
    lossRate === undefined ? undefined : Decimal.of(lossRate),
  );
  return { ...outcome, amount: outcome.amount.toString(), lossRate: outcome.lossRate?.toString() };
};

describe('the working each step writes (its formula and inputs)', () => {
  it('a rate: the amount, the rate and the result, with a quality score, a floor and a ceiling', () => {
    // 50 % × quality 0.8 = 0.4 (the @example of rateOf); 30,000 × 0.4 = 12,000, exact: 0.50 × 0.8 is
    // 0.400 (three places), so the amount is 12000.000
    const quality: Step = { id: 'r', type: 'rate', gain: { percent: '50', quality: { measure: 'q' } } };
    expect(apply(quality, '30000', ctx('gain'))).toEqual({
      applied: true,
      amount: '12000.000',
      formula: '30000.00 × rate (50 % × quality score 0.8 = 0.4) = 12000.00',
      inputs: [
        { name: 'amount before', value: '30000.00' },
        { name: 'rate', value: '50 %' },
        { name: 'quality score q', value: '0.8' },
      ],
      lossRate: undefined,
    });
    const held: Step = {
      id: 'r',
      type: 'rate',
      gain: { percent: '10', floor: '20' },
      loss: { percent: '90', ceiling: '80' },
    };
    expect(apply(held, '100', ctx('gain'))).toMatchObject({
      amount: '20.00',
      formula: '100.00 × rate (10 %, raised to the floor of 20 %) = 20.00',
      inputs: [
        { name: 'amount before', value: '100.00' },
        { name: 'rate', value: '10 %' },
        { name: 'floor', value: '20 %' },
      ],
    });
    expect(apply(held, '100', ctx('loss'))).toMatchObject({
      amount: '80.00',
      formula: '100.00 × rate (90 %, lowered to the ceiling of 80 %) = 80.00',
      inputs: [
        { name: 'amount before', value: '100.00' },
        { name: 'rate', value: '90 %' },
        { name: 'ceiling', value: '80 %' },
      ],
    });
  });

  it('a rate: a loss rate of 1 − the gain rate, and the loss rate a failed gateway set', () => {
    const step: Step = { id: 'r', type: 'rate', gain: { percent: '70' }, loss: { oneMinusGain: true } };
    // 1 − 0.7 = 0.3; 1,000 × 0.3 = 300
    expect(apply(step, '1000', ctx('loss'))).toMatchObject({
      amount: '300.00',
      formula: '1000.00 × rate (1 − gain rate 0.7 = 0.3) = 300.00',
      inputs: [
        { name: 'amount before', value: '1000.00' },
        { name: 'gain rate', value: '0.7' },
        { name: 'rate', value: '70 %' },
      ],
    });
    // a failed gateway's 75 % (0.75) replaces the loss rate: 1,000 × 0.75 = 750.00; a gain keeps its own rate
    expect(apply(step, '1000', ctx('loss'), '0.75')).toMatchObject({
      applied: true,
      amount: '750.00',
      formula: '1000.00 × 75 % (the loss rate set by a failed gateway) = 750.00',
      inputs: [
        { name: 'amount before', value: '1000.00' },
        { name: 'loss rate', value: '75 %' },
      ],
    });
    expect(apply(step, '1000', ctx('gain'), '0.75').amount).toBe('700.00');
  });

  it('a rate with no rate for the side passes the amount through, and says so', () => {
    const step: Step = { id: 'r', type: 'rate', gain: { percent: '50' } };
    expect(apply(step, '1000', ctx('loss'))).toEqual({
      applied: false,
      amount: '1000',
      formula: 'not applied: no rate for a loss',
      inputs: [],
      lossRate: undefined,
    });
  });

  it('a corridor: below it, reached from the first pound, and beyond it', () => {
    // budget 1,000,000: a 2 % corridor is 20,000 (the @example of the corridor step)
    const first: Step = { id: 'c', type: 'corridor', gain: '2', sharing: 'first-pound' };
    const beyond: Step = { id: 'c', type: 'corridor', gain: '2', sharing: 'beyond-corridor' };
    const inputs = (amount: string) => [
      { name: 'amount before', value: amount },
      { name: 'corridor', value: '2 % of the budget = 20000.00' },
    ];
    expect(apply(first, '15000', ctx('gain'))).toMatchObject({
      applied: true,
      amount: '0',
      formula: '15000.00 is below the corridor of 20000.00: nothing is shared',
      inputs: inputs('15000.00'),
    });
    expect(apply(first, '50000', ctx('gain'))).toMatchObject({
      applied: true,
      amount: '50000',
      formula: '50000.00 reaches the corridor of 20000.00: shared from the first pound',
      inputs: inputs('50000.00'),
    });
    expect(apply(beyond, '50000', ctx('gain'))).toMatchObject({
      applied: true,
      amount: '30000.00',
      formula: '50000.00 reaches the corridor; only the part beyond it is shared: 50000.00 − 20000.00 = 30000.00',
      inputs: inputs('50000.00'),
    });
    expect(apply(first, '50000', ctx('loss'))).toMatchObject({
      applied: false,
      amount: '50000',
      formula: 'not applied: no corridor for a loss',
    });
  });

  it('bands: each slice in words, an amount in no band, and a side with no bands', () => {
    // the @example of the bands step: budget 1,000,000, loss bands 0–2 % at 100 %, 2 % and above at
    // 50 %: a loss of 30,000 → 100 % of 20,000 + 50 % of 10,000 = 25,000
    const step: Step = {
      id: 'b',
      type: 'bands',
      loss: [
        { from: '0', to: '2', percent: '100' },
        { from: '2', percent: '50' },
      ],
      gain: [{ from: '1', to: '3', percent: '50' }],
    };
    expect(apply(step, '30000', ctx('loss'))).toMatchObject({
      applied: true,
      amount: '25000.0000',
      formula:
        '100 % of 20000.00 (0 % to 2 % of the budget) = 20000.00 + 50 % of 10000.00 (2 % and above of the budget) = 5000.00 → 25000.00',
      inputs: [
        { name: 'amount before', value: '30000.00' },
        { name: 'budget', value: '1000000.00' },
      ],
    });
    // a gain of 5,000 falls below the band from 1 % (10,000): nothing; exactly 10,000 is still nothing
    expect(apply(step, '5000', ctx('gain'))).toMatchObject({
      amount: '0',
      formula: 'no slice of the amount falls in a band → 0.00',
    });
    expect(apply(step, '10000', ctx('gain')).amount).toBe('0');
    // 40,000 is above the band's end (3 %, 30,000): 50 % of 30,000 − 10,000 = 10,000
    expect(apply(step, '40000', ctx('gain')).formula).toBe(
      '50 % of 20000.00 (1 % to 3 % of the budget) = 10000.00 → 10000.00',
    );
    const lossOnly: Step = { id: 'b', type: 'bands', loss: [{ from: '0', percent: '10' }] };
    expect(apply(lossOnly, '100', ctx('gain'))).toMatchObject({
      applied: false,
      amount: '100',
      formula: 'not applied: no bands for a gain',
    });
  });

  it('a deduction: what is withheld and what is kept, or why it does not apply', () => {
    // the @example: 2 % of 50,000 withheld → 50,000 × 0.98 = 49,000
    const step: Step = { id: 'd', type: 'deduction', percent: '2' };
    expect(apply(step, '50000', ctx('gain'))).toMatchObject({
      applied: true,
      amount: '49000.00',
      formula: '50000.00 less 2 % withheld = 50000.00 × 0.98 = 49000.00',
      inputs: [
        { name: 'amount before', value: '50000.00' },
        { name: 'withheld', value: '2 %' },
      ],
    });
    expect(apply(step, '50000', ctx('loss'))).toMatchObject({
      applied: false,
      formula: 'not applied: a deduction from gains only',
    });
    expect(apply({ ...step, applies: 'loss' }, '50000', ctx('gain')).formula).toBe(
      'not applied: a deduction from losss only',
    );
  });

  it('a gateway: met, failed on each side, and with no measurement', () => {
    const step: Step = {
      id: 'g',
      type: 'gateway',
      name: 'Quality met',
      measure: 'quality-met',
      direction: 'higher-is-better',
      threshold: '1',
      onFail: { gain: 'forfeit', lossPercent: '75' },
    };
    const measuring = (value: string) => ctx('gain', { measured: () => ({ value: Decimal.of(value) }) });
    const inputs = (measured: string) => [
      { name: 'amount before', value: '100.00' },
      { name: 'measured quality-met', value: measured },
      { name: 'threshold', value: '1' },
    ];
    expect(apply(step, '100', measuring('1'))).toMatchObject({
      applied: true,
      amount: '100',
      formula: '1 ≥ 1: met; nothing changes',
      inputs: inputs('1'),
      met: true,
    });
    expect(apply(step, '100', measuring('0'))).toMatchObject({
      applied: true,
      amount: '0',
      formula: '0 ≥ 1: not met: the gain share is removed',
      met: false,
    });
    expect(apply(step, '100', { ...measuring('0'), side: 'loss' })).toMatchObject({
      applied: true,
      amount: '100',
      formula: '0 ≥ 1: not met: the loss rate becomes 75 %',
      met: false,
      lossRate: '0.75',
    });
    expect(apply(step, '100', ctx('gain'))).toMatchObject({
      amount: '0',
      formula: 'no measurement: not met: the gain share is removed',
      inputs: inputs('missing'),
      met: false,
    });
    const lower: Step = { ...step, direction: 'lower-is-better', onFail: {} };
    expect(apply(lower, '100', { ...measuring('2'), side: 'loss' })).toMatchObject({
      amount: '100',
      formula: '2 ≤ 1: not met; nothing is declared for a loss',
      met: false,
      lossRate: undefined,
    });
  });
});
