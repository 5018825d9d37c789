import * as z from 'zod';
import { orderFree, orderFreeLists } from '../base/schema.js';
import { contractSchema } from '../contract/schema.js';
import { measurementSchema } from '../measure/schema.js';
import { compareIds } from '../money/order.js';

/**
 * The keys whose lists are order-free, read off the schemas' marks (`orderFree`) once, at load:
 * which lists are sets is written beside each list's schema, never kept here by hand.
 */
function orderFreeKeys(...roots: z.core.$ZodType[]): {
  readonly orderFree: Set<string>;
  readonly ordered: Set<string>;
} {
  const orderFree = new Set<string>();
  const ordered = new Set<string>();
  const seen = new Set<z.core.$ZodType>();
  const visit = (schema: z.core.$ZodType, key: string | undefined): void => {
    if (seen.has(schema)) return;
    seen.add(schema);
    if (schema instanceof z.ZodArray) {
      if (key !== undefined) (orderFreeLists.has(schema) ? orderFree : ordered).add(key);
      visit(schema.element, undefined);
    } else if (schema instanceof z.ZodObject) {
      for (const [name, field] of Object.entries(schema.shape)) visit(field, name);
    } else if (
      schema instanceof z.ZodOptional ||
      schema instanceof z.ZodNullable ||
      schema instanceof z.ZodDefault ||
      schema instanceof z.ZodReadonly
    ) {
      visit(schema.unwrap(), key);
    } else if (schema instanceof z.ZodUnion) {
      for (const option of schema.options) visit(option, key);
    } else if (schema instanceof z.ZodRecord) {
      visit(schema.valueType, undefined);
    } else if (schema instanceof z.ZodPipe) {
      visit(schema.in, key);
    } else if (schema instanceof z.ZodLazy) {
      visit(schema.unwrap(), key);
    }
  };
  for (const root of roots) visit(root, undefined);
  return { orderFree, ordered };
}

/**
 * What the inputs hash covers, as a schema: the contract's own hash, this period's measurements
 * (a set: a file may list them in any order), the period, `asOf` and `knownAt`, and what was
 * brought forward from the previous year.
 */
const hashedInputsSchema = z.object({
  contract: z.string(),
  measurements: orderFree(z.array(measurementSchema)),
  period: z.string(),
});

const KEYS = orderFreeKeys(contractSchema, hashedInputsSchema);
const both = [...KEYS.orderFree].filter((key) => KEYS.ordered.has(key));
// The canonical form finds a list by its key, so a key must mean a set everywhere or nowhere;
// a schema that breaks this is a bug in this library, caught here when it loads (and by its tests).
if (both.length > 0) throw new Error(`internal: ${both.join(', ')} name both order-free and ordered lists`);

/** The keys whose lists are order-free, in code-point order (for tests and the contributor guide). */
export const ORDER_FREE_KEYS: readonly string[] = [...KEYS.orderFree].sort(compareIds);

const sortKey = (item: unknown): string => {
  if (typeof item === 'string') return item;
  if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
    const o = item as Record<string, unknown>;
    return [o.id, o.party, o.period, o.metric].map((v) => (typeof v === 'string' ? v : '')).join('\u0000');
  }
  return '';
};

/** Text that JSON writes as it is: printable ASCII without a double quote or a backslash. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const quote = (text: string) => (PLAIN.test(text) ? `"${text}"` : JSON.stringify(text));

/** RFC 8785 orders keys by their UTF-16 code units, which is how JavaScript compares strings. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * RFC 8785 (JCS) canonical JSON: object keys sorted by UTF-16 code units, no whitespace, undefined
 * members dropped, strings escaped as JSON escapes them and numbers written as ECMAScript writes
 * them. Any JCS implementation gives the same text (a test checks it against `canonicalize`, by
 * one of the RFC's authors), so a settlement's hash is reproduced outside this library.
 *
 * Written here rather than taken from the `canonicalize` package: its current release needs
 * Node 22 and ships no CommonJS, and this library runs on Node 20 and ships both; and the same
 * walk, with `sets`, sorts the order-free lists of contracts and measurements.
 *
 * @example
 * jcs({ b: '1', a: [2, 1] }); // '{"a":[2,1],"b":"1"}'
 */
export function jcs(value: unknown): string {
  return write(value, undefined, false);
}

/**
 * Canonical JSON of contract and measurement data: RFC 8785 (JCS) over the data with every
 * order-free list (as the schemas mark them) sorted by its items' id (or party, period, metric),
 * then by their canonical text. Two inputs that differ only in the order of their sets give the
 * same text, which is the JCS text of the sorted data. `key` names the list `value` is, when it is
 * one (`"measurements"` sorts a list of measurements).
 *
 * @example
 * canonicalJson({ b: '1', parties: [{ id: 'y' }, { id: 'x' }] });
 * // '{"b":"1","parties":[{"id":"x"},{"id":"y"}]}'
 */
export function canonicalJson(value: unknown, key?: string): string {
  return write(value, key, true);
}

function write(value: unknown, key: string | undefined, sets: boolean): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) {
    if (sets && key !== undefined && KEYS.orderFree.has(key)) {
      const items = value.map((item: unknown) => ({ text: write(item, undefined, sets), sort: sortKey(item) }));
      items.sort((a, b) => compareIds(a.sort, b.sort) || compareIds(a.text, b.text));
      return `[${items.map((i) => i.text).join(',')}]`;
    }
    return `[${value.map((item: unknown) => write(item, undefined, sets)).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort(byCodeUnits);
    let text = '{';
    for (const k of keys) {
      const v = record[k];
      if (v === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${quote(k)}:${write(v, k, sets)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
