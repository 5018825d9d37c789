import { describe, expect, it } from 'vitest';
import { settle, type ContractInput, type MeasurementInput } from '../../src/index.js';

/*
 * Worked example: one contract holding an outcome pool, a risk-share pool, a rate card and a
 * points scheme. Each party's statement shows its payment by component, and every pool, and every
 * payer, conserves.
 *
 *   outcome pool: the ICB puts in 100,000.00; one metric 0 → 100 measured 60 → earns 60,000.00,
 *     split by contract value 3 : 1 → acute 45,000.00, community 15,000.00; 40,000.00 back to the ICB
 *   risk share: budget 10,000,000.00, outturn 9,800,000.00 → surplus 200,000.00 × 50 % = 100,000.00,
 *     split equally → 50,000.00 each; the ICB keeps 100,000.00
 *   rate card: community, 3 outcomes × 2,000.00 = 6,000.00, paid by the ICB
 *   points: acute, 83 % on an 80 → 86 % indicator worth 10 points × 100.00 = 5 points, 500.00,
 *     paid by the ICB
 *   acute total: contract value 3,000,000.00 + 45,000.00 + 50,000.00 + 500.00 = 3,095,500.00
 *   community total: 1,000,000.00 + 15,000.00 + 50,000.00 + 6,000.00 = 1,071,000.00
 *   ICB: returned 40,000.00 + kept 100,000.00 − paid 6,000.00 − 500.00 = 133,500.00
 */

const PERIOD = '2026-27';
const contract: ContractInput = {
  id: 'mixed',
  name: 'Mixed alliance contract',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2027-03-31' },
  periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
  parties: [
    { id: 'icb', name: 'ICB', role: 'commissioner' },
    { id: 'acute', name: 'Acute', role: 'provider', contractValue: '3000000.00' },
    { id: 'community', name: 'Community', role: 'provider', contractValue: '1000000.00' },
  ],
  pools: [
    {
      id: 'incentive',
      kind: 'outcome',
      name: 'Incentive',
      contributions: [{ party: 'icb', amount: '100000.00' }],
      metrics: [
        {
          id: 'm',
          name: 'M',
          unit: '%',
          direction: 'higher-is-better',
          scoring: { type: 'linear', min: '0', max: '100' },
        },
      ],
      unearned: { to: 'contributors' },
    },
    {
      id: 'system',
      kind: 'risk-share',
      name: 'System',
      budget: '10000000.00',
      outturn: { measure: 'spend' },
      commissioner: 'icb',
      steps: [{ id: 'half', type: 'rate', gain: { percent: '50' }, loss: { percent: '50' } }],
      order: ['half'],
      distribution: { basis: 'equal' },
    },
    {
      id: 'card',
      kind: 'rate-card',
      name: 'Card',
      providers: ['community'],
      outcomes: [{ id: 'home', name: 'Home', price: '2000.00', measure: 'home' }],
      payers: [{ party: 'icb', percent: '100' }],
    },
    {
      id: 'points',
      kind: 'points',
      name: 'Points',
      payer: 'icb',
      participants: ['acute'],
      valuePerPoint: '100.00',
      indicators: [{ id: 'i', name: 'I', points: '10', lower: '80', upper: '86', measure: 'i' }],
    },
  ],
};
const measurements: MeasurementInput[] = [
  { metric: 'm', period: PERIOD, value: '60', status: 'final' },
  { metric: 'spend', period: PERIOD, value: '9800000.00', status: 'final' },
  { metric: 'home', period: PERIOD, party: 'community', value: '3', status: 'final' },
  { metric: 'i', period: PERIOD, party: 'acute', numerator: '83', denominator: '100', status: 'final' },
];

describe('one contract with an outcome pool, a risk share, a rate card and a points scheme', () => {
  const settlement = settle(contract, measurements, { period: PERIOD });
  const party = (id: string) => settlement.parties.find((p) => p.id === id)!;

  it('shows each party’s payment by component', () => {
    expect(
      settlement.parties.map((p) => [p.id, p.guaranteed, p.earned, p.returned, p.shared, p.priced, p.total]),
    ).toEqual([
      ['acute', '3000000.00', '45000.00', '0.00', '50000.00', '500.00', '3095500.00'],
      ['community', '1000000.00', '15000.00', '0.00', '50000.00', '6000.00', '1071000.00'],
      ['icb', null, '0.00', '40000.00', '100000.00', '-6500.00', '133500.00'],
    ]);
    expect(party('icb').pricedOutcomes.map((s) => [s.pool, s.shared])).toEqual([
      ['card', '-6000.00'],
      ['points', '-500.00'],
    ]);
  });

  it('conserves every pool and every payer', () => {
    expect(settlement.pools[0]!.conservation.difference).toBe('0.00');
    expect(settlement.riskShares[0]!.conservation.difference).toBe('0.00');
    expect(settlement.rateCards[0]!.payers).toEqual([
      { party: 'icb', percent: '100', owed: '6000.00', paid: '6000.00', unfunded: '0.00' },
    ]);
    expect(settlement.pointsSchemes[0]!.total).toBe('500.00');
    // what moves between the parties nets to the money created: the outcome pool's 100,000.00 put in,
    // and the 200,000.00 saving shared, and nothing else
    const pence = (a: string | null) => (a === null ? 0n : BigInt(a.replace('.', '')));
    const moved = settlement.parties.reduce(
      (s, p) => s + pence(p.earned) + pence(p.returned) + pence(p.redistributed) + pence(p.shared) + pence(p.priced),
      0n,
    );
    expect(moved).toBe(pence('100000.00') + pence('200000.00'));
  });
});
