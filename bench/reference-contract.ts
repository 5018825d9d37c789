import type { ContractInput, MeasurementInput, Scoring } from '../src/index.js';

/**
 * The reference contract for benchmarks: 12 providers, 2 commissioners, one outcome pool of 24
 * metrics (all five scoring rules, mixed accountability), a provider gateway and redistribution.
 */
export function referenceContract(): { contract: ContractInput; measurements: MeasurementInput[] } {
  const providers = Array.from({ length: 12 }, (_, i) => ({
    id: `provider-${String(i + 1).padStart(2, '0')}`,
    name: `Provider ${i + 1}`,
    role: 'provider' as const,
    contractValue: `${(3_000_000 + i * 1_234_567).toString()}.${String((i * 37) % 100).padStart(2, '0')}`,
  }));
  const rules: Scoring[] = [
    { type: 'linear', min: '60', max: '80' },
    {
      type: 'bands',
      bands: [
        { threshold: '55', score: '0.25' },
        { threshold: '65', score: '0.5' },
        { threshold: '75', score: '1' },
      ],
    },
    { type: 'binary', target: '70' },
    { type: 'improvement', min: '0', max: '15' },
    { type: 'gap-to-goal', target: '85', floor: '50' },
  ];
  const metrics = Array.from({ length: 24 }, (_, i) => ({
    id: `metric-${String(i + 1).padStart(2, '0')}`,
    name: `Outcome ${i + 1}`,
    unit: '%',
    direction: 'higher-is-better' as const,
    baseline: '62',
    per: '100',
    clause: `Schedule 3 para ${Math.floor(i / 6) + 1}.${(i % 6) + 1}`,
    accountable: providers.filter((_, p) => (p + i) % 3 !== 0).map((p) => p.id),
    scoring: rules[i % rules.length]!,
  }));
  const contract: ContractInput = {
    id: 'reference-12x24',
    name: 'Benchmark reference alliance',
    version: '1',
    currency: 'GBP',
    term: { start: '2026-04-01', end: '2027-03-31' },
    periods: [{ id: '2026-27', start: '2026-04-01', end: '2027-03-31' }],
    parties: [
      { id: 'icb', name: 'ICB', role: 'commissioner' },
      { id: 'council', name: 'Council', role: 'commissioner' },
      ...providers,
    ],
    pools: [
      {
        id: 'outcomes',
        kind: 'outcome',
        name: 'Outcome pool',
        contributions: [
          { party: 'icb', amount: '4200000.00' },
          { party: 'council', amount: '1750000.00' },
          ...providers.map((p) => ({ party: p.id, percentOfContractValue: '2.5' })),
        ],
        metrics,
        gateways: [
          {
            id: 'data',
            name: 'Data returns',
            scope: 'provider',
            measure: 'data-returns',
            direction: 'higher-is-better',
            threshold: '1',
          },
        ],
        unearned: { to: 'contributors' },
        forfeited: { to: 'earning-providers' },
      },
    ],
  };
  const measurements: MeasurementInput[] = [
    ...metrics.map((m, i) => ({
      metric: m.id,
      period: '2026-27',
      numerator: String(4000 + ((i * 7919) % 3500)),
      denominator: '8000',
      exclusions: String(i * 3),
      status: 'final' as const,
    })),
    ...providers.map((p, i) => ({
      metric: 'data-returns',
      period: '2026-27',
      party: p.id,
      value: i === 5 ? '0' : '1',
      status: 'final' as const,
    })),
  ];
  return { contract, measurements };
}
