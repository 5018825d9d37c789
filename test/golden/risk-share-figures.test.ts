import { describe, expect, it } from 'vitest';
import { settle, type ContractInput, type RiskSharePoolInput, type Settlement } from '../../src/index.js';

/*
 * The issue's worked figures for risk sharing, each settled through a whole contract. Rules
 * (src/share/steps.ts, src/settle/risk-share-pool.ts): variance = budget − outturn; the steps act
 * in the declared order on the amount being shared (|variance| to start); the alliance's share
 * is that amount rounded half-up to the cent, + for a gain and − for a loss; the commissioner's
 * side is the variance less the members' parts.
 */

const PERIOD = '2026';
type Step = RiskSharePoolInput['steps'][number];

const contract = (pool: Partial<RiskSharePoolInput> & { steps: Step[] }, providers = 1): ContractInput => ({
  id: 'figures',
  name: 'Risk-share figures',
  version: '1',
  currency: 'USD',
  term: { start: '2026-01-01', end: '2026-12-31' },
  periods: [{ id: PERIOD, start: '2026-01-01', end: '2026-12-31' }],
  parties: [
    { id: 'payer', name: 'Payer', role: 'commissioner' },
    ...Array.from({ length: providers }, (_, i) => ({
      id: `p${i + 1}`,
      name: `Provider ${i + 1}`,
      role: 'provider' as const,
      contractValue: '10000000.00',
    })),
  ],
  pools: [
    {
      id: 'share',
      kind: 'risk-share',
      name: 'Shared savings and losses',
      budget: '100000000.00',
      outturn: { measure: 'spend' },
      commissioner: 'payer',
      order: pool.steps.map((s) => s.id),
      distribution: { basis: 'equal' },
      ...pool,
    },
  ],
});

const run = (c: ContractInput, spend: string, extra: { metric: string; value: string }[] = []): Settlement =>
  settle(
    c,
    [{ metric: 'spend', value: spend }, ...extra].map((m) => ({ ...m, period: PERIOD, status: 'final' as const })),
    { period: PERIOD },
  );
const cents = (amount: string) => BigInt(amount.replace('.', ''));
const share = (s: Settlement) => s.riskShares[0]!;
const expectConserved = (s: Settlement) => {
  const pool = share(s);
  const parts = pool.parts.reduce((sum, p) => sum + cents(p.amount), 0n);
  expect(parts + cents(pool.commissionerShare)).toBe(cents(pool.variance));
  expect(pool.conservation.difference).toBe('0.00');
};

describe('a corridor (minimum savings rate) shared from the first dollar or beyond the corridor', () => {
  // budget 100,000,000; spend 94,000,000 → saving 6,000,000 = 6 % ≥ 2 %
  //   first dollar: 6,000,000 × 80 % = 4,800,000; beyond: (6,000,000 − 2,000,000) × 80 % = 3,200,000
  const steps = (sharing: 'first-pound' | 'beyond-corridor'): Step[] => [
    { id: 'msr', type: 'corridor', gain: '2', sharing },
    { id: 'rate', type: 'rate', gain: { percent: '80' } },
  ];

  it('pays $4,800,000.00 from the first dollar', () => {
    const s = run(contract({ sides: 'gain', steps: steps('first-pound') }), '94000000.00');
    expect(share(s).allianceShare).toBe('4800000.00');
    expect(share(s).commissionerShare).toBe('1200000.00');
    expectConserved(s);
  });

  it('pays $3,200,000.00 on the part beyond the corridor', () => {
    const s = run(contract({ sides: 'gain', steps: steps('beyond-corridor') }), '94000000.00');
    expect(share(s).steps.map((step) => step.amount)).toEqual(['4000000.00', '3200000.00']);
    expect(share(s).allianceShare).toBe('3200000.00');
    expectConserved(s);
  });

  it('shares a saving of exactly 2 %, and nothing of one a cent below it', () => {
    // 2,000,000 × 80 % = 1,600,000; 1,999,999.99 < 2,000,000 → 0
    expect(share(run(contract({ sides: 'gain', steps: steps('first-pound') }), '98000000.00')).allianceShare).toBe(
      '1600000.00',
    );
    const below = run(contract({ sides: 'gain', steps: steps('first-pound') }), '98000000.01');
    expect(share(below).allianceShare).toBe('0.00');
    expect(share(below).commissionerShare).toBe('1999999.99');
  });
});

