// Prints the mutation score per folder from Stryker's JSON report, and exits 1 when money/, share/
// or score/ is below 90 % (the floor issue 12 sets). Stryker's own table is per file; the target is per folder.
import { readFileSync } from 'node:fs';

const FLOOR = 90;
const GATED = ['src/money', 'src/share', 'src/score'];
const report = JSON.parse(readFileSync('reports/mutation/mutation.json', 'utf8'));

const folders = new Map();
for (const [file, { mutants }] of Object.entries(report.files)) {
  const folder = file.split('/').slice(0, 2).join('/');
  const tally = folders.get(folder) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0, other: 0 };
  for (const { status } of mutants) {
    if (status === 'Killed') tally.killed += 1;
    else if (status === 'Timeout') tally.timeout += 1;
    else if (status === 'Survived') tally.survived += 1;
    else if (status === 'NoCoverage') tally.noCoverage += 1;
    else tally.other += 1;
  }
  folders.set(folder, tally);
}

let failed = false;
console.log('folder          score   killed timeout survived no-cov ignored/errors');
for (const [folder, t] of [...folders].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const detected = t.killed + t.timeout;
  const valid = detected + t.survived + t.noCoverage;
  const score = valid === 0 ? 100 : (100 * detected) / valid;
  const gated = GATED.some((g) => folder.startsWith(g));
  if (gated && score < FLOOR) failed = true;
  console.log(
    `${folder.padEnd(15)} ${score.toFixed(2).padStart(6)}  ${String(t.killed).padStart(6)} ${String(t.timeout).padStart(7)} ${String(t.survived).padStart(8)} ${String(t.noCoverage).padStart(6)} ${String(t.other).padStart(6)}${gated && score < FLOOR ? '  below ' + FLOOR + ' %' : ''}`,
  );
}
process.exit(failed ? 1 : 0);
