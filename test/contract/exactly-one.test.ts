import { describe, expect, it } from 'vitest';
import { contractJsonSchema } from '../../src/index.js';

// Either/or fields (an amount or a percentage, a budget or budgets, a rate's percent or
// oneMinusGain, a quality score's measure or pool, a limit's one basis) are typed as unions, and
// the JSON Schema says "exactly one" as `oneOf`, so an editor refuses both or neither too.
type Node = { properties?: Record<string, unknown>; oneOf?: { required: string[] }[] };

function objectsWith(schema: unknown, keys: readonly string[], only: boolean): Node[] {
  const found: Node[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      const object = node as Node;
      const names = Object.keys(object.properties ?? {});
      if (keys.every((key) => names.includes(key)) && (!only || names.length === keys.length)) found.push(object);
      Object.values(node).forEach(visit);
    }
  };
  visit(schema);
  return found;
}

describe('fields of which a contract gives exactly one', () => {
  const schema = contractJsonSchema();
  const cases: [string, string[], boolean?][] = [
    ['outcome pool contribution and member cap', ['amount', 'percentOfContractValue']],
    ['risk-share budget', ['budget', 'budgets']],
    ['sharing rate', ['percent', 'fraction', 'oneMinusGain']],
    ['quality score source', ['measure', 'pool'], true],
    ['cap or limit basis', ['amount', 'percentOfBudget', 'percentOfRevenue']],
  ];
  for (const [what, keys, only = false] of cases) {
    it(`${what}: ${keys.join(' | ')} is oneOf in the JSON Schema`, () => {
      const objects = objectsWith(schema, keys, only);
      expect(objects.length).toBeGreaterThan(0);
      for (const object of objects) expect(object.oneOf).toEqual(keys.map((key) => ({ required: [key] })));
    });
  }
});