describe('two-sided sharing with a loss limit and an exceptional event', () => {
  const c = contract({
    revenue: '10000000.00',
    steps: [
      { id: 'corridor', type: 'corridor', gain: '2', loss: '2', sharing: 'first-pound' },
      { id: 'rate', type: 'rate', gain: { percent: '50' }, loss: { percent: '30' } },
      { id: 'limit', type: 'cap', applies: 'loss', limits: [{ percentOfRevenue: '8' }, { percentOfBudget: '4' }] },
      {
        id: 'event',
        type: 'adjustment',
        applies: 'loss',
        exceptional: { affectedMonths: '4', months: '12', affectedPopulation: '50' },
      },
    ],
  });

  it('pays a $1,500,000.00 gain on spend of $97,000,000', () => {
    // saving 3,000,000 (3 % ≥ 2 %) × 50 % = 1,500,000
    const s = run(c, '97000000.00');
    expect(share(s).allianceShare).toBe('1500000.00');
    expectConserved(s);
  });

  it('limits a $1,500,000 loss to $800,000, then reduces it by $133,333.33 to $666,666.67', () => {
    // loss 5,000,000 × 30 % = 1,500,000; limit = min(8 % × 10,000,000 = 800,000, 4 % × 100,000,000 =
    // 4,000,000) = 800,000; event: 800,000 × 4/12 × 50 % = 133,333.33 → 666,666.67 (adding to 800,000.00)
    const s = run(c, '105000000.00');
    expect(share(s).steps.map((step) => step.amount)).toEqual(['5000000.00', '1500000.00', '800000.00', '666666.67']);
    expect(share(s).allianceShare).toBe('-666666.67');
    expect(s.trace[share(s).steps[3]!.trace.amount]!.inputs).toContainEqual({ name: 'reduction', value: '133333.33' });
    expect(share(s).commissionerShare).toBe('-4333333.33');
    expectConserved(s);
  });
});

describe('a cap before or after a deduction, as declared', () => {
  // saving 121,182,225 − 83,501,144 = 37,681,081; × 45.41 % = 17,110,978.8821
  // cap 10 % × 121,182,225 = 12,118,222.5
  const c = (order: string[]) =>
    contract({
      budgetKind: 'benchmark',
      budget: '121182225.00',
      sides: 'gain',
      steps: (
        [
          { id: 'rate', type: 'rate', gain: { percent: '45.41' } },
          { id: 'sequestration', type: 'deduction', percent: '2' },
          { id: 'cap', type: 'cap', applies: 'gain', limits: [{ percentOfBudget: '10' }] },
          { id: 'dollars', type: 'round', places: 0 },
        ] satisfies Step[]
      ).filter((step) => order.includes(step.id)),
      order,
    });

  it('deduction first: 17,110,978.8821 × 0.98 = 16,768,759.304458 > cap → $12,118,222.50, paid as $12,118,223', () => {
    const s = run(c(['rate', 'sequestration', 'cap', 'dollars']), '83501144.00');
    expect(share(s).steps.map((step) => step.amount)).toEqual([
      '17110978.8821',
      '16768759.304458',
      '12118222.50',
      '12118223.00',
    ]);
    expect(share(s).allianceShare).toBe('12118223.00');
    expectConserved(s);
  });

  it('cap first: 12,118,222.50 × 0.98 = $11,875,858.05', () => {
    const s = run(c(['rate', 'cap', 'sequestration']), '83501144.00');
    expect(share(s).allianceShare).toBe('11875858.05');
    expectConserved(s);
  });
});

describe('a loss rate of 1 − the gain rate, raised to its floor, then adjusted', () => {
  // loss 115,259,668 − 100,000,000 = 15,259,668; rate 1 − 0.6663 = 0.3337 → floor 0.40
  // 15,259,668 × 0.4 = 6,103,867.2; − 2,655 → 6,101,212.2
  const c = contract({
    steps: [
      {
        id: 'rate',
        type: 'rate',
        gain: { percent: '66.63' },
        loss: { oneMinusGain: true, floor: '40', ceiling: '75' },
      },
      { id: 'adjust', type: 'adjustment', amount: '-2655.00' },
    ],
  });

  it('bears $6,101,212.20', () => {
    const s = run(c, '115259668.00');
    expect(share(s).steps.map((step) => step.amount)).toEqual(['6103867.20', '6101212.20']);
    expect(s.trace[share(s).steps[0]!.trace.amount]!.formula).toContain(
      '1 − gain rate 0.6663 = 0.3337, raised to the floor of 40 %',
    );
    expect(share(s).allianceShare).toBe('-6101212.20');
    expectConserved(s);
  });
});

