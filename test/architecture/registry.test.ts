import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contractJsonSchema } from '../../src/index.js';
import { POOL_CHECKS } from '../../src/pools/schema.js';
import { POOL_KINDS, POOL_KIND_ORDER } from '../../src/pools/index.js';
import { sharingSteps } from '../../src/share/index.js';
import { settlementJsonSchema } from '../../src/index.js';

// Adding a pool kind or a sharing step is one folder and one registry line (README, "Adding a
// pool kind or a step"). This holds every registered one to the whole of it: a schema, checks, a
// settle (or apply) function, an entry in the JSON Schemas and a golden test that uses it.
const ROOT = join(import.meta.dirname, '../..');
const golden = readdirSync(join(ROOT, 'test/golden'))
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => readFileSync(join(ROOT, 'test/golden', file), 'utf8'))
  .join('\n');
const contractSchemaText = JSON.stringify(contractJsonSchema());
const settlementSchemaText = JSON.stringify(settlementJsonSchema());

describe('every registered pool kind', () => {
  it('is listed once, in the contract schema, the checks and the settle registry alike', () => {
    expect([...POOL_KIND_ORDER].sort()).toEqual(Object.keys(POOL_CHECKS).sort());
    expect(POOL_KIND_ORDER.length).toBe(5);
  });

  for (const kind of POOL_KIND_ORDER) {
    it(`${kind}: has checks, a settle function, cut and reads, JSON Schema entries and a golden test`, () => {
      expect(typeof POOL_CHECKS[kind]).toBe('function');
      const module = POOL_KINDS[kind];
      for (const hook of ['settle', 'cut', 'reads'] as const) expect(typeof module[hook]).toBe('function');
      expect(contractSchemaText).toContain(`"const":"${kind}"`);
      expect(settlementSchemaText).toContain(`"const":"${kind}"`);
      expect(golden).toContain(`kind: '${kind}'`);
      const folder = readdirSync(join(ROOT, 'src/pools', kind));
      expect(folder).toEqual(expect.arrayContaining(['index.ts', 'cut.ts', 'settle.ts', 'result-schema.ts']));
    });
  }
});

describe('every registered sharing step', () => {
  for (const [type, step] of Object.entries(sharingSteps)) {
    it(`${type}: has a schema, checks, an apply function, a JSON Schema entry and a golden test`, () => {
      expect(step.schema.safeParse({}).success).toBe(false);
      expect(typeof step.check).toBe('function');
      expect(typeof step.apply).toBe('function');
      expect(typeof step.sides).toBe('function');
      expect(contractSchemaText).toContain(`"const":"${type}"`);
      expect(golden).toContain(`type: '${type}'`);
      expect(readdirSync(join(ROOT, 'src/share'))).toContain(type);
    });
  }
});
