import type { ContractInput, MeasurementInput, OutcomePoolInput } from '../../src/index.js';

/**
 * One small valid contract and its measurements. Each error test takes a `structuredClone` of
 * these and makes one mistake a commissioner could make, so the only problem is the one under test.
 */

export const PERIOD = '2026-27';

export type PoolInput = OutcomePoolInput;
export type MetricInput = PoolInput['metrics'][number];

const BASE: ContractInput = {
  id: 'east-alliance',
  name: 'East Alliance outcome pool',
  version: '1',
  currency: 'GBP',
  term: { start: '2026-04-01', end: '2028-03-31' },
  periods: [
    { id: '2026-27', start: '2026-04-01', end: '2027-03-31' },
    { id: '2027-28', start: '2027-04-01', end: '2028-03-31' },
  ],
  parties: [
    { id: 'icb', name: 'East ICB', role: 'commissioner' },
    { id: 'acute', name: 'East Acute Trust', role: 'provider', contractValue: '1000000.00' },
    { id: 'community', name: 'East Community Services', role: 'provider', contractValue: '500000.00' },
  ],
  pools: [
    {
      id: 'outcomes',
      kind: 'outcome',
      name: 'Outcome pool',
      contributions: [
        { party: 'acute', percentOfContractValue: '2' },
        { party: 'community', amount: '10000.00' },
      ],
      distribution: { basis: 'contract-value' },
      metrics: [
        {
          id: 'ae-4h',
          name: 'A&E seen within 4 hours',
          unit: '%',
          direction: 'higher-is-better',
          weight: '60',
          scoring: { type: 'linear', min: '60', max: '80' },
        },
        {
          id: 'readmissions',
          name: 'Emergency readmissions per 1,000 discharges',
          unit: 'per 1,000',
          direction: 'lower-is-better',
          weight: '40',
          per: '1000',
          scoring: { type: 'linear', min: '120', max: '100' },
        },
      ],
      unearned: { to: 'commissioner', party: 'icb' },
    },
  ],
};

const MEASUREMENTS: MeasurementInput[] = [
  { metric: 'ae-4h', period: PERIOD, value: '72.5', status: 'final' },
  { metric: 'readmissions', period: PERIOD, numerator: '52', denominator: '500', status: 'final' },
];

/** A fresh, mutable copy of the valid base contract. */
export const baseContract = (): ContractInput => structuredClone(BASE);

/** A fresh, mutable copy of the valid measurements for period '2026-27'. */
export const baseMeasurements = (): MeasurementInput[] => structuredClone(MEASUREMENTS);

/** The base contract's only pool (a fresh copy's), for terse edits. */
export const poolOf = (contract: ContractInput): PoolInput => contract.pools[0] as PoolInput;

/** A metric of the base contract's pool, by index. */
export const metricOf = (contract: ContractInput, index: number): MetricInput => poolOf(contract).metrics[index]!;

/** Recursively freezes a value, so any write to it (or to anything inside it) throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** The base contract with one mistake made by `edit` (on a fresh copy). */
export function mistake(edit: (contract: ContractInput) => void): ContractInput {
  const contract = baseContract();
  edit(contract);
  return contract;
}