describe('marginal loss bands on a $100,000,000 budget', () => {
  // 0–2 % (0–2,000,000) 100 % to the provider; 2–4 % 50 %; above 4 % 20 %
  const c = contract({
    sides: 'loss',
    steps: [
      {
        id: 'bands',
        type: 'bands',
        loss: [
          { from: '0', to: '2', percent: '100' },
          { from: '2', to: '4', percent: '50' },
          { from: '4', percent: '20' },
        ],
      },
    ],
  });
  it.each([
    // 5,000,000: 2,000,000 + 1,000,000 + 200,000 = 3,200,000; commissioner 1,800,000
    ['105000000.00', '-3200000.00', '-1800000.00'],
    // 3,000,000: 2,000,000 + 500,000 = 2,500,000; commissioner 500,000
    ['103000000.00', '-2500000.00', '-500000.00'],
    // 10,000,000: 2,000,000 + 1,000,000 + 1,200,000 = 4,200,000; commissioner 5,800,000
    ['110000000.00', '-4200000.00', '-5800000.00'],
  ])('spend %s: provider %s, commissioner %s', (spend, provider, commissioner) => {
    const s = run(c, spend);
    expect(share(s).allianceShare).toBe(provider);
    expect(share(s).commissionerShare).toBe(commissioner);
    expectConserved(s);
  });
});

describe('a target cost shared 50:50, the providers’ pain capped at their $4,000,000 fee', () => {
  const c = contract({
    budgetKind: 'target-cost',
    steps: [
      { id: 'share', type: 'rate', gain: { percent: '50' }, loss: { percent: '50' } },
      { id: 'fee', type: 'cap', applies: 'loss', limits: [{ amount: '4000000.00' }] },
    ],
  });
  it.each([
    // 8,000,000 under target × 50 % = +4,000,000
    ['92000000.00', '4000000.00', '4000000.00'],
    // 6,000,000 over × 50 % = −3,000,000
    ['106000000.00', '-3000000.00', '-3000000.00'],
    // 10,000,000 over × 50 % = 5,000,000, capped at 4,000,000; the owner bears 10,000,000 − 4,000,000
    ['110000000.00', '-4000000.00', '-6000000.00'],
  ])('actual %s: providers %s, owner %s', (actual, providers, owner) => {
    const s = run(c, actual);
    expect(share(s).allianceShare).toBe(providers);
    expect(share(s).commissionerShare).toBe(owner);
    expectConserved(s);
  });
});

describe('a quality gateway', () => {
  const c = contract({
    steps: [
      {
        id: 'quality',
        type: 'gateway',
        name: 'Quality standard met',
        measure: 'quality-met',
        direction: 'higher-is-better',
        threshold: '1',
        onFail: { gain: 'forfeit', lossPercent: '75' },
      },
      { id: 'rate', type: 'rate', gain: { percent: '50' }, loss: { percent: '30' } },
    ],
  });
  it('removes the gain share when failed: the payer keeps the whole $6,000,000 saving', () => {
    const s = run(c, '94000000.00', [{ metric: 'quality-met', value: '0' }]);
    expect(share(s).allianceShare).toBe('0.00');
    expect(share(s).commissionerShare).toBe('6000000.00');
  });
  it('sets the loss rate to 75 % when failed: a $4,000,000 deficit costs the providers $3,000,000', () => {
    const s = run(c, '104000000.00', [{ metric: 'quality-met', value: '0' }]);
    expect(share(s).allianceShare).toBe('-3000000.00');
    expectConserved(s);
  });
  it('changes nothing when met: 50 % of the $6,000,000 saving', () => {
    expect(share(run(c, '94000000.00', [{ metric: 'quality-met', value: '1' }])).allianceShare).toBe('3000000.00');
  });
});

