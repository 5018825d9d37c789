import type { Random } from './random.js';

/*
 * The values a fuzzed input is made of: decimals and dates that are extreme or malformed, ids in
 * every script and with every control character, keys that pollute prototypes, and values deep or
 * large enough to find where the library's limits are (README, "Limits").
 */

/** Figures no contract should hold, and some at the edge of what it may. */
export const DECIMALS: readonly (() => unknown)[] = [
  () => '1e400',
  () => '1E5',
  () => `0.${'0'.repeat(499)}1`,
  () => `${'9'.repeat(400)}.99`,
  () => '-0',
  () => '-0.00',
  () => '+1',
  () => ' 1',
  () => '1 ',
  () => '1,000.00',
  () => '1_000',
  () => '.5',
  () => '5.',
  () => '0x10',
  () => '١٢٣',
  () => '1.005',
  () => '0.001',
  () => '-1',
  () => '-0.01',
  () => '0',
  () => '100',
  () => '100.000000000000000001',
  () => '99999999999999999999.99',
  () => 'NaN',
  () => 'Infinity',
  () => '',
  () => NaN,
  () => Infinity,
  () => -0,
  () => 0.1 + 0.2,
  () => 1e21,
  () => 12,
  () => 12n,
  () => ({ percent: '50' }),
  () => ({ fraction: '0.5' }),
  () => ({ percent: '-0' }),
  () => ({ fraction: '1e400' }),
  () => ({ percent: '50', fraction: '0.5' }),
];

/** Dates that are not, or barely are, dates. */
export const DATES: readonly (() => unknown)[] = [
  () => '2026-02-30',
  () => '2028-02-29',
  () => '2027-02-29',
  () => '0000-01-01',
  () => '1899-12-31',
  () => '1900-01-01',
  () => '2999-12-31',
  () => '3000-01-01',
  () => '9999-12-31',
  () => '2026-4-1',
  () => '2026-04-01T00:00:00Z',
  () => ' 2026-04-01',
  () => 'tomorrow',
  () => '',
  () => 20260401,
  () => new Date(0),
];

/** Ids in every script, with combining marks, emoji, control characters, and very long. */
export const IDS: readonly (() => unknown)[] = [
  () => 'שותף-א',
  () => '\u202eevil\u202c',
  () => 'e\u0301\u0301\u0301',
  () => '🏥👩‍⚕️',
  () => 'a\u0000b',
  () => '\u0000',
  () => 'a\nb',
  () => ' ',
  () => '',
  () => '__proto__',
  () => 'constructor',
  () => 'prototype',
  () => 'toString',
  () => 'hasOwnProperty',
  () => 'x'.repeat(201),
  () => 'x'.repeat(5000),
  () => 'é'.repeat(300),
  () => '\ud800',
  () => 'A'.repeat(64),
];

/** Keys that, written naively, reach a prototype. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** A value `depth` lists (or objects) deep. */
export function nested(depth: number, objects: boolean): unknown {
  let value: unknown = objects ? { id: 'x' } : 'x';
  for (let i = 0; i < depth; i++) value = objects ? { value } : [value];
  return value;
}

/** Any odd value, of any kind. */
export function oddValue(random: Random): unknown {
  switch (random.int(9)) {
    case 0:
      return random.pick(DECIMALS)();
    case 1:
      return random.pick(DATES)();
    case 2:
      return random.pick(IDS)();
    case 3:
      return nested(random.pick([3, 65, 200, 2000, 10_000]), random.chance(0.5));
    case 4:
      return 'x'.repeat(random.chance(0.1) ? 1_000_000 : random.pick([1000, 100_000]));
    case 5:
      return random.pick([null, undefined, true, false, [], {}, [null], [[]], Object.create(null) as object]);
    case 6:
      return JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}') as unknown;
    case 7:
      return random.pick([Symbol('s'), () => 1, new Map([['a', '1']]), new Set(['a'])]);
    default:
      return random.pick([0, -1, 1.5, NaN, -Infinity, Number.MAX_SAFE_INTEGER + 2, 10n]);
  }
}
