// Settles the bundled example with the built package and prints each party's payment.
// Run from the repository root: `npm run demo` (it builds first).
import { readFileSync } from 'node:fs';
import { defineContract, explain, settle } from 'alliance-payments';

const here = new URL('.', import.meta.url);
const contract = defineContract(JSON.parse(readFileSync(new URL('contract.json', here), 'utf8')));
const measurements = JSON.parse(readFileSync(new URL('measurements.json', here), 'utf8'));
const settlement = settle(contract, measurements, { period: '2026-27' });

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

console.log(`${settlement.contract.name}`);
console.log(
  `Settlement for ${settlement.period.id} (${settlement.period.start} to ${settlement.period.end}), ${settlement.status}`,
);
console.log(`engine ${settlement.engine.version}, inputs SHA-256 ${settlement.inputsHash}\n`);

console.log('Outcome metrics');
console.log(
  table(
    ['metric', 'measured', 'score', 'weight', 'at risk', 'earned by score'],
    settlement.metrics.map((m) => [
      m.id,
      m.measured ?? 'missing',
      m.score,
      m.weight,
      groups(m.atRisk),
      groups(m.earnedByScore),
    ]),
    1,
  ),
);
for (const g of settlement.gateways.filter((g) => !g.met))
  console.log(`gateway ${g.id} not met by ${g.party ?? 'the pool'}`);

console.log('\nPayments by party');
console.log(
  table(
    ['party', 'contract value', 'at risk', 'guaranteed', 'earned', 'redistributed', 'returned', 'total'],
    settlement.parties.map((p) => [
      p.name,
      p.contractValue ? groups(p.contractValue) : '',
      groups(p.contributed),
      p.guaranteed ? groups(p.guaranteed) : '',
      groups(p.earned),
      groups(p.redistributed),
      groups(p.returned),
      groups(p.total),
    ]),
    1,
  ),
);

for (const pool of settlement.pools) {
  const c = pool.conservation;
  console.log(`\nPool ${pool.id}: in ${groups(c.in)}, out ${groups(c.out)}, difference ${groups(c.difference)}`);
}

const acute = settlement.parties.find((p) => p.id === 'acute');
console.log('\nWhy the acute trust earned what it did (first levels of the trace):');
console.log(explain(settlement, acute.pools[0].trace.earnedByScore, 2));