describe('the members’ split', () => {
  // a surplus of 1,000,000.03 shared 100 % between four members 40 / 30 / 20 / 10:
  //   exact 400,000.012 / 300,000.009 / 200,000.006 / 100,000.003 → floors 400,000.01 / 300,000.00 /
  //   200,000.00 / 100,000.00 = 1,000,000.01; two cents left → remainders .2 (p1), .9 (p2), .6 (p3),
  //   .3 (p4) → p2 and p3 → 400,000.01 / 300,000.01 / 200,000.01 / 100,000.00
  const c = (distribution: RiskSharePoolInput['distribution']) =>
    contract(
      { steps: [{ id: 'all', type: 'rate', gain: { percent: '100' }, loss: { percent: '100' } }], distribution },
      4,
    );
  const fixed = { basis: 'fixed' as const, shares: { p1: '40', p2: '30', p3: '20', p4: '10' } };

  it('puts the remainder cents on the largest remainders, and splits the loss as the exact negation', () => {
    const gain = share(run(c(fixed), '98999999.97'));
    expect(gain.parts.map((p) => [p.party, p.floor, p.unitsAdded, p.amount])).toEqual([
      ['p1', '400000.01', 0, '400000.01'],
      ['p2', '300000.00', 1, '300000.01'],
      ['p3', '200000.00', 1, '200000.01'],
      ['p4', '100000.00', 0, '100000.00'],
    ]);
    const loss = share(run(c(fixed), '101000000.03'));
    expect(loss.parts.map((p) => p.amount)).toEqual(['-400000.01', '-300000.01', '-200000.01', '-100000.00']);
  });

  it('passes what a capped member cannot take to the others, or to the commissioner, as declared', () => {
    // 1,000,000.00 gain; p1 capped at 100,000.00: others 300 : 200 : 100 of the other 900,000 →
    // 450,000 / 300,000 / 150,000; with overflow to the commissioner, p1's other 300,000 goes to the payer
    const capped = { ...fixed, caps: { p1: [{ amount: '100000.00' }] } };
    const others = share(run(c(capped), '99000000.00'));
    expect(others.parts.map((p) => [p.party, p.amount, p.capped])).toEqual([
      ['p1', '100000.00', true],
      ['p2', '450000.00', false],
      ['p3', '300000.00', false],
      ['p4', '150000.00', false],
    ]);
    expect(others.commissionerShare).toBe('0.00');
    const toPayer = share(run(c({ ...capped, overflow: 'commissioner' }), '99000000.00'));
    expect(toPayer.parts.map((p) => p.amount)).toEqual(['100000.00', '300000.00', '200000.00', '100000.00']);
    expect(toPayer.overflowToCommissioner).toBe('300000.00');
    expect(toPayer.commissionerShare).toBe('300000.00');
  });

  it('applies a cap declared for losses only to losses', () => {
    // p1 capped at 100,000.00 of a loss: a 1,000,000.00 gain still pays it 400,000.00; a 1,000,000.00
    // loss holds it to −100,000.00 and passes −300,000.00 on to the others 300 : 200 : 100
    const lossOnly = { ...fixed, caps: { p1: [{ applies: 'loss' as const, amount: '100000.00' }] } };
    expect(share(run(c(lossOnly), '99000000.00')).parts.map((p) => p.amount)).toEqual([
      '400000.00',
      '300000.00',
      '200000.00',
      '100000.00',
    ]);
    expect(share(run(c(lossOnly), '101000000.00')).parts.map((p) => p.amount)).toEqual([
      '-100000.00',
      '-450000.00',
      '-300000.00',
      '-150000.00',
    ]);
  });

  it('splits by contract value', () => {
    // four equal contract values → 250,000.00 each of a 1,000,000.00 gain
    expect(share(run(c({ basis: 'contract-value' }), '99000000.00')).parts.map((p) => p.amount)).toEqual([
      '250000.00',
      '250000.00',
      '250000.00',
      '250000.00',
    ]);
  });
});

describe('one cap on both sides (applies "both", issue 12 item 8)', () => {
  // budget 100,000,000; 50 % of the variance, held on either side to 2 % of the budget = 2,000,000
  const c = contract({
    steps: [
      { id: 'rate', type: 'rate', gain: { percent: '50' }, loss: { percent: '50' } },
      { id: 'cap', type: 'cap', applies: 'both', limits: [{ percentOfBudget: '2' }] },
    ],
  });

  it('holds a gain share of 3,000,000.00 (a 6,000,000 saving) to 2,000,000.00', () => {
    expect(share(run(c, '94000000.00')).allianceShare).toBe('2000000.00');
  });

  it('holds a loss share of 3,000,000.00 (a 6,000,000 overspend) to −2,000,000.00', () => {
    const s = run(c, '106000000.00');
    expect(share(s).allianceShare).toBe('-2000000.00');
    expect(share(s).commissionerShare).toBe('-4000000.00');
    expectConserved(s);
  });

  it('leaves a share within the cap alone: 1,000,000 of a 2,000,000 overspend', () => {
    expect(share(run(c, '102000000.00')).allianceShare).toBe('-1000000.00');
  });
});
