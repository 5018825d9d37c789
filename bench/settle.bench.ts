/**
 * Benchmarks with targets (run with `npm run bench`; never a timed unit test).
 * Target (issue 2): median settle() of the 12-provider, 24-metric reference contract with the
 * trace on is at most 2 ms. Exits 1 when a target is missed.
 */
import { Bench } from 'tinybench';
import { allocate, defineContract, diffSettlements, settle, verifySettlement } from '../src/index.js';
import { settlementHashOf } from '../src/settle/document.js';
import { referenceContract } from './reference-contract.js';

const { contract: input, measurements } = referenceContract();
const contract = defineContract(input);
const weights = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${i}`, String(1_000_000 + i * 7_919)]));

// The same contract over a year: a provider joins on 1 October, monthly payments on account of
// the guaranteed value and of the incentive, settled to 30 September (issue 5).
const [firstProvider] = input.parties.filter((p) => p.role === 'provider');
const timed = defineContract({
  ...input,
  parties: input.parties.map((p) => (p.id === firstProvider!.id ? { ...p, joins: '2026-10-01' } : p)),
  paymentsOnAccount: [
    { id: 'monthly', pays: 'guaranteed', payer: 'icb', frequency: 'month' },
    { id: 'incentive', pays: 'outcome', pool: 'outcomes', payer: 'icb', expected: '80', frequency: 'month' },
  ],
});
const yearEnd = settle(timed, measurements, { period: '2026-27' });
const yearToDate = settle(timed, measurements, { period: '2026-27', asOf: '2026-09-30' });

const targets: Record<string, number> = {
  'settle 12 providers x 24 metrics (validated contract)': 2,
  'settle the same year to date, with a joiner and monthly payments on account': 4,
};
const bench = new Bench({ time: 3000, warmupTime: 500 });
bench
  .add('settle 12 providers x 24 metrics (validated contract)', () => {
    settle(contract, measurements, { period: '2026-27' });
  })
  .add('settle 12 providers x 24 metrics (raw contract, validated each call)', () => {
    settle(input, measurements, { period: '2026-27' });
  })
  .add('settle the same year to date, with a joiner and monthly payments on account', () => {
    settle(timed, measurements, { period: '2026-27', asOf: '2026-09-30' });
  })
  .add('settlementHash of the year-end document (RFC 8785 text + SHA-256)', () => {
    settlementHashOf(yearEnd);
  })
  .add('verifySettlement of the year-end document', () => {
    verifySettlement(yearEnd, timed, measurements);
  })
  .add('diffSettlements: year to date against year end', () => {
    diffSettlements(yearToDate, yearEnd);
  })
  .add('defineContract 12 providers x 24 metrics', () => {
    defineContract(input);
  })
  .add('allocate £42,000,000.00 over 12 parties', () => {
    allocate({ amount: '42000000.00', currency: 'GBP' }, weights);
  });
// splitIntoInstalments and proRata over many parts: bench/instalments.bench.ts.

await bench.run();

let failed = false;
console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
for (const task of bench.tasks) {
  const result = task.result;
  if (result.state !== 'completed') {
    console.log(`${task.name}: ${result.state}`);
    failed = true;
    continue;
  }
  const median = result.latency.p50;
  const target = targets[task.name];
  const verdict =
    target === undefined ? '' : median <= target ? `  target ≤ ${target} ms: met` : `  target ≤ ${target} ms: MISSED`;
  if (target !== undefined && median > target) failed = true;
  console.log(
    `${task.name}: median ${median.toFixed(3)} ms, mean ${result.latency.mean.toFixed(3)} ms, p99 ${result.latency.p99.toFixed(3)} ms, ${result.latency.samplesCount} samples${verdict}`,
  );
}
// Memory: what 20 settlements kept alive take, per settlement (exact when run with --expose-gc).
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage().heapUsed;
const kept = Array.from({ length: 20 }, () => settle(contract, measurements, { period: '2026-27' }));
gc?.();
const perSettlement = (process.memoryUsage().heapUsed - before) / kept.length;
console.log(
  `one settlement: ${Object.keys(kept[0]!.trace).length} trace nodes, ${JSON.stringify(kept[0]).length} bytes of JSON, ${Math.round(perSettlement / 1024)} KiB retained${gc ? '' : ' (approximate: run with --expose-gc)'}`,
);
process.exitCode = failed ? 1 : 0;
