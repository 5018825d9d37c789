import { compareIds } from '../money/order.js';

/** Keys whose arrays are sets: their order in a file carries no meaning, so it is not hashed. */
const SET_KEYS = new Set([
  'parties',
  'pools',
  'metrics',
  'gateways',
  'periods',
  'contributions',
  'accountable',
  'eligible',
  'measurements',
  'members',
  'steps',
  'lines',
  'paymentsOnAccount',
  'instalments',
  'variations',
]);

const sortKey = (item: unknown): string => {
  if (typeof item === 'string') return item;
  if (typeof item === 'object' && item !== null) {
    const o = item as Record<string, unknown>;
    return [o.id, o.party, o.period, o.metric].map((v) => (typeof v === 'string' ? v : '')).join('\u0000');
  }
  return '';
};

/** Text that JSON writes as it is: printable ASCII without a double quote or a backslash. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const quote = (text: string) => (PLAIN.test(text) ? `"${text}"` : JSON.stringify(text));

/**
 * Canonical JSON: object keys sorted, set-like arrays sorted by id (or party, period, metric),
 * undefined dropped. Two inputs that differ only in the order of their sets give the same text.
 */
export function canonicalJson(value: unknown, key?: string): string {
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) {
    if (key !== undefined && SET_KEYS.has(key)) {
      const items = value.map((item) => ({ text: canonicalJson(item), sort: sortKey(item) }));
      items.sort((a, b) => compareIds(a.sort, b.sort) || compareIds(a.text, b.text));
      return `[${items.map((i) => i.text).join(',')}]`;
    }
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
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
