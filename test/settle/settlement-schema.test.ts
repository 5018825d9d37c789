import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ContractError,
  defineContract,
  diffSettlements,
  settle,
  settlementJsonSchema,
  type MeasurementInput,
  type Settlement,
} from '../../src/index.js';
import { settlementSchema } from '../../src/settle/schema.js';
import { contractArb, PERIOD } from '../properties/contract-arbitrary.js';

// The settlement is a schema (issue 11): what settle writes must pass it exactly, what is passed
// back in is checked against it, and it exports as JSON Schema with a `format` version.
const EXAMPLES = new URL('../../examples/', import.meta.url);
const examples = readdirSync(EXAMPLES, { withFileTypes: true }).filter((e) => e.isDirectory());
const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, EXAMPLES), 'utf8'));

describe('the settlement schema', () => {
  it('accepts every expected/ settlement of every example, byte for byte what settle wrote', () => {
    let checked = 0;
    for (const example of examples) {
      const dir = new URL(`${example.name}/expected/`, EXAMPLES);
      let files: string[] = [];
      try {
        files = readdirSync(dir);
      } catch {
        continue;
      }
      for (const file of files) {
        const parsed = settlementSchema.safeParse(read(`${example.name}/expected/${file}`));
        expect(parsed.error?.issues ?? [], `${example.name}/${file}`).toEqual([]);
        expect(parsed.data?.format).toBe(2);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(9);
  });

  it('accepts the settlement of every period of every example (every pool kind)', () => {
    let kinds = new Set<string>();
    for (const example of examples) {
      const declared = read(`${example.name}/contract.json`) as { periods: { id: string }[] };
      const contract = defineContract(declared);
      const measurements = read(`${example.name}/measurements.json`) as MeasurementInput[];
      for (const { id } of declared.periods) {
        let settlement: Settlement;
        try {
          settlement = settle(contract, measurements, { period: id });
        } catch {
          continue; // a period whose measurements the example does not give
        }
        expect(settlementSchema.safeParse(settlement).error?.issues ?? [], `${example.name} ${id}`).toEqual([]);
        kinds = new Set([...kinds, ...contract.pools.map((p) => p.kind)]);
      }
    }
    expect([...kinds].sort()).toEqual(['outcome', 'points', 'pooled-budget', 'rate-card', 'risk-share']);
  });

  it('accepts what settle writes for random valid contracts', () => {
    fc.assert(
      fc.property(contractArb(), (g) => {
        const settlement = settle(defineContract(g.contract), g.measurements, { period: PERIOD });
        expect(settlementSchema.safeParse(settlement).error?.issues ?? []).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a settlement of another format, or with a key settle does not write, naming the part', () => {
    const contract = defineContract(read('shared-savings-aco/contract.json'));
    const s = settle(contract, read('shared-savings-aco/measurements.json') as MeasurementInput[], { period: '2026' });
    const refused = (before: unknown) => {
      try {
        diffSettlements(before as Settlement, s);
      } catch (error) {
        expect(error).toBeInstanceOf(ContractError);
        return (error as ContractError).issues.map((i) => [i.path, i.code, i.message]);
      }
      return [];
    };
    expect(refused({ ...s, format: 1 })).toEqual([
      ['before', 'invalid_settlement', expect.stringContaining('its format is missing or not as settle writes it')],
    ]);
    expect(refused({ ...s, extra: true })).toEqual([
      ['before', 'invalid_settlement', expect.stringContaining('its extra is missing or not as settle writes it')],
    ]);
    expect(refused({ ...s, pools: [{ ...s.riskShares[0] }] })).toEqual([
      ['before', 'invalid_settlement', expect.stringContaining('its pools is missing')],
    ]);
    expect(refused(s)).toEqual([]);
    // found by the fuzz harness: a figure passed back as negative zero was echoed into the diff
    expect(refused({ ...s, riskShares: [{ ...s.riskShares[0]!, commissionerShare: '-0.00' }] })).toEqual([
      ['before', 'invalid_settlement', expect.stringContaining('its riskShares is missing or not as settle writes it')],
    ]);
  });

  it('exports as JSON Schema (draft 2020-12) with the format, closed objects and the recursive segments', () => {
    const schema = settlementJsonSchema() as {
      $schema: string;
      properties: Record<string, { const?: unknown }>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.format).toEqual(expect.objectContaining({ const: 2 }));
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'format',
        'contractHash',
        'measurementsHash',
        'options',
        'inputsHash',
        'settlementHash',
        'parties',
        'trace',
        'segments',
      ]),
    );
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).toContain('"$ref"');
  });

  it('ships as schema/settlement.schema.json in the package, the same as settlementJsonSchema()', () => {
    // rewritten with UPDATE_EXPECTED=1 after a deliberate change to the settlement's shape
    const file = new URL('../../schema/settlement.schema.json', import.meta.url);
    const text = `${JSON.stringify(settlementJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_EXPECTED === '1') writeFileSync(file, text);
    expect(readFileSync(file, 'utf8')).toBe(text);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      files: string[];
      exports: Record<string, unknown>;
    };
    expect(pkg.files).toContain('schema');
    expect(pkg.exports['./schema/settlement.schema.json']).toBe('./schema/settlement.schema.json');
  });
});
