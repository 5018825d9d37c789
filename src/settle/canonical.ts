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
]);

const sortKey = (item: unknown): string => {
  if (typeof item === 'string') return item;
  if (typeof item === 'object' && item !== null) {
    const o = item as Record<string, unknown>;
    return [o.id, o.party, o.period, o.metric].map((v) => (typeof v === 'string' ? v : '')).join('\u0000');
  }
  return '';
};

/**
 * Canonical JSON: object keys sorted, set-like arrays sorted by id (or party, period, metric),
 * undefined dropped. Two inputs that differ only in the order of their sets give the same text.
 */
export function canonicalJson(value: unknown, key?: string): string {
  if (Array.isArray(value)) {
    const items =
      key !== undefined && SET_KEYS.has(key)
        ? value
            .map((item) => ({ item, text: canonicalJson(item), sort: sortKey(item) }))
            .sort((a, b) => compareIds(a.sort, b.sort) || compareIds(a.text, b.text))
        : value.map((item) => ({ item, text: canonicalJson(item) }));
    return `[${items.map((i) => i.text).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort(compareIds)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k], k)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
