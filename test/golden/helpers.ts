import { expect } from 'vitest';
import type {
  ContractInput,
  MeasurementInput,
  OutcomePoolInput,
  RiskSharePoolInput,
  Settlement,
} from '../../src/index.js';

/**
 * Small builders for the golden (worked-example) tests: one settlement period, GBP, and just the
 * parts of a contract each example is about. Every figure the tests assert is worked by hand in
 * the test's comments.
 */

export const PERIOD = '2026-27';

export type PoolInput = OutcomePoolInput;
export type MetricInput = PoolInput['metrics'][number];
export type PartyInput = ContractInput['parties'][number];

export function contract(parts: {
  parties: PartyInput[];
  pools: PoolInput[];
  rounding?: NonNullable<ContractInput['rounding']>;
}): ContractInput {
  return {
    id: 'golden',
    name: 'Golden worked example',
    version: '1',
    currency: 'GBP',
    clause: 'Alliance Agreement, Schedule 3',
    term: { start: '2026-04-01', end: '2027-03-31' },
    periods: [{ id: PERIOD, start: '2026-04-01', end: '2027-03-31' }],
    ...(parts.rounding ? { rounding: parts.rounding } : {}),
    parties: parts.parties,
    pools: parts.pools,
  };
}

export const commissioner = (id: string): PartyInput => ({ id, name: `Commissioner ${id}`, role: 'commissioner' });

export const provider = (id: string, contractValue: string): PartyInput => ({
  id,
  name: `Provider ${id}`,
  role: 'provider',
  contractValue,
});

/** A higher-is-better metric scored linearly from `min` (score 0) to `max` (score 1). */
export const linearMetric = (id: string, min: string, max: string, extra: Partial<MetricInput> = {}): MetricInput => ({
  id,
  name: `Indicator ${id}`,
  unit: '%',
  direction: 'higher-is-better',
  scoring: { type: 'linear', min, max },
  ...extra,
});

/** A measured value for the period. */
export const value = (
  metric: string,
  measured: string,
  extra: Partial<Omit<MeasurementInput, 'metric' | 'value'>> = {},
): MeasurementInput => ({ metric, period: PERIOD, value: measured, status: 'final', ...extra });

export const partyOf = (settlement: Settlement, id: string) => {
  const party = settlement.parties.find((p) => p.id === id);
  if (!party) throw new Error(`no party ${id} in the settlement`);
  return party;
};

export const metricOf = (settlement: Settlement, id: string) => {
  const metric = settlement.metrics.find((m) => m.id === id);
  if (!metric) throw new Error(`no metric ${id} in the settlement`);
  return metric;
};

export const poolOf = (settlement: Settlement, id: string) => {
  const pool = settlement.pools.find((p) => p.id === id);
  if (!pool) throw new Error(`no pool ${id} in the settlement`);
  return pool;
};

/** Money strings to pence, so sums are exact. */
export const pence = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  const units = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2) || '0');
  return amount.startsWith('-') ? -units : units;
};

/**
 * Conservation (design.md section 5, invariant 1), checked two ways for every pool: the pool's
 * own account (in = out, difference 0.00), and independently from the parties' statements: what
 * all parties got from the pool (earned + redistributed + returned) adds up to its funding, and
 * what they put in adds up to its funding too.
 */
export function expectConserved(settlement: Settlement): void {
  for (const pool of settlement.pools) {
    expect(pool.conservation.difference).toBe('0.00');
    expect(pool.conservation.in).toBe(pool.funding);
    expect(pool.conservation.out).toBe(pool.funding);
    const statements = settlement.parties.flatMap((p) => p.pools.filter((s) => s.pool === pool.id));
    const paidOut = statements.reduce((s, p) => s + pence(p.earned) + pence(p.redistributed) + pence(p.returned), 0n);
    const paidIn = statements.reduce((s, p) => s + pence(p.contributed), 0n);
    expect(paidOut).toBe(pence(pool.funding));
    expect(paidIn).toBe(pence(pool.funding));
    // earned by score = earned after gateways + forfeited; funding = earned by score + unearned
    expect(pence(pool.earned) + pence(pool.forfeited)).toBe(pence(pool.earnedByScore));
    expect(pence(pool.earnedByScore) + pence(pool.unearned)).toBe(pence(pool.funding));
  }
}

export type ContractRounding = NonNullable<ContractInput['rounding']>;

/** The calendar year 2026, for the US shared-savings examples. */
export const US_YEAR = '2026';

/**
 * A one-pool shared-savings contract in USD for 2026: a payer, one ACO with a contract value of
 * 10,000,000.00, a benchmark of 100,000,000.00 against the measure `spend`, and the pool's parts
 * given (its steps at least; the order is the steps in the order written).
 */
export function savingsContract(pool: Partial<RiskSharePoolInput> & Pick<RiskSharePoolInput, 'steps'>): ContractInput {
  return {
    id: 'savings',
    name: 'Shared savings',
    version: '1',
    currency: 'USD',
    term: { start: '2026-01-01', end: '2026-12-31' },
    periods: [{ id: US_YEAR, start: '2026-01-01', end: '2026-12-31' }],
    parties: [
      { id: 'payer', name: 'Payer', role: 'commissioner' },
      { id: 'aco', name: 'ACO', role: 'provider', contractValue: '10000000.00' },
    ],
    pools: [
      {
        id: 'share',
        kind: 'risk-share',
        name: 'Shared savings',
        budget: '100000000.00',
        outturn: { measure: 'spend' },
        commissioner: 'payer',
        order: pool.steps.map((s) => s.id),
        distribution: { basis: 'equal' },
        ...pool,
      },
    ],
  };
}

/** The measured spend for 2026, final. */
export const spendOf = (value: string): MeasurementInput[] => [
  { metric: 'spend', period: US_YEAR, value, status: 'final' },
];
