import * as z from 'zod';
import { settlementSchema } from './schema.js';

/**
 * The settlement's JSON Schema (draft 2020-12): the shape `settle` writes, for auditors' tools
 * and for users in other languages who read settlements. Every object is closed (no key the
 * engine does not write), every figure a decimal string, and `format` says which version of the
 * shape a file holds.
 * @example
 * writeFileSync('settlement.schema.json', JSON.stringify(settlementJsonSchema(), null, 2));
 */
export function settlementJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(settlementSchema, { io: 'output' }) as Record<string, unknown>;
}
