import * as z from 'zod';
import { contractSchema } from './schema.js';

/**
 * The contract's JSON Schema (draft 2020-12), for editors and for users in other languages.
 * It says what the zod schema says; the cross-checks of `validateContract` are not expressible in it.
 * @example
 * writeFileSync('contract.schema.json', JSON.stringify(contractJsonSchema(), null, 2));
 */
export function contractJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(contractSchema, { io: 'input' }) as Record<string, unknown>;
}
