import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  defineContract,
  restate,
  settle,
  verifySettlement,
  type ContractInput,
  type MeasurementInput,
  type Settlement,
  type SettleOptions,
} from '../src/index.js';

// Each example keeps its settlements in `expected/`, compared byte for byte: the auditor's fixture
// (a settlement any later engine must reproduce from the same files) and the guard that a refactor
// changes no figure. After a deliberate change, rewrite them with `UPDATE_EXPECTED=1 npx vitest run
// examples/expected.test.ts` and say in the commit why each file changed.
const CASES: readonly { example: string; file: string; options: SettleOptions; restated?: true }[] = [
  { example: 'care-homes-vanguard', file: 'settlement-2026-27', options: { period: '2026-27' } },
  { example: 'ics-system-control-total', file: 'settlement-2026-27', options: { period: '2026-27' } },
  {
    example: 'one-hackney-alliance',
    file: 'settlement-2026-27-q2',
    options: { period: '2026-27', asOf: '2026-09-30', knownAt: '2026-10-31' },
  },
  {
    example: 'one-hackney-alliance',
    file: 'settlement-2026-27',
    options: { period: '2026-27', knownAt: '2027-05-31' },
  },
  {
    example: 'one-hackney-alliance',
    file: 'settlement-2026-27-restated',
    options: { period: '2026-27', knownAt: '2027-05-31' },
    restated: true,
  },
  { example: 'outcomes-rate-card', file: 'settlement-2026-27', options: { period: '2026-27' } },
  { example: 'project-alliance-target-cost', file: 'settlement-completion', options: { period: 'completion' } },
  { example: 'shared-savings-aco', file: 'settlement-2026', options: { period: '2026' } },
  { example: 'wakefield-pooled-budget', file: 'settlement-2026-27', options: { period: '2026-27' } },
];

const update = process.env.UPDATE_EXPECTED === '1';
const read = (example: string, file: string): unknown =>
  JSON.parse(readFileSync(new URL(`${example}/${file}`, import.meta.url), 'utf8'));

describe('every example settles exactly as its expected/ files say', () => {
  for (const { example, file, options, restated } of CASES) {
    it(`${example}: ${file}.json`, () => {
      const contract = defineContract(read(example, 'contract.json'));
      const measurements = read(example, 'measurements.json') as MeasurementInput[];
      let settlement = settle(contract, measurements, options);
      if (restated) settlement = restate(settlement, contract, measurements).settlement;
      const text = `${JSON.stringify(settlement, null, 2)}\n`;
      const target = new URL(`${example}/expected/${file}.json`, import.meta.url);
      if (update || !existsSync(target)) {
        if (!update) throw new Error(`${example}/expected/${file}.json is missing: run with UPDATE_EXPECTED=1`);
        mkdirSync(new URL(`${example}/expected/`, import.meta.url), { recursive: true });
        writeFileSync(target, text);
      }
      expect(text).toBe(readFileSync(target, 'utf8'));
      // and the file, read back as an auditor would, is reproduced from the example's files
      const saved = JSON.parse(readFileSync(target, 'utf8')) as Settlement;
      const check = verifySettlement(saved, read(example, 'contract.json') as ContractInput, measurements);
      expect(check.differences).toEqual([]);
      expect(check.reproduced).toBe(true);
    });
  }
});
