// Settles the bundled example's year with the built package: the quarter-two year to date, the
// year end with each provider's reconciliation, and the restatement after a figure was revised.
// Run from the repository root: `npm run demo` (it builds first).
import { readFileSync } from 'node:fs';
import { defineContract, explain, restate, settle } from 'alliance-payments';

const here = new URL('.', import.meta.url);
const contract = defineContract(JSON.parse(readFileSync(new URL('contract.json', here), 'utf8')));
const measurements = JSON.parse(readFileSync(new URL('measurements.json', here), 'utf8'));

const pad = (text, width, right) => (right ? String(text).padStart(width) : String(text).padEnd(width));
const groups = (amount) => {
  const [whole, pence] = amount.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  return `${sign}£${whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${pence}`;
};
const table = (headers, rows, rightFrom) => {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => pad(c, widths[i], i >= rightFrom)).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};
const heading = (text) => console.log(`\n${text}\n${'='.repeat(text.length)}`);
const metricsTable = (settlement) =>
  table(
    ['metric', 'revision', 'measured', 'score', 'at risk', 'earned by score'],
    settlement.metrics.map((m) => {
      const used = settlement.measurements.find((x) => x.metric === m.id && x.party === null);
      return [
        m.id,
        used ? `${used.revision} ${used.status}` : 'missing',
        m.measured ?? 'missing',
        m.score,
        groups(m.atRisk),
        groups(m.earnedByScore),
      ];
    }),
    2,
  );

console.log(contract.name);

// 1. Quarter two: the year to 30 September, on the figures received by the end of October
const q2 = settle(contract, measurements, { period: '2026-27', asOf: '2026-09-30', knownAt: '2026-10-31' });
heading(
  `Quarter two: ${q2.resolution.coverage.start} to ${q2.resolution.coverage.end} (${q2.resolution.partOfYear}), ${q2.status}`,
);
console.log(metricsTable(q2));
console.log(
  '\n' +
    table(
      ['party', 'entitled to date', 'paid on account', 'balance'],
      q2.parties
        .filter((p) => p.reconciliation)
        .map((p) => [
          p.name,
          groups(p.total),
          groups(p.reconciliation.paidOnAccount),
          groups(p.reconciliation.balance),
        ]),
      1,
    ),
);

// 2. The year end, on the final figures received by the end of May
const yearEnd = settle(contract, measurements, { period: '2026-27', knownAt: '2027-05-31' });
heading(`Year end ${yearEnd.period.id} (${yearEnd.period.start} to ${yearEnd.period.end}), ${yearEnd.status}`);
console.log(`engine ${yearEnd.engine.version}, inputs SHA-256 ${yearEnd.inputsHash}`);
for (const p of yearEnd.resolution.inForce)
  console.log(`${p.party} is in force ${p.from} to ${p.to}: ${p.proRata}, so its amounts are pro-rated`);
console.log(`\n${metricsTable(yearEnd)}`);
for (const g of yearEnd.gateways.filter((g) => !g.met))
  console.log(`gateway ${g.id} not met by ${g.party ?? 'the pool'}: its share is forfeited`);
console.log(
  '\n' +
    table(
      [
        'party',
        'contract value',
        'at risk',
        'earned',
        'redistributed',
        'returned',
        'total',
        'paid on account',
        'balance',
      ],
      yearEnd.parties.map((p) => [
        p.name,
        p.contractValue ? groups(p.contractValue) : '',
        groups(p.contributed),
        groups(p.earned),
        groups(p.redistributed),
        groups(p.returned),
        groups(p.total),
        p.reconciliation ? groups(p.reconciliation.paidOnAccount) : '',
        p.reconciliation ? groups(p.reconciliation.balance) : '',
      ]),
      1,
    ),
);
for (const pool of yearEnd.pools) {
  const c = pool.conservation;
  console.log(`\nPool ${pool.id}: in ${groups(c.in)}, out ${groups(c.out)}, difference ${groups(c.difference)}`);
}

// 3. The restatement after ONS revised the deaths figure in June
const { settlement: restated, diff } = restate(yearEnd, contract, measurements);
heading(`Restatement: ${restated.status}, inputs SHA-256 ${restated.inputsHash}`);
for (const m of diff.measurements)
  console.log(
    `${m.metric}: revision ${m.from?.revision} (${m.from?.value}) → revision ${m.to?.revision} (${m.to?.value})`,
  );
console.log(
  '\n' +
    table(
      ['party', 'total before', 'total after', 'difference'],
      diff.parties.map((p) => {
        const total = p.changes.find((c) => c.figure === 'total');
        return [p.id, groups(total.from), groups(total.to), groups(total.difference)];
      }),
      1,
    ),
);

const acute = yearEnd.parties.find((p) => p.id === 'acute');
console.log('\nWhy the acute trust earned what it did at the year end (first levels of the trace):');
console.log(explain(yearEnd, acute.pools[0].trace.earnedByScore, 2));
