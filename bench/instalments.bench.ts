/**
 * Benchmarks of the day counts (run with `npm run bench`; never a timed unit test).
 * Linear in the number of parts (issue 12): splitIntoInstalments with 120, 480, 960 and 12,000
 * monthly instalments, in "actual/actual" and in "twelfths", and proRata over spans of 10, 40, 80
 * and 1,000 years, side by side in one run so that the growth per part can be read off. Before the
 * fix, 480 monthly instalments in twelfths took 1.3 s and 960 took 5.0 s.
 */
import { Bench } from 'tinybench';
import { proRata, splitIntoInstalments } from '../src/index.js';

const SPANS = [
  [120, '2026-04-01', '2036-03-31'],
  [480, '2026-04-01', '2066-03-31'],
  [960, '2026-04-01', '2106-03-31'],
  [12_000, '1900-04-01', '2900-03-31'],
] as const;
const DAY_COUNTS = ['actual/actual', 'twelfths'] as const;

const bench = new Bench({ time: 1000, warmupTime: 200 });
const rows: { label: string; parts: number; tasks: Record<string, string> }[] = [];
for (const [count, start, end] of SPANS) {
  const tasks: Record<string, string> = {};
  for (const dayCount of DAY_COUNTS) {
    const name = `splitIntoInstalments ${count} monthly, ${dayCount}`;
    tasks[`split ${dayCount}`] = name;
    bench.add(name, () => {
      splitIntoInstalments(
        { amount: '1000000000.00', currency: 'GBP' },
        { start, end },
        { frequency: 'month', dayCount },
      );
    });
  }
  for (const dayCount of DAY_COUNTS) {
    const name = `proRata over ${count} months, ${dayCount}`;
    tasks[`proRata ${dayCount}`] = name;
    // the second half of the span, as a fraction of the whole
    const middle = `${Number(start.slice(0, 4)) + count / 24}${start.slice(4)}`;
    bench.add(name, () => {
      proRata({ start: middle, end }, { start, end }, { dayCount });
    });
  }
  rows.push({ label: `${count.toLocaleString('en-GB')} months (${start} to ${end})`, parts: count, tasks });
}

await bench.run();

const median = (name: string) => bench.tasks.find((t) => t.name === name)?.result;
let failed = false;
console.log(`node ${process.version}, ${process.platform} ${process.arch}; medians in ms (µs per part)`);
const columns = Object.keys(rows[0]!.tasks);
console.log(['span', ...columns].join(' | '));
for (const row of rows) {
  const cells = columns.map((column) => {
    const result = median(row.tasks[column]!);
    if (result?.state !== 'completed') {
      failed = true;
      return result?.state ?? 'missing';
    }
    const ms = result.latency.p50;
    return `${ms.toFixed(3)} (${((ms * 1000) / row.parts).toFixed(2)})`;
  });
  console.log([row.label, ...cells].join(' | '));
}
process.exitCode = failed ? 1 : 0;
