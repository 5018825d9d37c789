import * as z from 'zod';
import { measurementSchema } from './schema.js';

/**
 * The JSON Schema (draft 2020-12) of a measurements file: an array of measurements.
 * @example
 * writeFileSync('measurements.schema.json', JSON.stringify(measurementsJsonSchema(), null, 2));
 */
export function measurementsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(z.array(measurementSchema), { io: 'input' }) as Record<string, unknown>;
}
