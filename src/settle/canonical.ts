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

/**
 * Canonical JSON, as in RFC 8785 (JCS) over the sorted form: object keys sorted, undefined
 * dropped, strings escaped as JSON escapes them, and every order-free list (as the schemas mark
 * them) sorted by its items' id (or party, period, metric), then by their canonical text. Two
 * inputs that differ only in the order of their sets give the same text.
 *
 * Written here rather than taken from the `canonicalize` package: its current release needs
 * Node 22 and ships no CommonJS, and this library runs on Node 20 and ships both. It departs
 * from RFC 8785 in one corner only: keys sort by Unicode code point, the library's one order
 * (design.md section 4), where JCS sorts UTF-16 code units; the two differ only when one key
 * has a character above U+FFFF where another has one from U+E000 to U+FFFF, which no id can.
 *
 * @example
 * canonicalJson({ b: '1', parties: [{ id: 'y' }, { id: 'x' }] });
 * // '{"b":"1","parties":[{"id":"x"},{"id":"y"}]}'
 */
export function canonicalJson(value: unknown, key?: string): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) {
    if (key !== undefined && KEYS.orderFree.has(key)) {
      const items = value.map((item: unknown) => ({ text: canonicalJson(item), sort: sortKey(item) }));
      items.sort((a, b) => compareIds(a.sort, b.sort) || compareIds(a.text, b.text));
      return `[${items.map((i) => i.text).join(',')}]`;
    }
    return `[${value.map((item: unknown) => canonicalJson(item)).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort(compareIds);
    let text = '{';
    for (const k of keys) {
      const v = record[k];
      if (v === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${quote(k)}:${canonicalJson(v, k)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
